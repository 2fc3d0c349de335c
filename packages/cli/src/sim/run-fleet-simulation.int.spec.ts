import type { Msg } from '@nats-io/transport-node';
import {
  DrainCommand,
  parseJsonMessage,
  parseRunnerSubject,
  runnerCommandSubject,
  runnerMessageSchemas,
  runnerMessageWildcard,
  StopCommand,
} from '@rollcall/contracts';
import { seededRandom, useTestNats } from '@rollcall/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../exit-code';
import { runCaptured, startCaptured } from '../testing/run-captured';
import { type FleetSimulationEvent, runFleetSimulation } from './run-fleet-simulation';

// Generous: other test files share the machine, and a child process may take seconds to start under load.
const EVENTUALLY = { timeout: 20_000, interval: 20 };

const nats = useTestNats();

interface Seen {
  subject: string;
  kind: string;
  msgId: string | undefined;
  runnerId: string;
  message: Record<string, unknown>;
}

/**
 * A raw subscriber on every runner -> Rollcall subject of the prefix, as any consumer in any language would
 * read them: each payload must parse with its contract schema.
 */
function rawRunnerMessages(prefix: string) {
  const seen: Seen[] = [];
  const invalid: string[] = [];
  const subscription = nats.nc.subscribe(runnerMessageWildcard(prefix), {
    callback: (_error, msg: Msg) => {
      const subject = parseRunnerSubject(prefix, msg.subject);
      if (subject === null) return void invalid.push(`subject ${msg.subject}`);
      const parsed = parseJsonMessage(runnerMessageSchemas[subject.kind], msg.data);
      if (!parsed.ok) return void invalid.push(`${msg.subject}: ${parsed.error}`);
      seen.push({
        subject: msg.subject,
        kind: subject.kind,
        msgId: msg.headers?.get('Nats-Msg-Id'),
        runnerId: parsed.value.runnerId,
        message: parsed.value,
      });
    },
  });
  const of = (kind: string) => seen.filter((entry) => entry.kind === kind);
  return { seen, invalid, of, close: () => subscription.unsubscribe() };
}

describe('runFleetSimulation over raw NATS', () => {
  beforeAll(() => nats.nc.flush());

  it('connects, heartbeats, bumps the version, obeys drain and stop, and disconnects everyone at the end', async () => {
    const raw = rawRunnerMessages(nats.prefix);
    await nats.nc.flush();
    const events: FleetSimulationEvent[] = [];
    const command = (runnerId: string, kind: 'drain' | 'stop', payload: unknown) =>
      nats.nc.publish(runnerCommandSubject(nats.prefix, 'acme', runnerId, kind), JSON.stringify(payload));
    const target = 'pool-1-v1-r1';
    let drained = false;
    let stopped = false;

    const report = await runFleetSimulation({
      nc: nats.nc,
      prefix: nats.prefix,
      random: seededRandom(5),
      settings: {
        namespace: 'acme',
        runners: 6,
        pools: 2,
        servers: 2,
        versions: [1, 2],
        heartbeatMs: 20,
        durationSeconds: 1.5,
        bumpAfterSeconds: 0.3,
      },
      onEvent: (event) => {
        events.push(event);
        // Play Rollcall's drainer: after the bump, drain the old runner; once it is idle, stop it.
        if (event.type === 'bump' && !drained) {
          drained = true;
          command(
            target,
            'drain',
            DrainCommand.parse({
              reason: 'version_upgrade',
              supersededBy: 2,
              deadline: new Date(Date.now() + 60_000).toISOString(),
            }),
          );
          command('pool-2-v1-r2', 'drain', { reason: 'not a reason' });
        }
        if (
          event.type === 'sent' &&
          event.kind === 'heartbeat' &&
          event.runner.runnerId === target &&
          event.message.activeSessions === 0 &&
          events.some((e) => e.type === 'command' && e.kind === 'drain') &&
          !stopped
        ) {
          stopped = true;
          command(target, 'stop', StopCommand.parse({ reason: 'drain_complete', forced: false }));
        }
      },
    });

    expect(report.sent).toEqual({ connected: 12, heartbeat: expect.any(Number), disconnected: 12 });
    expect(report.received).toEqual({ drain: 1, stop: 1, undrain: 0, invalid: 1 });
    expect(report.runners).toEqual({ active: 0, draining: 0, disconnected: 12 });
    await expect.poll(() => raw.of('disconnected').length, EVENTUALLY).toBe(12);
    raw.close();

    // Every message is valid under the contract and carries a distinct Nats-Msg-Id.
    expect(raw.invalid).toEqual([]);
    expect(raw.seen.length).toBe(report.sent.connected + report.sent.heartbeat + report.sent.disconnected);
    const ids = raw.seen.map((entry) => entry.msgId);
    expect(ids.every((id) => id !== undefined && id !== '')).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);

    // The second version connects after the first, beside it (same pools and servers).
    const connects = raw.of('connected').map((entry) => entry.message);
    expect(connects.map((message) => message.version)).toEqual([1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2]);
    expect(connects.slice(6).map((m) => [m.pool, m.serverId])).toEqual(
      connects.slice(0, 6).map((m) => [m.pool, m.serverId]),
    );

    // The drained runner only winds down, stops on the stop command and then goes quiet.
    const drainAt = events.findIndex((e) => e.type === 'command' && e.kind === 'drain');
    const beats = events
      .slice(drainAt)
      .filter((e) => e.type === 'sent' && e.kind === 'heartbeat' && e.runner.runnerId === target)
      .map((e) => (e.type === 'sent' && e.kind === 'heartbeat' ? e.message.activeSessions : -1));
    expect(beats).toEqual([...beats].sort((a, b) => b - a));
    const targetMessages = raw.seen.filter((entry) => entry.runnerId === target);
    expect(targetMessages.at(-1)).toMatchObject({
      kind: 'disconnected',
      message: { reason: 'stopped: drain_complete' },
    });
    expect(targetMessages.filter((entry) => entry.kind === 'disconnected')).toHaveLength(1);

    // Everyone else says goodbye at the end, once.
    const goodbyes = raw.of('disconnected').filter((entry) => entry.runnerId !== target);
    expect(new Set(goodbyes.map((entry) => entry.runnerId)).size).toBe(11);
    expect(goodbyes.every((entry) => entry.message.reason === 'simulation ended')).toBe(true);
  });

  it('sends nothing but a clean goodbye when the signal aborts it', async () => {
    const raw = rawRunnerMessages(nats.prefix);
    await nats.nc.flush();
    const stop = new AbortController();
    const run = runFleetSimulation({
      nc: nats.nc,
      prefix: nats.prefix,
      settings: { namespace: 'aborted', runners: 3, pools: 1, versions: [5], heartbeatMs: 20 },
      signal: stop.signal,
    });
    await expect.poll(() => raw.of('heartbeat').length, EVENTUALLY).toBeGreaterThan(3);
    stop.abort();
    const report = await run;
    expect(report.sent.connected).toBe(3);
    expect(report.sent.disconnected).toBe(3);
    await expect.poll(() => raw.of('disconnected').length, EVENTUALLY).toBe(3);
    raw.close();
    expect(raw.invalid).toEqual([]);
  });
});

