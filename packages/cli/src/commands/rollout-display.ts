import type { RolloutView } from '@rollcall/contracts';
import type { CliStream } from '../cli-io';
import { writeJson, writeLine } from '../output/write-line';
import { describeRollout, describeTarget, rolloutText } from './rollout-text';

/** What `--watch` and `--wait` show each time they read the rollout. */
export interface RolloutDisplay {
  show(rollout: RolloutView): Promise<void>;
}

/**
 * The live view of a rollout being followed. On a terminal: the whole status (summary, progress bar, a line
 * per target) redrawn in place. Elsewhere (a pipe, a log, a test): a line each time the rollout's status or
 * a target's state changes, or with `json` the rollout as NDJSON each time it changed.
 */
export function rolloutDisplay(stream: CliStream, { json }: { json: boolean }): RolloutDisplay {
  if (json) {
    let last = '';
    return {
      async show(rollout) {
        const seen = JSON.stringify(rollout);
        if (seen === last) return;
        last = seen;
        await writeJson(stream, rollout);
      },
    };
  }
  if (stream.isTTY === true) {
    let drawnLines = 0;
    return {
      async show(rollout) {
        const text = rolloutText(rollout);
        // Back to the first line drawn last time, and clear from there down.
        const back = drawnLines === 0 ? '' : `\x1b[${drawnLines}F\x1b[0J`;
        drawnLines = text.split('\n').length;
        await writeLine(stream, `${back}${text}`);
      },
    };
  }
  let status = '';
  const states = new Map<string, string>();
  return {
    async show(rollout) {
      if (rollout.status !== status) {
        status = rollout.status;
        await writeLine(stream, describeRollout(rollout));
      }
      for (const target of rollout.targets) {
        const line = describeTarget(target);
        if (states.get(target.targetId) === line) continue;
        states.set(target.targetId, line);
        await writeLine(stream, `  ${line}`);
      }
    },
  };
}
