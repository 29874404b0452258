import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Result } from '../../shared/errors.js';
import type { Locale } from '../../shared/i18n/index.js';
import type { StationBackend } from '../core/backend.js';
import { apiError } from '../core/dispatch/messages.js';
import type { Caller } from '../core/dispatch/types.js';
import { contractListing } from './contract-listing.js';
import { httpStatusFor } from './http-status.js';
import { registerTestClockRoute, type TestClock } from './test-clock.js';

export const SESSION_COOKIE = 'tyts_session';
const BODY_LIMIT = 2 * 1024 * 1024;
/** Catalogue imports carry whole files (the ICD-10 CSV is 5 MB, base64 adds a third). */
const IMPORT_BODY_LIMIT = 30 * 1024 * 1024;
const LARGE_BODY_PROCEDURES = new Set(['catalog.importIcd10', 'catalog.medicineImport', 'sync.importBundle']);
const SSE_HEARTBEAT_MS = 25_000;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "media-src 'self' blob: mediastream:",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

export interface ServerOptions {
  backend: StationBackend;
  /** Built renderer (index.html + assets); omitted in API-only tests. */
  rendererDir?: string;
  logger?: boolean;
  /** Only with `serve --test-clock` (e2e): adds the route that moves the station's clock. */
  testClock?: TestClock;
}

function localeOf(req: FastifyRequest): Locale {
  return req.headers['x-ui-locale'] === 'en' ? 'en' : 'vi';
}

function tokenOf(req: FastifyRequest): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || null;
  return req.cookies[SESSION_COOKIE] ?? null;
}

function callerOf(req: FastifyRequest): Caller {
  return { token: tokenOf(req), workstation: `http:${req.ip}`, locale: localeOf(req) };
}

/**
 * Cross-site request forgery guard: the session cookie is SameSite=Strict, API calls must be JSON (a cross-site
 * form cannot send that without a CORS preflight we never answer), and a browser's Origin must match the Host.
 */
function crossSiteRefusal(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}

function send(reply: FastifyReply, result: Result<unknown>) {
  const status = result.ok ? 200 : httpStatusFor(result.error.code);
  return reply.code(status).header('cache-control', 'no-store').send(result);
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { backend } = options;
  // forceCloseConnections: open event streams must not keep the server from stopping.
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: BODY_LIMIT, trustProxy: false, forceCloseConnections: true });
  await app.register(fastifyCookie);

  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    return payload;
  });

  // Errors raised before a handler runs (bad JSON, body too large, wrong content type) still get an envelope.
  app.setErrorHandler((error: { statusCode?: number; code?: string }, req, reply) => {
    const locale = localeOf(req);
    const code = error.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : error.statusCode && error.statusCode < 500 ? 'BAD_REQUEST' : 'INTERNAL';
    if (code === 'INTERNAL') req.log.error(error);
    return send(reply, { ok: false, error: apiError(code, locale) });
  });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/')) return send(reply, { ok: false, error: apiError('UNKNOWN_PROCEDURE', localeOf(req), { name: req.url.slice(5, 80) }) });
    return reply.code(404).type('text/plain; charset=utf-8').send('Không tìm thấy trang.');
  });

  app.get('/api/_contract', async (req, reply) => {
    const check = await backend.dispatch('auth.session', {}, callerOf(req));
    const session = check.ok ? (check.value as { session: unknown }).session : null;
    if (!session) return send(reply, { ok: false, error: apiError('UNAUTHENTICATED', localeOf(req)) });
    return reply.header('cache-control', 'no-store').send(contractListing());
  });

  app.get('/api/_events', async (req, reply) => {
    const check = await backend.dispatch('auth.session', {}, callerOf(req));
    const session = check.ok ? (check.value as { session: unknown }).session : null;
    if (!session) return send(reply, { ok: false, error: apiError('UNAUTHENTICATED', localeOf(req)) });
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(': connected\n\n');
    const unsubscribe = backend.station.events.subscribe((name, payload) => {
      res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), SSE_HEARTBEAT_MS);
    req.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });

  if (options.testClock) registerTestClockRoute(app, options.testClock);

  app.post<{ Params: { name: string } }>('/api/:name', { bodyLimit: IMPORT_BODY_LIMIT }, async (req, reply) => {
    const locale = localeOf(req);
    if (Number(req.headers['content-length'] ?? 0) > BODY_LIMIT && !LARGE_BODY_PROCEDURES.has(req.params.name)) {
      return send(reply, { ok: false, error: apiError('PAYLOAD_TOO_LARGE', locale) });
    }
    if (crossSiteRefusal(req)) return send(reply, { ok: false, error: apiError('FORBIDDEN', locale) });
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return send(reply, { ok: false, error: apiError('BAD_REQUEST', locale) });
    }
    const name = req.params.name;
    const input = req.body ?? {};
    const result = await backend.dispatch(name, input, callerOf(req));
    if (result.ok && name === 'auth.login') {
      const value = result.value as { token?: string };
      const wantsBearer = typeof input === 'object' && input !== null && (input as { bearer?: unknown }).bearer === true;
      if (!wantsBearer && value.token) {
        reply.setCookie(SESSION_COOKIE, value.token, { httpOnly: true, sameSite: 'strict', path: '/', secure: req.protocol === 'https' });
        delete value.token;
      }
    }
    if (result.ok && name === 'auth.logout') reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return send(reply, result);
  });

  if (options.rendererDir && fs.existsSync(path.join(options.rendererDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: options.rendererDir, index: ['index.html'], maxAge: 0 });
  }
  return app;
}
