import { headPosition, readAll, readCheckpoint } from '@rollcall/eventlog';
import {
  listPools,
  listWorkers,
  migrateReadModels,
  positionAt,
  READ_MODELS_SUBSCRIPTION,
  startReadModelProjector,
  workersAt,
} from '@rollcall/projections';
import { createLogger } from '@rollcall/service-kit';
import { useTestDatabase, useTestNats } from '@rollcall/testkit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ExitCode } from '../exit-code';
import { runCaptured } from '../testing/run-captured';
import { type ApiProcess, startApiProcess } from '../testing/start-api-process';
import { writePoolHistory } from '../testing/write-pool-history';

const database = useTestDatabase();
const nats = useTestNats();
const silent = createLogger({ service: 'cli-test', level: 'silent' });

/** A JSON round trip, as the API's answer went through one. */
const json = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('rollcall workers, pools and fleet, over the real api service', () => {
  let api: ApiProcess;
  const cli = (...argv: string[]) => runCaptured(argv, { env: { ROLLCALL_API_URL: api.url } });

  beforeAll(async () => {
    await migrateReadModels(database.db);
    await writePoolHistory(database.db, { namespace: 'acme', pools: 3, steps: 80, seed: 21 });
    const head = await headPosition(database.db);
    const stop = new AbortController();
    const projector = startReadModelProjector({
      db: database.db,
      connectionString: database.url,
      signal: stop.signal,
      logger: silent,
    });
    await vi.waitFor(
      async () => expect(await readCheckpoint(database.db, READ_MODELS_SUBSCRIPTION)).toBe(head),
      { timeout: 20_000, interval: 50 },
    );
    stop.abort();
    await projector;
    api = await startApiProcess({ databaseUrl: database.url, natsUrl: nats.url, prefix: nats.prefix });
  }, 60_000);

  afterAll(async () => {
    await api?.stop();
  });

  describe('workers', () => {
    it('prints the worker map as JSON, as listWorkers has it', async () => {
      const run = await cli('workers', '--namespace', 'acme', '--json');
      expect(run.stderr).toBe('');
      expect(run.code).toBe(ExitCode.ok);
      const workers = await listWorkers(database.db, { namespace: 'acme' });
      expect(workers.length).toBeGreaterThan(5);
      expect(JSON.parse(run.stdout)).toEqual(json({ workers }));
    });

    it('passes the filters on', async () => {
      const run = await cli('workers', '--namespace', 'acme', '--pool', 'pool-1', '--available', '--json');
      const workers = await listWorkers(database.db, { namespace: 'acme', pool: 'pool-1', available: true });
      expect(JSON.parse(run.stdout)).toEqual(json({ workers }));
      const stopped = await cli('workers', '--namespace', 'acme', '--status', 'stopped', '--json');
      const gone = await listWorkers(database.db, { namespace: 'acme', status: 'stopped' });
      expect(gone.length).toBeGreaterThan(0);
      expect(JSON.parse(stopped.stdout)).toEqual(json({ workers: gone }));
    });

    it('prints a table by default: a header, one line per runner, a count', async () => {
      const run = await cli('workers', '--namespace', 'acme');
      const workers = await listWorkers(database.db, { namespace: 'acme' });
      const lines = run.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^RUNNER\s+POOL\s+VERSION/);
      expect(lines).toHaveLength(workers.length + 2);
      expect(lines.at(-1)).toBe(
        `${workers.length} workers, ${workers.filter((worker) => worker.available).length} available`,
      );
    });

    it('says when a namespace has no workers', async () => {
      const run = await cli('workers', '--namespace', 'nobody');
      expect(run.code).toBe(ExitCode.ok);
      expect(run.stdout).toBe('no workers in namespace nobody\n');
    });
  });

  describe('pools', () => {
    it('prints the pools as JSON, as listPools has them, or as a table', async () => {
      const run = await cli('pools', '--namespace', 'acme', '--json');
      expect(run.code).toBe(ExitCode.ok);
      const pools = await listPools(database.db, { namespace: 'acme' });
      expect(JSON.parse(run.stdout)).toEqual(json({ pools }));

      const table = await cli('pools', '--namespace', 'acme');
      const lines = table.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^POOL\s+DRAIN ON UPGRADE/);
      expect(lines.slice(1).map((line) => line.split(/\s+/)[0])).toEqual(['pool-1', 'pool-2', 'pool-3']);
      expect(lines[1]).toMatch(/^pool-1\s+yes\s+300 s\s+no\s/);
    });
  });

  describe('fleet', () => {
    it('shows the fleet as of a past log position, as workersAt folds it', async () => {
      const position = (await headPosition(database.db)) / 2n;
      const run = await cli('fleet', '--namespace', 'acme', '--at', `${position}`, '--json');
      expect(run.code).toBe(ExitCode.ok);
      const workers = await workersAt(database.db, { namespace: 'acme', position });
      expect(JSON.parse(run.stdout)).toEqual(json({ workers, at: position.toString() }));

      const text = await cli('fleet', '--namespace', 'acme', '--at', `${position}`);
      const lines = text.stdout.split('\n');
      expect(lines[0]).toBe(`fleet of namespace acme as of log position ${position}`);
      expect(lines[1]).toMatch(/^ {2}pool-1: v\d+ x\d+/);
    });

    it('turns an ISO time into the last position recorded by then', async () => {
      const events = [];
      for await (const event of readAll(database.db, { to: 10n })) events.push(event);
      const time = events.at(-1)?.recordedAt ?? new Date();
      const run = await cli('fleet', '--namespace', 'acme', '--at', time.toISOString(), '--json');
      expect(run.code).toBe(ExitCode.ok);
      const position = await positionAt(database.db, { time });
      expect(JSON.parse(run.stdout).at).toBe(position.toString());
    });

    it('shows the fleet now without --at', async () => {
      const run = await cli('fleet', '--namespace', 'acme', '--json');
      const workers = await listWorkers(database.db, { namespace: 'acme' });
      expect(JSON.parse(run.stdout)).toEqual(json({ workers }));
    });
  });

  describe('failures exit 1 with one line', () => {
    it('quotes the status when the API refuses', async () => {
      const run = await runCaptured(['pools', '--namespace', 'acme', '--api', `${api.url}/not-here`]);
      expect(run.code).toBe(ExitCode.failure);
      expect(run.stderr).toMatch(/^rollcall: GET \/not-here\/v1\/namespaces\/acme\/pools answered 404: /);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    });

    it('names the address when nothing answers', async () => {
      const run = await runCaptured(['workers', '--namespace', 'acme', '--api', 'http://127.0.0.1:1']);
      expect(run.code).toBe(ExitCode.failure);
      expect(run.stderr).toMatch(
        /^rollcall: cannot reach the Rollcall API at http:\/\/127\.0\.0\.1:1 \(start it with \.\/dev up, or pass --api\)/,
      );
    });
  });
});
