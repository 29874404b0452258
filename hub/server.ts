import crypto from 'node:crypto';
import zlib from 'node:zlib';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { FACILITY_LEVELS, facilityCodeSchema, identSchema, parseSyncRequest, rowIdSchema, scalarSchema, SYNC_LIMITS, type HubErrorCode } from '../shared/sync/protocol.js';
import { BundleError, importBundle } from './bundle.js';
import { authenticate, EnrollError, issueCredential, registerFacility, revokeCredential, sha256 } from './facilities.js';
import type { Hub } from './hub.js';
import { keyOf, loadRows } from './rows.js';

export interface HubServerOptions {
  hub: Hub;
  /** Bearer token of the hub administrator (admin HTTP). */
  adminToken: string;
  maxBodyBytes?: number;
  /** Fastify/pino logger options; false for none. */
  logger?: boolean | Record<string, unknown>;
  https?: { key: Buffer; cert: Buffer } | null;
}

const STATUS: Record<HubErrorCode, number> = {
  CREDENTIAL_MISSING: 401,
  CREDENTIAL_INVALID: 401,
  CREDENTIAL_REVOKED: 401,
  CREDENTIAL_EXPIRED: 401,
  MALFORMED: 400,
  BUNDLE_INVALID: 400,
  TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PROTOCOL_VERSION: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INTERNAL: 500,
};

function fail(reply: FastifyReply, error: HubErrorCode, message: string) {
  return reply.code(STATUS[error]).header('cache-control', 'no-store').send({ error, message });
}

class BodyError extends Error {
  constructor(readonly code: HubErrorCode) {
    super(code);
  }
}

const bearer = (req: FastifyRequest) => {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : null;
};

const enrollSchema = z.object({
  code: facilityCodeSchema,
  name: z.string().min(1).max(200),
  level: z.enum(FACILITY_LEVELS),
  parent: facilityCodeSchema.nullable().optional(),
  expiresDays: z.number().int().min(1).max(3650).optional(),
});
const rowsSchema = z.object({
  changes: z.array(z.object({ t: identSchema, id: rowIdSchema.optional(), f: z.record(identSchema, scalarSchema) })).min(1).max(SYNC_LIMITS.maxChangesPerBatch),
});

/** Sync answers larger than this are gzip-compressed (when the caller accepts it). */
const GZIP_ABOVE_BYTES = 1024;

/** The compressed body of each gzip request, as received. */
const gzipBodies = new WeakMap<FastifyRequest, Buffer>();

