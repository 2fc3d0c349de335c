import type { Msg, NatsConnection, Subscription } from '@nats-io/nats-core';
import { connectBus, msgIdOf, publish } from '@rollcall/bus';
import {
  type DrainCommand,
  RunnerCommandKind,
  RunnerConnectedMessage,
  RunnerDisconnectedMessage,
  RunnerHeartbeatMessage,
  runnerCommandSubject,
  runnerMessageSubject,
} from '@rollcall/contracts';
import type { Logger } from 'pino';
import { decideLifecycle, type LifecycleInput } from './decide-lifecycle';
import { parseCommand } from './parse-command';
import { RecentIds } from './recent-ids';
import type { DrainHook, Runner, StopHook, UndrainHook } from './runner';
import { RunnerDrainingError } from './runner-draining-error';
import {
  initialLifecycle,
  type RunnerLifecycle,
  type RunnerStatus,
  type StopNotice,
} from './runner-lifecycle';
import { type RunnerMsgIds, runnerMsgIds } from './runner-msg-ids';
import type { RunnerConfig } from './runner-options';
import { RunnerStoppedError } from './runner-stopped-error';
import type { Session } from './session';

/** Command ids remembered to recognise a re-send; far more than Rollcall ever has in flight for one runner. */
const REMEMBERED_COMMAND_IDS = 1024;

const MAX_DISCONNECT_REASON = 1024;

export interface RunnerProcessInit {
  config: RunnerConfig & { runnerId: string };
  incarnation: string;
  connection: { nc: NatsConnection } | { natsUrl: string };
  logger: Logger;
}

/** The `Runner` behind `createRunner`: the lifecycle (see `decideLifecycle`) wired to NATS and timers. */
export class RunnerProcess implements Runner {
  readonly runnerId: string;
  readonly incarnation: string;
  readonly msgIds: RunnerMsgIds;
  readonly capacity: number;
  readonly stopped: Promise<StopNotice>;

  readonly #config: RunnerProcessInit['config'];
  readonly #connection: RunnerProcessInit['connection'];
  readonly #log: Logger;
  readonly #resolveStopped: (notice: StopNotice) => void;
  readonly #sessions = new Set<AbortController>();
  readonly #drainHooks = new Set<DrainHook>();
  readonly #undrainHooks = new Set<UndrainHook>();
  readonly #stopHooks = new Set<StopHook>();
  readonly #seenCommands = new RecentIds(REMEMBERED_COMMAND_IDS);
  readonly #subscriptions: Subscription[] = [];
  #lifecycle: RunnerLifecycle = initialLifecycle;
  /** Commands and closes are applied one at a time, in the order they arrived. */
  #queue: Promise<void> = Promise.resolve();
  #nc: NatsConnection | undefined;
  #started: Promise<void> | undefined;
  /** Set once this runner releases the connection itself, so its closing is not taken for an outage. */
  #releasing = false;
  #connectedPayload: RunnerConnectedMessage | undefined;
  #heartbeatSequence = 0;
  #heartbeatTimer: NodeJS.Timeout | undefined;
  #heartbeatSoon: NodeJS.Immediate | undefined;
  #wakeFinish: (() => void) | undefined;

