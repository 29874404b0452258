/**
 * The preload of the station window. It runs sandboxed: it may require only 'electron' (no Node, no zod, no
 * shared code), so it stays tiny and checks names by shape only; dispatch() in the main process does the real
 * validation. It exposes exactly `window.api = { invoke, on }` and never hands the renderer an Electron object.
 */
import { contextBridge, ipcRenderer } from 'electron';

const INVOKE_CHANNEL = 'api:invoke';
const EVENT_CHANNEL = 'api:event';
/** `persons.search`, `immunization.recordDose`, …: the shape of every contract procedure name. */
const PROCEDURE_NAME = /^[a-z][a-zA-Z]*\.[a-zA-Z0-9_.]+$/;
const MAX_NAME_LENGTH = 100;
const EVENT_NAMES: readonly string[] = ['data.changed', 'sync.progress'];

function invoke(name: unknown, input?: unknown): Promise<unknown> {
  if (typeof name !== 'string' || name.length > MAX_NAME_LENGTH || !PROCEDURE_NAME.test(name)) {
    return Promise.resolve({ ok: false, error: { code: 'BAD_REQUEST', message: 'Yêu cầu không hợp lệ.' } });
  }
  return ipcRenderer.invoke(INVOKE_CHANNEL, name, input);
}

function on(eventName: unknown, listener: unknown): () => void {
  if (typeof eventName !== 'string' || !EVENT_NAMES.includes(eventName) || typeof listener !== 'function') {
    return () => {};
  }
  // The renderer gets the payload only, never the IpcRendererEvent (it carries `sender`, i.e. ipcRenderer).
  const wrapped = (_event: unknown, name: unknown, payload: unknown) => {
    if (name === eventName) (listener as (payload: unknown) => void)(payload);
  };
  ipcRenderer.on(EVENT_CHANNEL, wrapped);
  return () => {
    ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
  };
}

contextBridge.exposeInMainWorld('api', { invoke, on });
