import type { DrainView } from '@rollcall/contracts';
import { MultiBar, type SingleBar } from 'cli-progress';
import type { CliStream } from '../cli-io';
import { describeDrain } from './describe-drain';
import { writeJson, writeLine } from './write-line';

/** What `rollcall drain ... --wait` shows while it waits. */
export interface DrainProgress {
  /** The drains as last read; `pending` are ids the drains view does not show yet. */
  update(drains: readonly DrainView[], pending: readonly string[]): Promise<void>;
  stop(): void;
}

/**
 * The live view of drains being waited for. On a terminal: one bar per runner, filling up towards its
 * deadline, with its state and what it waits for, redrawn in place. Elsewhere (a pipe, a log, a test): one
 * line each time a drain's state or session count changes, or NDJSON drain rows with `json`.
 */
export function drainProgress(stream: CliStream, { json }: { json: boolean }): DrainProgress {
  if (stream.isTTY === true && !json) return barProgress(stream);
  const shown = new Map<string, string>();
  return {
    async update(drains) {
      for (const drain of drains) {
        const seen = `${drain.state}/${drain.activeSessions}`;
        if (shown.get(drain.id) === seen) continue;
        shown.set(drain.id, seen);
        if (json) await writeJson(stream, drain);
        else await writeLine(stream, describeDrain(drain));
      }
    },
    stop() {},
  };
}

function barProgress(stream: CliStream): DrainProgress {
  const multibar = new MultiBar({
    stream,
    format: '{runner} [{bar}] {state} | {why}',
    barsize: 24,
    hideCursor: true,
    clearOnComplete: false,
    fps: 5,
  });
  const bars = new Map<string, SingleBar>();
  return {
    async update(drains, pending) {
      const nowMs = Date.now();
      for (const drain of drains) {
        const requested = Date.parse(drain.requestedAt);
        const total = Math.max(1, Math.round((Date.parse(drain.deadline) - requested) / 1000));
        const elapsed = drain.endedAt === null ? Math.round((nowMs - requested) / 1000) : total;
        const payload = {
          runner: `${drain.runnerId} (${drain.pool} v${drain.version})`,
          state: drain.state,
          why: drain.waitingFor ?? drain.outcome ?? '',
        };
        const bar = bars.get(drain.id);
        if (bar === undefined) bars.set(drain.id, multibar.create(total, Math.min(elapsed, total), payload));
        else bar.update(Math.min(elapsed, total), payload);
      }
      if (pending.length > 0)
        multibar.log(`waiting for the drains view to show drains ${pending.join(', ')}\n`);
    },
    stop() {
      multibar.stop();
    },
  };
}
