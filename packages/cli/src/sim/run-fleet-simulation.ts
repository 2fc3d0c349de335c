import { randomBytes } from 'node:crypto';
import { headers, type Msg, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import {
  DEFAULT_SUBJECT_PREFIX,
  DrainCommand,
  parseJsonMessage,
  RunnerConnectedMessage,
  RunnerDisconnectedMessage,
  RunnerHeartbeatMessage,
  type RunnerMessageKind,
  runnerMessageSubject,
  StopCommand,
  UndrainCommand,
  type Version,
} from '@rollcall/contracts';
import type { z } from 'zod';
import { FleetSimulationSettings } from './fleet-simulation-settings';
import type { FleetSimulationStats, VersionCount } from './fleet-simulation-stats';
import { nextSessions } from './next-sessions';
import { type PlannedRunner, planFleet } from './plan-fleet';
import { parseRunnerCommandSubject, runnerCommandWildcard } from './runner-command-subjects';
import { SimulationFailedError } from './simulation-failed-error';

/** What the simulation did, as it does it (e.g. for a benchmark timing drain notices). Called synchronously. */
export type FleetSimulationEvent =
  | { type: 'sent'; kind: 'connected'; runner: PlannedRunner; message: RunnerConnectedMessage }
  | { type: 'sent'; kind: 'heartbeat'; runner: PlannedRunner; message: RunnerHeartbeatMessage }
  | { type: 'sent'; kind: 'disconnected'; runner: PlannedRunner; message: RunnerDisconnectedMessage }
  | { type: 'command'; kind: 'drain'; runner: PlannedRunner; command: DrainCommand }
  | { type: 'command'; kind: 'stop'; runner: PlannedRunner; command: StopCommand }
  | { type: 'command'; kind: 'undrain'; runner: PlannedRunner; command: UndrainCommand }
  | { type: 'bump'; version: Version };

export interface RunFleetSimulationOptions {
  /** A connection the caller made and closes; the simulation only publishes and subscribes on it. */
  nc: NatsConnection;
  /** @default 'rollcall' */
  prefix?: string;
  settings: z.input<typeof FleetSimulationSettings>;
  /** Ends the run early (then every runner still connected disconnects, as at the end of the duration). */
  signal?: AbortSignal;
  /** Returns a number in [0, 1): session counts and heartbeat offsets. @default Math.random */
  random?: () => number;
  /** `sentAt` of every message. @default () => new Date() */
  now?: () => Date;
  onEvent?: (event: FleetSimulationEvent) => void;
  /** Called every `progressIntervalMs` with the running totals. */
  onProgress?: (stats: FleetSimulationStats) => void;
  /** @default 1000 */
  progressIntervalMs?: number;
}

type RunnerState = 'active' | 'draining' | 'disconnected';

interface SimulatedRunner {
  readonly plan: PlannedRunner;
  state: RunnerState;
  sessions: number;
  heartbeats: number;
  timer: NodeJS.Timeout | undefined;
}

/** Connects are flushed to the socket in batches, so a fleet of 100,000 does not sit in one buffer. */
const CONNECT_FLUSH_EVERY = 1000;

/**
 * A realistic fleet over raw NATS, speaking only the public wire contract (every payload checked against its
 * contract schema before it is sent, every message with a `Nats-Msg-Id`):
 * 1. the first version's runners connect and heartbeat (random session counts, offsets spread over one
 *    interval);
 * 2. every `bumpAfterSeconds`, the next version's runners connect beside them;
 * 3. each runner obeys its commands: on `drain` its sessions wind down (it keeps heartbeating), on `undrain`
 *    it takes sessions again, on `stop` it publishes `disconnected` and goes quiet;
 * 4. at the end (duration or `signal`) every runner still connected disconnects.
 */
export async function runFleetSimulation(options: RunFleetSimulationOptions): Promise<FleetSimulationStats> {
  const settings = FleetSimulationSettings.parse(options.settings);
  const { nc, namespace } = { nc: options.nc, namespace: settings.namespace };
  const prefix = options.prefix ?? DEFAULT_SUBJECT_PREFIX;
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => new Date());
  const onEvent = options.onEvent ?? (() => undefined);
  const runId = randomBytes(4).toString('hex');
  const started = performance.now();
  const runners = new Map<string, SimulatedRunner>();
  const sent: Record<RunnerMessageKind, number> = { connected: 0, heartbeat: 0, disconnected: 0 };
  const received = { drain: 0, stop: 0, undrain: 0, invalid: 0 };
  const subjects = {
    connected: runnerMessageSubject(prefix, namespace, 'connected'),
    heartbeat: runnerMessageSubject(prefix, namespace, 'heartbeat'),
    disconnected: runnerMessageSubject(prefix, namespace, 'disconnected'),
  };

  const ended = new AbortController();
  let failure: unknown;
  const fail = (error: unknown) => {
    failure ??= error;
    ended.abort();
  };
  // Timer and subscription callbacks must not throw into the event loop: the first failure ends the run.
  const guarded =
    <Args extends unknown[]>(work: (...args: Args) => void) =>
    (...args: Args) => {
      try {
        work(...args);
      } catch (error) {
        fail(error);
      }
    };

  const publish = <Schema extends z.ZodType>(
    kind: RunnerMessageKind,
    schema: Schema,
    payload: z.input<Schema>,
    msgId: string,
  ): z.output<Schema> => {
    // parse (not safeParse): a payload off the contract is a bug in this simulation, not a runtime condition.
    const message = schema.parse(payload);
    const h = headers();
    h.set('Nats-Msg-Id', msgId);
    nc.publish(subjects[kind], JSON.stringify(message), { headers: h });
    sent[kind] += 1;
    return message;
  };

  const disconnect = (runner: SimulatedRunner, reason: string) => {
    if (runner.state === 'disconnected') return;
    clearTimeout(runner.timer);
    runner.state = 'disconnected';
    const { plan } = runner;
    const message = publish(
      'disconnected',
      RunnerDisconnectedMessage,
      { runnerId: plan.runnerId, reason },
      `${runId}.${plan.runnerId}.disconnected`,
    );
    onEvent({ type: 'sent', kind: 'disconnected', runner: plan, message });
  };

  const heartbeat = (runner: SimulatedRunner) => {
    if (runner.state === 'disconnected') return;
    runner.sessions = nextSessions(runner.sessions, settings.slots, runner.state === 'draining', random);
    runner.heartbeats += 1;
    const { plan } = runner;
    const message = publish(
      'heartbeat',
      RunnerHeartbeatMessage,
      { runnerId: plan.runnerId, activeSessions: runner.sessions, sentAt: now().toISOString() },
      `${runId}.${plan.runnerId}.heartbeat.${runner.heartbeats}`,
    );
    onEvent({ type: 'sent', kind: 'heartbeat', runner: plan, message });
  };

  const onDrain = (runner: SimulatedRunner, data: Uint8Array) => {
    const parsed = parseJsonMessage(DrainCommand, data);
    if (!parsed.ok) {
      received.invalid += 1;
      return;
    }
    received.drain += 1;
    onEvent({ type: 'command', kind: 'drain', runner: runner.plan, command: parsed.value });
    // A repeated drain (at-least-once delivery) changes nothing.
    if (runner.state === 'active') runner.state = 'draining';
  };

  const onUndrain = (runner: SimulatedRunner, data: Uint8Array) => {
    const parsed = parseJsonMessage(UndrainCommand, data);
    if (!parsed.ok) {
      received.invalid += 1;
      return;
    }
    received.undrain += 1;
    onEvent({ type: 'command', kind: 'undrain', runner: runner.plan, command: parsed.value });
    if (runner.state === 'draining') runner.state = 'active';
  };

  const onStop = (runner: SimulatedRunner, data: Uint8Array) => {
    const parsed = parseJsonMessage(StopCommand, data);
    if (!parsed.ok) {
      received.invalid += 1;
      return;
    }
    received.stop += 1;
    onEvent({ type: 'command', kind: 'stop', runner: runner.plan, command: parsed.value });
    disconnect(runner, `stopped: ${parsed.value.reason}`);
  };

  const handlers = { drain: onDrain, undrain: onUndrain, stop: onStop } as const;
  const onCommand = guarded((error: Error | null, msg: Msg) => {
    if (error !== null) return;
    const target = parseRunnerCommandSubject(msg.subject);
    const runner = target === null ? undefined : runners.get(target.runnerId);
    // Commands to runners this run does not simulate (another fleet in the namespace) are not ours to count.
    if (target === null || runner === undefined || runner.state === 'disconnected') return;
    handlers[target.kind](runner, msg.data);
  });
  // One subscription for the whole fleet, in place before the first runner announces itself.
  const commands: Subscription = nc.subscribe(runnerCommandWildcard(prefix, namespace), {
    callback: onCommand,
  });

  const start = (plan: PlannedRunner) => {
    const runner: SimulatedRunner = {
      plan,
      state: 'active',
      sessions: Math.floor(random() * (settings.slots + 1)),
      heartbeats: 0,
      timer: undefined,
    };
    runners.set(plan.runnerId, runner);
    const message = publish(
      'connected',
      RunnerConnectedMessage,
      {
        runnerId: plan.runnerId,
        pool: plan.pool,
        version: plan.version,
        build: `sim-${plan.version}`,
        serverId: plan.serverId,
        slots: settings.slots,
        labels: { simulation: runId },
        sentAt: now().toISOString(),
      },
      `${runId}.${plan.runnerId}.connected`,
    );
    onEvent({ type: 'sent', kind: 'connected', runner: plan, message });
    // Offsets spread over one interval, so the fleet's heartbeats arrive evenly instead of in waves.
    runner.timer = setTimeout(
      guarded(() => {
        heartbeat(runner);
        runner.timer = setInterval(
          guarded(() => heartbeat(runner)),
          settings.heartbeatMs,
        );
      }),
      Math.floor(random() * settings.heartbeatMs),
    );
  };

  const connectGeneration = async (plans: readonly PlannedRunner[]) => {
    for (const [i, plan] of plans.entries()) {
      if (ended.signal.aborted) return;
      start(plan);
      if ((i + 1) % CONNECT_FLUSH_EVERY === 0) await nc.flush();
    }
    await nc.flush();
  };

  const snapshot = (): FleetSimulationStats => {
    const runnerCounts = { active: 0, draining: 0, disconnected: 0 };
    const byVersion = new Map<Version, VersionCount>();
    let sessions = 0;
    for (const runner of runners.values()) {
      runnerCounts[runner.state] += 1;
      if (runner.state === 'disconnected') continue;
      sessions += runner.sessions;
      const count = byVersion.get(runner.plan.version) ?? {
        version: runner.plan.version,
        live: 0,
        draining: 0,
      };
      count.live += 1;
      if (runner.state === 'draining') count.draining += 1;
      byVersion.set(runner.plan.version, count);
    }
    return {
      runId,
      elapsedMs: performance.now() - started,
      runners: runnerCounts,
      sessions,
      versions: [...byVersion.values()].sort((a, b) => a.version - b.version),
      sent: { ...sent },
      received: { ...received },
    };
  };

  const generations = planFleet(settings);
  const timers: NodeJS.Timeout[] = [];
  const bumps: Promise<void>[] = [];
  const endEarly = () => ended.abort();
  options.signal?.addEventListener('abort', endEarly, { once: true });
  if (options.signal?.aborted) ended.abort();
  if (options.onProgress !== undefined) {
    const report = options.onProgress;
    timers.push(
      setInterval(
        guarded(() => report(snapshot())),
        options.progressIntervalMs ?? 1000,
      ),
    );
  }
  if (settings.durationSeconds !== undefined)
    timers.push(setTimeout(endEarly, settings.durationSeconds * 1000));
  for (const [generation, plans] of generations.entries()) {
    if (generation === 0) continue;
    const bump = guarded(() => {
      const version = plans[0]?.version;
      if (version !== undefined) onEvent({ type: 'bump', version });
      bumps.push(connectGeneration(plans).catch(fail));
    });
    timers.push(setTimeout(bump, generation * settings.bumpAfterSeconds * 1000));
  }

  try {
    await connectGeneration(generations[0] ?? []).catch(fail);
    if (!ended.signal.aborted)
      await new Promise((resolve) => ended.signal.addEventListener('abort', resolve));
  } finally {
    options.signal?.removeEventListener('abort', endEarly);
    for (const timer of timers) clearTimeout(timer);
    await Promise.all(bumps);
    for (const runner of runners.values()) clearTimeout(runner.timer);
    commands.unsubscribe();
    if (!nc.isClosed()) {
      try {
        for (const runner of runners.values()) disconnect(runner, 'simulation ended');
        await nc.flush();
      } catch (error) {
        fail(error);
      }
    }
  }
  if (failure !== undefined) throw new SimulationFailedError({ cause: failure });
  return snapshot();
}
