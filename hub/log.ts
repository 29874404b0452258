/** Structured JSON log lines (one object per line on stdout), the shape pino and Fastify use. */
export interface HubLogger {
  info(obj: Record<string, unknown>, msg?: string): void;
  warn(obj: Record<string, unknown>, msg?: string): void;
  error(obj: Record<string, unknown>, msg?: string): void;
}

/** pino's level numbers; a line below the configured level (`--log-level`, HUB_LOG_LEVEL) is not written. */
const LEVELS: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };

export function jsonLogger(write: (line: string) => void = (l) => process.stdout.write(l), base: Record<string, unknown> = {}, minLevel = 'info'): HubLogger {
  const min = LEVELS[minLevel] ?? LEVELS.info!;
  const at = (level: number) => (obj: Record<string, unknown>, msg?: string) => {
    if (level >= min) write(`${JSON.stringify({ level, time: Date.now(), ...base, ...obj, ...(msg ? { msg } : {}) })}\n`);
  };
  return { info: at(30), warn: at(40), error: at(50) };
}

export const silentLogger: HubLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Collects log objects in memory (tests). */
export function memoryLogger(): HubLogger & { lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const push = (level: string) => (obj: Record<string, unknown>, msg?: string) => void lines.push({ level, ...obj, msg });
  return { lines, info: push('info'), warn: push('warn'), error: push('error') };
}