describe('rollcall sim', () => {
  it('publishes a valid fleet and prints its report as JSON', async () => {
    const raw = rawRunnerMessages(nats.prefix);
    await nats.nc.flush();
    const run = await runCaptured([
      'sim',
      '--runners',
      '4',
      '--pools',
      '2',
      '--namespace',
      'fleet',
      '--versions',
      '3,4',
      '--heartbeat-ms',
      '25',
      '--duration-s',
      '0.8',
      '--bump-after-s',
      '0.2',
      '--json',
      '--nats-url',
      nats.url,
      '--prefix',
      nats.prefix,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(ExitCode.ok);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      sent: { connected: 8, disconnected: 8 },
      runners: { active: 0, draining: 0, disconnected: 8 },
      received: { drain: 0, stop: 0, undrain: 0, invalid: 0 },
    });
    await expect.poll(() => raw.of('disconnected').length, EVENTUALLY).toBe(8);
    raw.close();
    expect(raw.invalid).toEqual([]);
    expect(raw.seen.every((entry) => entry.subject.startsWith(`${nats.prefix}.v1.fleet.runner.`))).toBe(true);
    expect(new Set(raw.of('connected').map((entry) => entry.message.version))).toEqual(new Set([3, 4]));
  });

  it('runs until Ctrl-C when no duration is given, then disconnects every runner and exits 0', async () => {
    const raw = rawRunnerMessages(nats.prefix);
    await nats.nc.flush();
    const interrupt = new AbortController();
    const sim = startCaptured(
      [
        'sim',
        '--runners',
        '2',
        '--pools',
        '1',
        '--namespace',
        'ctrlc',
        '--versions',
        '1',
        '--heartbeat-ms',
        '20',
      ],
      { env: { NATS_URL: nats.url, ROLLCALL_SUBJECT_PREFIX: nats.prefix }, signal: interrupt.signal },
    );
    await expect.poll(() => raw.of('heartbeat').length, EVENTUALLY).toBeGreaterThan(2);
    interrupt.abort();
    const run = await sim.done;
    expect(run.code).toBe(ExitCode.ok);
    expect(run.stderr).toMatch(/^simulating 2 runners per version \(v1\) in 1 pools, namespace ctrlc/);
    expect(run.stdout).toMatch(
      /^simulation [0-9a-f]{8} ended after [\d.]+ s\nrunners: 0 active, 0 draining, 2 disconnected\n/,
    );
    await expect.poll(() => raw.of('disconnected').length, EVENTUALLY).toBe(2);
    raw.close();
  });

  it('fails with exit 1 when NATS cannot be reached', async () => {
    const run = await runCaptured([
      'sim',
      '--runners',
      '1',
      '--pools',
      '1',
      '--nats-url',
      'nats://127.0.0.1:1',
    ]);
    expect(run.code).toBe(ExitCode.failure);
    expect(run.stderr).toMatch(
      /^rollcall: cannot reach NATS at nats:\/\/127\.0\.0\.1:1 \(start it with \.\/dev up, or pass --nats-url\)/,
    );
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
