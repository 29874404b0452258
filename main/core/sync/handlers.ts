import { AppError } from '../../../shared/errors.js';
import type { HandlerMap } from '../dispatch/types.js';
import { exportBundle, importBundle } from './bundle.js';
import { syncServiceFor } from './service.js';

type SyncHandlers = Pick<
  HandlerMap,
  'sync.status' | 'sync.configure' | 'sync.now' | 'sync.history' | 'sync.exportBundle' | 'sync.importBundle' | 'sync.restore'
>;

export const syncHandlers: SyncHandlers = {
  'sync.status': (_input, ctx) => {
    const service = syncServiceFor(ctx.station);
    // The background sync starts the first time anyone looks at sync (hosts may also start it at launch).
    if (service.configured()) service.start();
    return { status: service.status() };
  },
  'sync.configure': (input, ctx) => {
    const service = syncServiceFor(ctx.station);
    service.state.configure(input.hubUrl, input.credential);
    ctx.audit({ kind: 'change', action: 'sync.configure', details: { hubUrl: input.hubUrl } });
    service.start();
    return { status: service.status() };
  },
  'sync.now': async (_input, ctx) => {
    const service = syncServiceFor(ctx.station);
    if (!service.configured()) throw new AppError('SYNC_NOT_CONFIGURED');
    const run = await service.runNow();
    return { run };
  },
  'sync.history': (input, ctx) => ({ runs: syncServiceFor(ctx.station).history(input.limit) }),
  'sync.exportBundle': (_input, ctx) => {
    const out = exportBundle(ctx.station);
    return { fileName: out.fileName, contentBase64: out.bytes.toString('base64'), changes: out.changes };
  },
  'sync.importBundle': (input, ctx) => {
    const run = importBundle(ctx.station, Buffer.from(input.contentBase64, 'base64'));
    ctx.audit({ kind: 'change', action: 'sync.importBundle', details: { pulled: run.pulled, acked: run.pushed } });
    return { run };
  },
  'sync.restore': async (input, ctx) => syncServiceFor(ctx.station).restore(input.hubUrl, input.credential),
};
