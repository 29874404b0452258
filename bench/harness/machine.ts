import fs from 'node:fs';
import os from 'node:os';
import Database from 'better-sqlite3';

/** What the figures were measured on (printed with every result: a 2-core office PC is the target). */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  ramGB: number;
  node: string;
  sqlite: string;
  platform: string;
  /** 1-minute load average when the run started: other work on the machine skews the figures. */
  loadAverage: number;
  disk: string;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  const db = new Database(':memory:');
  const sqlite = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  db.close();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    ramGB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    sqlite,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: Math.round(os.loadavg()[0]! * 100) / 100,
    disk: rootDisk(),
  };
}

function rootDisk(): string {
  try {
    const rotational = fs.readdirSync('/sys/block').filter((d) => !d.startsWith('loop') && !d.startsWith('ram'));
    return rotational
      .map((d) => `${d}${fs.readFileSync(`/sys/block/${d}/queue/rotational`, 'utf8').trim() === '1' ? ' (HDD)' : ' (SSD/virtual)'}`)
      .join(', ');
  } catch {
    return 'unknown';
  }
}

export function describeMachine(m: MachineInfo): string {
  return `${m.cpuModel}, ${m.cores} cores, ${m.ramGB} GB RAM, Node ${m.node}, SQLite ${m.sqlite}, ${m.platform}, load ${m.loadAverage} at start`;
}
