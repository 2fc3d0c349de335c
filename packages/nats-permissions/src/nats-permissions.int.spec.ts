import { jetstream } from '@nats-io/jetstream';
import { type NatsConnection, PermissionViolationError, type Subscription } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { connectBus, publish, serveRequests } from '@rollcall/bus';
import {
  DrainCommand,
  LauncherStatusRequest,
  launcherSubject,
  querySubject,
  runnerCommandSubject,
  runnerIngestStreamName,
  runnerMessageSubject,
} from '@rollcall/contracts';
import { startRunnerCommandRelay } from '@rollcall/drainer';
import { handlePoolCommand } from '@rollcall/pool-commands';
import { configurePool } from '@rollcall/pool-commands/testing';
import { type RunningRegistry, startRegistry, WorkersReply } from '@rollcall/registry';
import { createRunner, type Runner } from '@rollcall/runner-sdk';
import { createLogger } from '@rollcall/service-kit';
import { eventually, useTestDatabase } from '@rollcall/testkit';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GeneratedNatsConfig, generateNatsConfig } from './generate-nats-config';
import { runnerInboxPrefix } from './subject-patterns';
import { natsServerOnPath } from './testing/nats-server-on-path';
import { type RunningNatsServer, startNatsServer } from './testing/start-nats-server';

// The generated users on a real nats-server (the test's own, on a free port): runners through the runner
// SDK, the registry and the drainer's command relay as the services run them, a launcher as the local
// launcher answers. What a user may not do must come back from the server as a permission violation.

const PREFIX = 'rollcall';
const binary = natsServerOnPath();
const logger = createLogger({ service: 'nats-permissions-test', level: 'silent' });

/** Collects the permission violations the server reports on a connection. */
function violationsOf(nc: NatsConnection): PermissionViolationError[] {
  const seen: PermissionViolationError[] = [];
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === 'error' && status.error instanceof PermissionViolationError)
        seen.push(status.error);
    }
  })();
  return seen;
}

function violation(seen: readonly PermissionViolationError[], operation: string, subject: string) {
  return eventually(
    async () => seen.find((error) => error.operation === operation && error.subject === subject),
    { what: `a ${operation} permission violation on ${subject}` },
  );
}

/** Resolves with the error the subscription was closed with (a refused subscription is closed by the client). */
async function closedWith(subscription: Subscription): Promise<unknown> {
  return subscription.closed;
}

