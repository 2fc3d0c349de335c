import {
  OperatorDrainReply,
  type PoolName,
  type RunnerId,
  type ServerId,
  type Version,
} from '@rollcall/contracts';
import type { CliIo } from '../cli-io';
import { requestApiJson } from '../http/request-api-json';
import { apiTarget } from '../options/api-options';
import { describeDrain } from '../output/describe-drain';
import { drainProgress } from '../output/drain-progress';
import { formatTime } from '../output/format-time';
import { renderTable } from '../output/render-table';
import { writeJson, writeLine } from '../output/write-line';
import { UsageError } from '../usage-error';
import type { OperatorDrainOptions } from './operator-drain-options';
import { waitForDrains } from './wait-for-drains';

/** What a `drain` subcommand drains, as the API's body names it. */
export type OperatorDrainTarget =
  | { runnerId: RunnerId }
  | { serverId: ServerId }
  | { pool: PoolName; version: Version };

/** `--wait` without `--timeout` gives up this long after the latest deadline (the drainer's stop grace and more). */
const WAIT_PAST_DEADLINE_SECONDS = 60;

/**
 * Asks the API for the drain, prints the drains it recorded (and the runners it left alone, with why), and
 * with `--wait` follows them in the drains view until they have all finished.
 * @throws UsageError for `--timeout` without `--wait`; DrainWaitTimeoutError when `--wait` times out
 */
export async function runOperatorDrain(
  io: CliIo,
  options: OperatorDrainOptions,
  target: OperatorDrainTarget,
): Promise<void> {
  if (options.timeout !== undefined && !options.wait)
    throw new UsageError('--timeout: only goes with --wait');
  const api = apiTarget(options, io);
  const reply = await requestApiJson(
    api,
    {
      method: 'POST',
      path: `/v1/namespaces/${options.namespace}/drains`,
      body: { ...target, deadlineSeconds: options.deadline, reason: options.reason },
    },
    OperatorDrainReply,
  );
  if (options.json) await writeJson(io.stdout, reply);
  else await printReply(io, reply);
  if (!options.wait || reply.drains.length === 0) return;

  const latestDeadline = Math.max(...reply.drains.map((drain) => Date.parse(drain.deadline)));
  const timeoutSeconds =
    options.timeout ??
    Math.max(1, Math.ceil((latestDeadline - Date.now()) / 1000) + WAIT_PAST_DEADLINE_SECONDS);
  const progress = drainProgress(io.stdout, { json: options.json });
  let finished: Awaited<ReturnType<typeof waitForDrains>>;
  try {
    finished = await waitForDrains({
      api,
      namespace: options.namespace,
      ids: reply.drains.map((drain) => drain.id),
      timeoutSeconds,
      progress,
    });
  } finally {
    progress.stop();
  }
  if (options.json) return;
  if (io.signal.aborted) {
    await writeLine(io.stdout, 'stopped waiting; the drains go on (rollcall drains shows them)');
    return;
  }
  await writeLine(io.stdout, `all ${finished.length} drain${finished.length === 1 ? '' : 's'} finished:`);
  for (const drain of finished) await writeLine(io.stdout, `  ${describeDrain(drain)}`);
}

async function printReply(io: CliIo, reply: OperatorDrainReply): Promise<void> {
  const count = reply.drains.length;
  await writeLine(io.stdout, `drain requested for ${count} runner${count === 1 ? '' : 's'}`);
  if (count > 0) {
    await writeLine(
      io.stdout,
      renderTable(
        ['RUNNER', 'POOL', 'VERSION', 'SERVER', 'REASON', 'DEADLINE'],
        reply.drains.map((drain) => [
          drain.runnerId,
          drain.pool,
          `v${drain.version}`,
          drain.serverId,
          drain.reason,
          formatTime(drain.deadline),
        ]),
      ),
    );
  }
  for (const runner of reply.unchanged) {
    await writeLine(io.stdout, `left alone: ${runner.runnerId} (${runner.pool}) is ${runner.status}`);
  }
}