  constructor({ config, incarnation, connection, logger }: RunnerProcessInit) {
    this.runnerId = config.runnerId;
    this.incarnation = incarnation;
    this.msgIds = runnerMsgIds(config.runnerId, incarnation);
    this.capacity = config.slots;
    this.#config = config;
    this.#connection = connection;
    this.#log = logger.child({
      runnerId: config.runnerId,
      namespace: config.namespace,
      pool: config.pool,
      version: config.version,
    });
    const stopped = Promise.withResolvers<StopNotice>();
    this.stopped = stopped.promise;
    this.#resolveStopped = stopped.resolve;
  }

  get status(): RunnerStatus {
    return this.#lifecycle.status;
  }

  get drain(): DrainCommand | null {
    return this.#lifecycle.status === 'draining' ? this.#lifecycle.drain : null;
  }

  get activeSessions(): number {
    return this.#sessions.size;
  }

  get accepting(): boolean {
    return this.#lifecycle.status === 'created' || this.#lifecycle.status === 'active';
  }

  start(): Promise<void> {
    this.#started ??= this.#start();
    return this.#started;
  }

  async session<T>(work: (session: Session) => Promise<T> | T): Promise<T> {
    const session = this.openSession();
    try {
      return await work(session);
    } finally {
      session.end();
    }
  }

  openSession(): Session {
    if (!this.accepting) throw new RunnerDrainingError(this.runnerId, this.status);
    const controller = new AbortController();
    let ended = false;
    this.#sessions.add(controller);
    this.#sessionsChanged();
    return {
      signal: controller.signal,
      get ended() {
        return ended;
      },
      end: () => {
        if (ended) return;
        ended = true;
        this.#sessions.delete(controller);
        this.#sessionsChanged();
      },
    };
  }

  onDrain(hook: DrainHook): () => void {
    return addHook(this.#drainHooks, hook);
  }

  onUndrain(hook: UndrainHook): () => void {
    return addHook(this.#undrainHooks, hook);
  }

  onStop(hook: StopHook): () => void {
    return addHook(this.#stopHooks, hook);
  }

  async close(reason = 'closed by the runner process', { forced = false } = {}): Promise<StopNotice> {
    // A close during start-up waits for the connection, so `disconnected` follows `connected`.
    await this.#started?.catch(() => undefined);
    this.#enqueue({ kind: 'close', reason, forced });
    return this.stopped;
  }

  async #start(): Promise<void> {
    if (this.#lifecycle.status !== 'created') throw new RunnerStoppedError(this.runnerId);
    const { prefix, namespace } = this.#config;
    const nc =
      'nc' in this.#connection
        ? this.#connection.nc
        : await connectBus({
            url: this.#connection.natsUrl,
            name: `rollcall-runner-${this.runnerId}`,
            logger: this.#log,
          });
    if (this.#lifecycle.status !== 'created') {
      // Closed while connecting: nothing was announced, so there is nothing to take back.
      if (!('nc' in this.#connection)) await nc.close();
      throw new RunnerStoppedError(this.runnerId);
    }
    this.#nc = nc;
    // Callbacks, not async iterators: they run in the order messages arrive across the three
    // subscriptions, so a drain followed by an undrain is never applied the other way round.
    for (const kind of RunnerCommandKind.options) {
      const subject = runnerCommandSubject(prefix, namespace, this.runnerId, kind);
      this.#subscriptions.push(
        nc.subscribe(subject, { callback: (error, msg) => this.#received(kind, error, msg) }),
      );
    }
    this.#lifecycle = { status: 'active' };
    this.#connectedPayload = this.#connectedMessage();
    this.#publishConnected();
    this.#heartbeat();
    await nc.flush();
    this.#heartbeatTimer = setInterval(() => this.#heartbeat(), this.#config.heartbeatIntervalMs);
    void this.#announceAfterReconnects(nc);
    void this.#watchClosed(nc);
    this.#log.info(
      { serverId: this.#config.serverId, slots: this.capacity, msgId: this.msgIds.connected },
      'runner connected',
    );
  }

  #connectedMessage(): RunnerConnectedMessage {
    const { pool, version, build, serverId, slots, labels } = this.#config;
    return RunnerConnectedMessage.parse({
      runnerId: this.runnerId,
      pool,
      version,
      ...(build === undefined ? {} : { build }),
      serverId,
      slots,
      labels,
      sentAt: new Date().toISOString(),
    });
  }

  #received(kind: RunnerCommandKind, error: Error | null, msg: Msg): void {
    if (error !== null) {
      this.#log.error({ err: error, command: kind }, 'command subscription failed');
      return;
    }
    const msgId = msgIdOf(msg.headers);
    const parsed = parseCommand(kind, msg.data);
    if (!parsed.ok) {
      this.#log.warn({ subject: msg.subject, msgId, error: parsed.error }, 'invalid command ignored');
      return;
    }
    if (msgId !== undefined && !this.#seenCommands.add(msgId)) {
      this.#log.info({ command: kind, msgId }, 'repeated command ignored (same Nats-Msg-Id)');
      return;
    }
    this.#enqueue(parsed.value, msgId);
  }

  #enqueue(input: LifecycleInput, msgId?: string): void {
    this.#queue = this.#queue
      .then(() => this.#apply(input, msgId))
      .catch((error: unknown) => this.#log.error({ err: error, input: input.kind }, 'command failed'));
  }

  async #apply(input: LifecycleInput, msgId: string | undefined): Promise<void> {
    const decision = decideLifecycle(this.#lifecycle, input);
    this.#lifecycle = decision.next;
    const log = this.#log.child({ command: input.kind, ...(msgId === undefined ? {} : { msgId }) });
    switch (decision.effect) {
      case 'ignored':
        log.info({ why: decision.why }, 'command ignored');
        return;
      case 'updated':
        log.info({ drain: this.drain }, 'drain details updated');
        return;
      case 'drained': {
        const drain = this.drain;
        if (drain === null) return;
        log.info(
          { reason: drain.reason, supersededBy: drain.supersededBy, deadline: drain.deadline },
          'drain received: taking no new sessions',
        );
        this.#scheduleHeartbeat();
        await runHooks(this.#drainHooks, drain, log, 'drain');
        return;
      }
      case 'undrained':
        if (input.kind !== 'undrain') return;
        log.info({ reason: input.command.reason }, 'undrain received: taking sessions again');
        this.#scheduleHeartbeat();
        await runHooks(this.#undrainHooks, input.command, log, 'undrain');
        return;
      case 'stopping':
        await this.#beginStop(log);
        return;
      case 'forced':
        log.warn({ activeSessions: this.activeSessions }, 'stop forced: ending the remaining sessions now');
        this.#abortSessions();
        this.#wakeFinish?.();
        return;
    }
  }

  async #beginStop(log: Logger): Promise<void> {
    const notice = this.#stopNotice();
    log.info({ ...notice, activeSessions: this.activeSessions }, 'stopping: taking no new sessions');
    if (notice.forced) this.#abortSessions();
    this.#scheduleHeartbeat();
    await runHooks(this.#stopHooks, notice, log, 'stop');
    // Not awaited: waiting for sessions must not hold up the queue, where a forced stop may follow.
    void this.#finish();
  }

  async #finish(): Promise<void> {
    while (this.#sessions.size > 0 && !this.#stopNotice().forced) {
      await new Promise<void>((resolve) => {
        this.#wakeFinish = resolve;
      });
    }
    this.#wakeFinish = undefined;
    if (this.#lifecycle.status === 'stopped') return; // the connection closed under it meanwhile
    const notice = this.#stopNotice();
    this.#stopTimers();
    const nc = this.#nc;
    if (nc !== undefined && !nc.isClosed()) {
      this.#releasing = true;
      await this.#disconnect(nc, notice);
    }
    this.#lifecycle = { status: 'stopped', stop: notice };
    this.#log.info({ ...notice }, 'runner stopped');
    this.#resolveStopped(notice);
  }

  async #disconnect(nc: NatsConnection, notice: StopNotice): Promise<void> {
    const reason =
      notice.origin === 'rollcall'
        ? `stopped by rollcall (${notice.reason}${notice.forced ? ', forced' : ''})`
        : notice.reason;
    try {
      publish(nc, {
        subject: runnerMessageSubject(this.#config.prefix, this.#config.namespace, 'disconnected'),
        schema: RunnerDisconnectedMessage,
        payload: { runnerId: this.runnerId, reason: reason.slice(0, MAX_DISCONNECT_REASON) },
        msgId: this.msgIds.disconnected,
      });
      await nc.flush();
    } catch (error) {
      this.#log.warn({ err: error }, 'could not publish disconnected');
    }
    for (const subscription of this.#subscriptions) subscription.unsubscribe();
    if (!('nc' in this.#connection)) {
      await nc.drain().catch((error: unknown) => this.#log.warn({ err: error }, 'NATS drain failed'));
    }
  }

  #stopNotice(): StopNotice {
    const lifecycle = this.#lifecycle;
    if (lifecycle.status === 'stopping' || lifecycle.status === 'stopped') return lifecycle.stop;
    throw new TypeError(`runner ${this.runnerId} has no stop notice while ${lifecycle.status}`);
  }

  #sessionsChanged(): void {
    const { status } = this.#lifecycle;
    // While draining, every session that ends brings the stop closer: tell Rollcall at once.
    if (status === 'draining' || status === 'stopping') this.#scheduleHeartbeat();
    if (status === 'stopping' && this.#sessions.size === 0) this.#wakeFinish?.();
  }

  #abortSessions(): void {
    for (const controller of this.#sessions) controller.abort();
  }

  /** One heartbeat soon, however many sessions change in the same turn of the event loop. */
  #scheduleHeartbeat(): void {
    if (this.#nc === undefined || this.#heartbeatSoon !== undefined) return;
    this.#heartbeatSoon = setImmediate(() => {
      this.#heartbeatSoon = undefined;
      this.#heartbeat();
    });
  }

  #heartbeat(): void {
    const nc = this.#nc;
    if (nc === undefined || this.#lifecycle.status === 'stopped') return;
    this.#heartbeatSequence += 1;
    this.#send(nc, 'heartbeat', () =>
      publish(nc, {
        subject: runnerMessageSubject(this.#config.prefix, this.#config.namespace, 'heartbeat'),
        schema: RunnerHeartbeatMessage,
        payload: {
          runnerId: this.runnerId,
          activeSessions: this.activeSessions,
          sentAt: new Date().toISOString(),
        },
        msgId: this.msgIds.heartbeat(this.#heartbeatSequence),
      }),
    );
  }

  #publishConnected(): void {
    const nc = this.#nc;
    const payload = this.#connectedPayload;
    if (nc === undefined || payload === undefined) return;
    // The very same message each time, so a repeat is a repeat to JetStream and to the registry alike.
    this.#send(nc, 'connected', () =>
      publish(nc, {
        subject: runnerMessageSubject(this.#config.prefix, this.#config.namespace, 'connected'),
        schema: RunnerConnectedMessage,
        payload,
        msgId: this.msgIds.connected,
      }),
    );
  }

  #send(nc: NatsConnection, what: string, send: () => void): void {
    if (nc.isClosed()) return;
    try {
      send();
    } catch (error) {
      this.#log.warn({ err: error, message: what }, `could not publish ${what}`);
    }
  }

  /**
   * After a NATS outage the registry may have lost sight of the runner: announce it again with the same
   * `Nats-Msg-Id` (JetStream keeps one copy) and report the sessions at once.
   */
  async #announceAfterReconnects(nc: NatsConnection): Promise<void> {
    for await (const status of nc.status()) {
      if (this.#lifecycle.status === 'stopped') break;
      if (status.type !== 'reconnect') continue;
      this.#log.info(
        { server: status.server, msgId: this.msgIds.connected },
        'reconnected to NATS: announcing the runner again',
      );
      this.#publishConnected();
      this.#scheduleHeartbeat();
    }
  }

  /** A connection closed by someone else leaves nothing to do: the runner ends, and says why. */
  async #watchClosed(nc: NatsConnection): Promise<void> {
    const closedWith = await nc.closed();
    if (this.#releasing || this.#lifecycle.status === 'stopped') return;
    const notice: StopNotice = { reason: 'NATS connection closed', forced: true, origin: 'connection' };
    this.#log.error(
      { err: closedWith },
      'NATS connection closed under the runner; it stops without disconnected',
    );
    this.#stopTimers();
    this.#abortSessions();
    this.#lifecycle = { status: 'stopped', stop: notice };
    this.#wakeFinish?.();
    this.#resolveStopped(notice);
  }

  #stopTimers(): void {
    clearInterval(this.#heartbeatTimer);
    clearImmediate(this.#heartbeatSoon);
    this.#heartbeatTimer = undefined;
    this.#heartbeatSoon = undefined;
  }
}

function addHook<Hook>(hooks: Set<Hook>, hook: Hook): () => void {
  hooks.add(hook);
  return () => {
    hooks.delete(hook);
  };
}

async function runHooks<Value>(
  hooks: ReadonlySet<(value: Value) => void | Promise<void>>,
  value: Value,
  log: Logger,
  name: string,
): Promise<void> {
  for (const hook of [...hooks]) {
    try {
      await hook(value);
    } catch (error) {
      log.error({ err: error, hook: name }, `${name} hook failed; carrying on`);
    }
  }
}
