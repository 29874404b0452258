import fs from 'node:fs';

/** CPU seconds (user + system) of processes, from /proc (Linux); null elsewhere. */
const TICK = 100;

export function processCpuSeconds(pid: number): number | null {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[11]) + Number(rest[12])) / TICK;
  } catch {
    return null;
  }
}

/** CPU seconds of every process with this command name (e.g. the PostgreSQL server's backends). */
export function commandCpuSeconds(comm: string): number | null {
  try {
    let total = 0;
    for (const d of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const f = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
        if (f.slice(f.indexOf('(') + 1, f.lastIndexOf(')')) !== comm) continue;
        const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
        total += (Number(rest[11]) + Number(rest[12])) / TICK;
      } catch {
        // gone
      }
    }
    return total;
  } catch {
    return null;
  }
}

/** CPU used by this process, the hub process and PostgreSQL while `fn` runs. */
export async function cpuDuring<T>(hubPid: number, fn: () => Promise<T>): Promise<{ result: T; cpu: { station: number; hub: number | null; postgres: number | null } }> {
  const own = process.cpuUsage();
  const hub0 = processCpuSeconds(hubPid);
  const pg0 = commandCpuSeconds('postgres');
  const result = await fn();
  const d = process.cpuUsage(own);
  const hub1 = processCpuSeconds(hubPid);
  const pg1 = commandCpuSeconds('postgres');
  return {
    result,
    cpu: {
      station: (d.user + d.system) / 1e6,
      hub: hub0 !== null && hub1 !== null ? hub1 - hub0 : null,
      postgres: pg0 !== null && pg1 !== null ? pg1 - pg0 : null,
    },
  };
}
