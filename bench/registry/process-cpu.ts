import { readdirSync, readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat; 0 once it is gone. */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces) start at the state; utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Pids of running processes whose command name starts with `name` (e.g. `nats-server`). */
export function pidsNamed(name: string): number[] {
  return readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      return stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).startsWith(name) ? [Number(entry)] : [];
    } catch {
      return [];
    }
  });
}

/** Postgres backends serving this database now (its server is on this machine). */
export async function backendPids<DB>(db: Kysely<DB>): Promise<number[]> {
  const { rows } = await sql<{ pid: number }>`
    SELECT pid FROM pg_stat_activity WHERE datname = current_database()`.execute(db);
  return rows.map((row) => row.pid);
}

/**
 * Where CPU went during a phase: this process, the Postgres backends of the phase's database, and the NATS
 * server (all of it: other clients on the machine count too). Backends that disconnect before the end are
 * missed, so sample `end` while the phase's connections are still open.
 */
export function cpuMeter(natsPids: readonly number[]) {
  const startProcess = process.cpuUsage();
  const startNats = sum(natsPids.map(processCpuSeconds));
  const startBackends = new Map<number, number>();
  return {
    /** Call with the database's backends as early as they exist: their CPU before the phase is taken off. */
    baseline(pids: readonly number[]) {
      for (const pid of pids) if (!startBackends.has(pid)) startBackends.set(pid, processCpuSeconds(pid));
    },
    end(pids: readonly number[]): CpuSeconds {
      const used = process.cpuUsage(startProcess);
      return {
        thisProcess: (used.user + used.system) / 1e6,
        postgres: sum(pids.map((pid) => processCpuSeconds(pid) - (startBackends.get(pid) ?? 0))),
        nats: sum(natsPids.map(processCpuSeconds)) - startNats,
      };
    },
  };
}

export interface CpuSeconds {
  readonly thisProcess: number;
  readonly postgres: number;
  readonly nats: number;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
