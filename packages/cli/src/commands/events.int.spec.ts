import { toLogEntry } from '@rollcall/contracts';
import {
  headPosition,
  type RecordedEvent,
  readAll,
  readCheckpoint,
  runSubscription,
  storeCheckpoint,
} from '@rollcall/eventlog';
import { createLogger } from '@rollcall/service-kit';
import { useTestDatabase } from '@rollcall/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../exit-code';
import { runCaptured, startCaptured } from '../testing/run-captured';
import { writePoolHistory } from '../testing/write-pool-history';

// Generous: other test files share the machine, and a child process may take seconds to start under load.
const EVENTUALLY = { timeout: 20_000, interval: 20 };

const database = useTestDatabase();
const silent = createLogger({ service: 'cli-test', level: 'silent' });

function ndjson(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));
}

async function everything(): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of readAll(database.db)) events.push(event);
  return events;
}

describe('rollcall events, on a log with a pool history', () => {
  let log: RecordedEvent[];
  const cli = (...argv: string[]) => runCaptured(argv, { env: { DATABASE_URL: database.url } });

  beforeAll(async () => {
    await writePoolHistory(database.db, { namespace: 'acme', pools: 3, steps: 40, seed: 7 });
    log = await everything();
  });

  describe('read', () => {
    it('prints the whole log as NDJSON, in the API log entry shape', async () => {
      const run = await cli('events', 'read', '--json');
      expect(run.code).toBe(ExitCode.ok);
      expect(run.stderr).toBe('');
      expect(log.length).toBeGreaterThan(20);
      expect(ndjson(run.stdout)).toEqual(log.map(toLogEntry));
    });

    it('reads an inclusive position range', async () => {
      const run = await cli('events', 'read', '--json', '--from', '3', '--to', '7');
      const positions = ndjson(run.stdout).map((entry) => (entry as { position: string }).position);
      expect(positions).toEqual(
        log
          .filter((e) => e.globalPosition >= 3n && e.globalPosition <= 7n)
          .map((e) => e.globalPosition.toString()),
      );
      expect(positions.length).toBe(5);
    });

    it('filters by stream, category and types', async () => {
      const stream = await cli('events', 'read', '--json', '--stream', 'pool-acme+pool-2');
      expect(ndjson(stream.stdout)).toEqual(
        log.filter((e) => e.streamName === 'pool-acme+pool-2').map(toLogEntry),
      );

      const types = await cli('events', 'read', '--json', '--type', 'RunnerConnected,RunnerStopped');
      const wanted = log.filter((e) => e.type === 'RunnerConnected' || e.type === 'RunnerStopped');
      expect(wanted.length).toBeGreaterThan(0);
      expect(ndjson(types.stdout)).toEqual(wanted.map(toLogEntry));

      const repeated = await cli(
        'events',
        'read',
        '--json',
        '--type',
        'RunnerConnected',
        '--type',
        'RunnerStopped',
      );
      expect(repeated.stdout).toBe(types.stdout);

      const category = await cli('events', 'read', '--json', '--category', 'rollout');
      expect(category.code).toBe(ExitCode.ok);
      expect(category.stdout).toBe('');
    });

    it('prints one text line per event and the count on stderr', async () => {
      const run = await cli('events', 'read', '--from', '1', '--to', '2');
      expect(run.code).toBe(ExitCode.ok);
      const lines = run.stdout.trimEnd().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^\s+1 {2}pool-acme\+pool-1@1\s+PoolConfigured\s+\{.*"namespace":"acme"/);
      expect(run.stderr).toBe('2 events\n');
    });

    it('fails with exit 1 on a database without an event log', async () => {
      const url = new URL(database.url);
      url.pathname = '/postgres';
      const run = await runCaptured(['events', 'read', '--database-url', url.toString()]);
      expect(run.code).toBe(ExitCode.failure);
      expect(run.stderr).toMatch(/^rollcall: this database holds no event log/);
    });
  });

  describe('tail', () => {
    it('prints the events appended after it started, until Ctrl-C ends it with exit 0', async () => {
      const from = (await headPosition(database.db)) + 1n;
      const interrupt = new AbortController();
      const tail = startCaptured(['events', 'tail', '--json', '--from', `${from}`], {
        env: { DATABASE_URL: database.url },
        signal: interrupt.signal,
      });
      const appended = await writePoolHistory(database.db, {
        namespace: 'tailing',
        pools: 1,
        steps: 5,
        seed: 3,
      });
      await expect.poll(() => ndjson(tail.stdout()).length, EVENTUALLY).toBe(appended);
      interrupt.abort();
      const run = await tail.done;
      expect(run.code).toBe(ExitCode.ok);
      expect(run.stderr).toBe('');
      const entries = ndjson(run.stdout) as { position: string; stream: string }[];
      expect(entries[0]?.position).toBe(from.toString());
      expect(entries.every((entry) => entry.stream === 'pool-tailing+pool-1')).toBe(true);
    });
  });

  describe('replay', () => {
    it('moves the consumer checkpoint back, says so, and the running consumer re-delivers from there', async () => {
      const head = await headPosition(database.db);
      const delivered: bigint[] = [];
      const stop = new AbortController();
      const subscription = runSubscription({
        db: database.db,
        connectionString: database.url,
        name: 'cli-replay-test',
        signal: stop.signal,
        logger: silent,
        pollIntervalMs: 20,
        maxPollIntervalMs: 50,
        mode: 'at-least-once',
        handler: async (events) => {
          for (const event of events) delivered.push(event.globalPosition);
        },
      });
      await expect.poll(() => readCheckpoint(database.db, 'cli-replay-test'), EVENTUALLY).toBe(head);
      delivered.length = 0;

      const run = await cli('events', 'replay', '--consumer', 'cli-replay-test', '--from', '10');
      expect(run.code).toBe(ExitCode.ok);
      expect(run.stdout).toBe(
        `consumer cli-replay-test: checkpoint moved from ${head} to 9; it re-delivers events 10..${head} (head ${head}) at its next batch\n`,
      );
      await expect.poll(() => delivered.at(-1), EVENTUALLY).toBe(head);
      stop.abort();
      await subscription;
      expect(delivered[0]).toBe(10n);
      expect(delivered.at(-1)).toBe(head);
    });

    it('answers --json with the positions as decimal strings', async () => {
      await database.db
        .transaction()
        .execute((trx) => storeCheckpoint(trx, { consumer: 'cli-json-test', expected: null, position: 20n }));
      const run = await cli('events', 'replay', '--consumer', 'cli-json-test', '--from', '0', '--json');
      expect(run.code).toBe(ExitCode.ok);
      expect(JSON.parse(run.stdout)).toEqual({
        consumer: 'cli-json-test',
        previousCheckpoint: '20',
        checkpoint: '0',
        redeliversFrom: '1',
        head: (await headPosition(database.db)).toString(),
      });
      expect(await readCheckpoint(database.db, 'cli-json-test')).toBe(0n);
    });

    it('refuses an unknown consumer (exit 1) without creating a checkpoint', async () => {
      const run = await cli('events', 'replay', '--consumer', 'read-modles', '--from', '1');
      expect(run.code).toBe(ExitCode.failure);
      expect(run.stderr).toBe(
        'rollcall: no consumer named "read-modles" has a checkpoint; check the name (e.g. read-models) or start the consumer once\n',
      );
      expect(await readCheckpoint(database.db, 'read-modles')).toBeNull();
    });

    it('refuses a position past the head (exit 2), which would skip future events', async () => {
      const head = await headPosition(database.db);
      const run = await cli('events', 'replay', '--consumer', 'cli-json-test', '--from', `${head + 2n}`);
      expect(run.code).toBe(ExitCode.usage);
      expect(run.stderr).toBe(
        `rollcall: --from: is beyond the log head (${head}); the consumer would skip new events\n`,
      );
      expect(await readCheckpoint(database.db, 'cli-json-test')).toBe(0n);
    });
  });
});