/** The hub's HTTP face: `POST /v1/sync` (gzip JSON), `/health`, and the administrator's `/admin/*`. */
export async function buildHubServer(options: HubServerOptions): Promise<FastifyInstance> {
  const { hub } = options;
  const maxBody = options.maxBodyBytes ?? SYNC_LIMITS.maxBodyBytes;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: maxBody,
    forceCloseConnections: true,
    ...(options.https ? { https: options.https } : {}),
  } as never) as unknown as FastifyInstance;

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body: Buffer, done) => {
    try {
      let raw = body;
      if (String(req.headers['content-encoding'] ?? '').toLowerCase() === 'gzip') {
        try {
          raw = zlib.gunzipSync(body, { maxOutputLength: SYNC_LIMITS.maxInflatedBytes });
          // Kept for the hub's log of batches received, as it came (hub/received.ts).
          gzipBodies.set(req, body);
        } catch (e) {
          throw new BodyError((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'TOO_LARGE' : 'MALFORMED');
        }
      }
      done(null, raw.length === 0 ? {} : JSON.parse(raw.toString('utf8')));
    } catch (e) {
      done(e instanceof BodyError ? e : new BodyError('MALFORMED'), undefined);
    }
  });
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_req, body: Buffer, done) => done(null, body));

  app.setErrorHandler((error: { statusCode?: number; code?: string } & Error, req, reply) => {
    if (error instanceof BodyError) return fail(reply, error.code, 'request body refused');
    if (error.statusCode === 413) return fail(reply, 'TOO_LARGE', `body larger than ${maxBody} bytes`);
    if (error.statusCode === 415) return fail(reply, 'UNSUPPORTED_MEDIA_TYPE', 'send application/json (gzip allowed)');
    if (error.statusCode && error.statusCode < 500) return fail(reply, 'MALFORMED', 'request refused');
    hub.log.error({ event: 'error', url: req.url, err: error.message });
    return fail(reply, 'INTERNAL', 'internal error');
  });
  app.setNotFoundHandler((_req, reply) => fail(reply, 'NOT_FOUND', 'no such route'));

  app.get('/health', async (_req, reply) => {
    await hub.db.query('SELECT 1');
    return reply.header('cache-control', 'no-store').send({ ok: true, facility: hub.identity.code, level: hub.identity.level, db: hub.db.kind });
  });

  app.post('/v1/sync', async (req, reply) => {
    const auth = await authenticate(hub.db, bearer(req), new Date(), true);
    if (!auth.ok) {
      hub.log.warn({ event: 'auth-refused', code: auth.code, ip: req.ip });
      return fail(reply, auth.code, 'credential refused');
    }
    const body = req.body as { v?: unknown } | undefined;
    if (body && typeof body === 'object' && 'v' in body && body.v !== 1) return fail(reply, 'PROTOCOL_VERSION', 'unsupported protocol version');
    const parsed = parseSyncRequest(body);
    if (!parsed.success) return fail(reply, 'MALFORMED', parsed.issues.join('; '));
    const response = await hub.sync(auth.facility, parsed.data, gzipBodies.get(req), auth.scope);
    const json = Buffer.from(JSON.stringify(response));
    reply.header('cache-control', 'no-store').type('application/json');
    // A small answer (an acknowledgement, an empty pull) is sent as it is: gzip would save a few bytes at the cost of
    // setting up a compressor per request, most of the answer's CPU when many stations sync at once.
    if (json.length > GZIP_ABOVE_BYTES && String(req.headers['accept-encoding'] ?? '').includes('gzip')) return reply.header('content-encoding', 'gzip').send(zlib.gzipSync(json));
    return reply.send(json);
  });

  const adminHash = Buffer.from(sha256(options.adminToken), 'hex');
  const isAdmin = (req: FastifyRequest) => {
    const given = bearer(req);
    return Boolean(options.adminToken) && given !== null && crypto.timingSafeEqual(Buffer.from(sha256(given), 'hex'), adminHash);
  };
  app.register(async (admin) => {
    admin.addHook('onRequest', async (req, reply) => {
      if (!isAdmin(req)) {
        hub.log.warn({ event: 'admin-refused', ip: req.ip, url: req.url });
        return fail(reply, 'FORBIDDEN', 'administrator token required');
      }
    });
    admin.get('/facilities', async () => ({
      facilities: await hub.db.query('SELECT code, name, level, parent, declared_by FROM facilities ORDER BY code'),
    }));
    admin.post('/facilities', async (req, reply) => {
      const input = enrollSchema.safeParse(req.body);
      if (!input.success) return fail(reply, 'MALFORMED', input.error.issues.map((i) => i.message).join('; '));
      const { expiresDays, ...f } = input.data;
      try {
        const issued = await hub.db.tx(async (q) => {
          await registerFacility(q, { ...f, parent: f.parent ?? hub.identity.code });
          return issueCredential(q, f.code, expiresDays ? new Date(Date.now() + expiresDays * 86_400_000) : null);
        });
        hub.log.info({ event: 'enroll', facility: f.code, credentialId: issued.id });
        return { facility: f.code, credentialId: issued.id, credential: issued.credential };
      } catch (e) {
        if (e instanceof EnrollError) return fail(reply, 'MALFORMED', e.message);
        throw e;
      }
    });
    admin.post<{ Params: { id: string } }>('/credentials/:id/revoke', async (req, reply) => {
      const done = await revokeCredential(hub.db, req.params.id);
      hub.log.info({ event: 'revoke', credentialId: req.params.id, done });
      return done ? { revoked: req.params.id } : fail(reply, 'NOT_FOUND', 'no such active credential');
    });
    admin.get('/security-events', async () => ({
      events: await hub.db.query('SELECT id, at, facility, kind, details FROM security_events ORDER BY id DESC LIMIT 200'),
    }));
    admin.post('/rows', async (req, reply) => {
      const input = rowsSchema.safeParse(req.body);
      if (!input.success) return fail(reply, 'MALFORMED', input.error.issues.map((i) => i.message).join('; '));
      return hub.writeOwn(input.data.changes);
    });
    admin.get<{ Params: { table: string; id: string } }>('/rows/:table/:id', async (req, reply) => {
      const row = (await loadRows(hub.db, [[req.params.table, req.params.id]])).get(keyOf(req.params.table, req.params.id));
      return row ? { owner: row.owner, residentOf: row.residentOf, vals: row.state.vals, seq: row.seq } : fail(reply, 'NOT_FOUND', 'no such row');
    });
    admin.post('/bundle', async (req, reply) => {
      if (!Buffer.isBuffer(req.body)) return fail(reply, 'UNSUPPORTED_MEDIA_TYPE', 'send the bundle as application/octet-stream');
      try {
        const out = await importBundle(hub, req.body);
        return reply.type('application/octet-stream').header('content-disposition', `attachment; filename="tra-ve-${out.facility}.tyts"`).send(out.bytes);
      } catch (e) {
        if (e instanceof BundleError) return fail(reply, 'BUNDLE_INVALID', e.message);
        throw e;
      }
    });
  }, { prefix: '/admin' });
  return app;
}
