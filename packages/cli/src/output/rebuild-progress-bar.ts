import type { RebuildProgress } from '@rollcall/projections';
import { SingleBar } from 'cli-progress';
import type { CliStream } from '../cli-io';
import { formatCount } from './format-count';

/**
 * A progress bar for `projections rebuild` on the given stream: position against the head being replayed to,
 * with the phase and events/s. It draws only on a terminal (piped output stays clean).
 */
export function rebuildProgressBar(stream: CliStream) {
  const bar = new SingleBar({
    stream,
    format:
      'rebuild [{bar}] {percentage}% | {phase} | position {value}/{total} | {events} events | {rate} events/s',
    barsize: 30,
    hideCursor: true,
    clearOnComplete: false,
    fps: 10,
  });
  let started = false;
  return {
    update(progress: RebuildProgress): void {
      const payload = {
        phase: progress.phase,
        events: formatCount(progress.events),
        rate: formatCount(progress.eventsPerSecond),
      };
      // Positions fit a double for any log this bar will ever draw; the bar only needs the ratio.
      const total = Math.max(Number(progress.head), 1);
      if (!started) {
        bar.start(total, Number(progress.position), payload);
        started = true;
        return;
      }
      bar.setTotal(total);
      bar.update(Number(progress.position), payload);
    },
    stop(): void {
      if (started) bar.stop();
    },
  };
}