describe.skipIf(binary === undefined)(
  binary === undefined
    ? 'generated NATS permissions: skipped, nats-server is not on PATH (apt-get install nats-server)'
    : 'generated NATS permissions on a real nats-server',
  () => {
    const database = useTestDatabase();
    const stopping = new AbortController();
    const runners: Runner[] = [];
    const connections: NatsConnection[] = [];
    let generated: GeneratedNatsConfig;
    let server: RunningNatsServer;
    let services: NatsConnection;
    let registry: RunningRegistry;
    let relay: Promise<void>;

    function passwordOf(user: string): string {
      const credential = generated.credentials.find((candidate) => candidate.user === user);
      if (credential?.password == null) throw new Error(`no new password for ${user}`);
      return credential.password;
    }

    function urlOf(user: string): string {
      return server.urlFor(user, passwordOf(user));
    }

    /** A connection through `connectBus`, so NATS_URL's `user:password@` is what authenticates. */
    async function connectAs(user: string): Promise<NatsConnection> {
      const nc = await connectBus({ url: urlOf(user), name: `test-${user}`, logger });
      connections.push(nc);
      return nc;
    }

    async function startRunner(namespace: string, runnerId: string, version: number): Promise<Runner> {
      const runner = createRunner({
        natsUrl: urlOf(`runner.${namespace}`),
        namespace,
        pool: 'web',
        version,
        serverId: 'host-1',
        runnerId,
      });
      runners.push(runner);
      await runner.start();
      return runner;
    }

    /** The registry's worker map of a namespace, asked over NATS by the services user. */
    async function workerIds(namespace: string): Promise<string[]> {
      const reply = await services.request(querySubject(PREFIX, namespace, 'workers'), '{}', {
        timeout: 5000,
      });
      const parsed = WorkersReply.parse(reply.json());
      if (!parsed.ok) throw new Error(`workers query failed: ${parsed.error.message}`);
      return parsed.workers.map((row) => row.runnerId).sort();
    }

    function untilWorkers(namespace: string, has: (ids: string[]) => boolean): Promise<string[]> {
      return eventually(
        async () => {
          const ids = await workerIds(namespace);
          return has(ids) ? ids : undefined;
        },
        { what: `the worker map of ${namespace}` },
      );
    }

    beforeAll(async () => {
      generated = await generateNatsConfig(
        { prefix: PREFIX, namespaces: [{ namespace: 'a', launcherServers: ['s1'] }, { namespace: 'b' }] },
        { bcryptCost: 4 },
      );
      server = await startNatsServer(binary ?? 'nats-server', generated.config);
      services = await connectAs('services');
      await handlePoolCommand(database.db, configurePool('a', 'web'));
      registry = await startRegistry({
        db: database.db,
        connectionString: database.url,
        nc: services,
        prefix: PREFIX,
        clock: () => new Date(),
        logger,
        metrics: new Registry(),
        signal: stopping.signal,
        lockRetryMs: 100,
      });
      relay = startRunnerCommandRelay({
        db: database.db,
        connectionString: database.url,
        nc: services,
        prefix: PREFIX,
        signal: stopping.signal,
        logger,
        lockRetryMs: 100,
      });
    });

    afterAll(async () => {
      await Promise.all(runners.map((runner) => runner.close('test over', { forced: true })));
      stopping.abort();
      await Promise.allSettled([registry?.stopped, relay]);
      await Promise.allSettled(connections.map((nc) => nc.drain()));
      await server?.stop();
    });

    it("takes in the runners of both namespaces through the services' ingest, each on its own credential", async () => {
      await startRunner('a', 'a-1', 1);
      await startRunner('b', 'b-1', 1);
      expect(await untilWorkers('a', (ids) => ids.includes('a-1'))).toEqual(['a-1']);
      expect(await untilWorkers('b', (ids) => ids.includes('b-1'))).toEqual(['b-1']);
    });

    it("delivers A's drain, decided by the registry and relayed by the drainer, to A's runner", async () => {
      const older = runners.find((runner) => runner.runnerId === 'a-1');
      await startRunner('a', 'a-2', 2);
      const drain = await eventually(async () => older?.drain ?? undefined, { what: 'a-1 to be drained' });
      expect(drain).toMatchObject({ reason: 'version_upgrade', supersededBy: 2 });
    });

    it("refuses A's runner credential a publish on B's subjects, and B's fleet never sees it", async () => {
      const intruder = await connectAs('runner.a');
      const refused = violationsOf(intruder);
      const forbidden = runnerMessageSubject(PREFIX, 'b', 'connected');
      intruder.publish(
        forbidden,
        JSON.stringify({ runnerId: 'intruder', pool: 'web', version: 1, serverId: 'h' }),
      );
      await violation(refused, 'publish', forbidden);
      // The same connection's next, allowed message is taken in; the one before it would have been too.
      intruder.publish(
        runnerMessageSubject(PREFIX, 'a', 'connected'),
        JSON.stringify({ runnerId: 'a-probe', pool: 'probe', version: 1, serverId: 'h' }),
      );
      await untilWorkers('a', (ids) => ids.includes('a-probe'));
      expect(await workerIds('b')).toEqual(['b-1']);
    });

    it("refuses A's runner credential a subscription to B's commands, while B's runner gets them", async () => {
      const intruder = await connectAs('runner.a');
      const refused = violationsOf(intruder);
      const bDrains = intruder.subscribe(runnerCommandSubject(PREFIX, 'b', 'b-1', 'drain'));
      const bAll = intruder.subscribe(`${PREFIX}.v1.b.>`);
      await violation(refused, 'subscription', runnerCommandSubject(PREFIX, 'b', 'b-1', 'drain'));
      await violation(refused, 'subscription', `${PREFIX}.v1.b.>`);
      expect(await closedWith(bDrains)).toBeInstanceOf(PermissionViolationError);
      expect(await closedWith(bAll)).toBeInstanceOf(PermissionViolationError);

      publish(services, {
        subject: runnerCommandSubject(PREFIX, 'b', 'b-1', 'drain'),
        schema: DrainCommand,
        payload: { reason: 'operator', deadline: new Date(Date.now() + 600_000).toISOString() },
      });
      const b1 = runners.find((runner) => runner.runnerId === 'b-1');
      await eventually(async () => (b1?.status === 'draining' ? true : undefined), { what: 'b-1 to drain' });
      expect(bDrains.getReceived()).toBe(0);
    });

    it("acknowledges a raw runner's JetStream publish on its namespace's inbox prefix, not on another's", async () => {
      const rawRunner = (inboxPrefix: string) =>
        connect({
          servers: `127.0.0.1:${server.port}`,
          user: 'runner.a',
          pass: passwordOf('runner.a'),
          inboxPrefix,
        }).then((nc) => {
          connections.push(nc);
          return nc;
        });
      const connected = (runnerId: string) =>
        JSON.stringify({ runnerId, pool: 'js', version: 1, serverId: 'h' });
      const subject = runnerMessageSubject(PREFIX, 'a', 'connected');

      const own = await rawRunner(runnerInboxPrefix('a'));
      const ack = await jetstream(own).publish(subject, connected('a-js'), { msgID: 'a-js-1' });
      expect(ack.stream).toBe(runnerIngestStreamName(PREFIX));
      await untilWorkers('a', (ids) => ids.includes('a-js'));

      const borrowed = await rawRunner(runnerInboxPrefix('b'));
      // The request's reply subscription on `_INBOX_b.*` is refused, and the request fails with that cause.
      await expect(jetstream(borrowed).publish(subject, connected('a-js-2'))).rejects.toMatchObject({
        cause: expect.any(PermissionViolationError),
      });
    });

    it('lets a launcher answer only its own server, and publish nothing but the replies', async () => {
      const launcher = await connectAs('launcher.a.s1');
      const refused = violationsOf(launcher);
      const serving = serveRequests(launcher, {
        subject: launcherSubject(PREFIX, 'a', 's1', 'status'),
        queue: 'launcher',
        schema: LauncherStatusRequest,
        signal: stopping.signal,
        logger,
        handle: () => ({ serverId: 's1', runners: [], cache: [] }),
      });
      await launcher.flush();
      const reply = await services.request(launcherSubject(PREFIX, 'a', 's1', 'status'), '{}', {
        timeout: 5000,
      });
      expect(reply.json()).toEqual({ serverId: 's1', runners: [], cache: [] });

      const otherServer = launcher.subscribe(launcherSubject(PREFIX, 'a', 's2', 'start'));
      const otherNamespace = launcher.subscribe(launcherSubject(PREFIX, 'b', 's1', 'start'));
      const forbidden = runnerMessageSubject(PREFIX, 'a', 'connected');
      launcher.publish(forbidden, '{}');
      expect(await closedWith(otherServer)).toBeInstanceOf(PermissionViolationError);
      expect(await closedWith(otherNamespace)).toBeInstanceOf(PermissionViolationError);
      await violation(refused, 'publish', forbidden);
      await launcher.drain();
      await serving;
    });
  },
);
