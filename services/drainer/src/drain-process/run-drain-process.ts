import { type PoolEvent, type PoolEventType, parseStreamName, poolStream } from '@rollcall/contracts';
import { findRunner, type PoolRef } from '@rollcall/domain';
import {
  delay,
  type EventLogDatabase,
  leadWithRestarts,
  readCheckpoint,
  type SubscriptionPage,
  storeCheckpoint,
  subscribe,
  type Wake,
} from '@rollcall/eventlog';
import {
  deterministicEventIds,
  handlePoolDecision,
  type PoolCommandResult,
  poolStateCache,
} from '@rollcall/pool-commands';
import { type Logger, withCorrelation } from '@rollcall/service-kit';
import type { Kysely } from 'kysely';
import type { DrainerMetrics } from '../drainer-metrics';
import { CheckpointMovedError } from './checkpoint-moved-error';
import { stopDecision, stopTimeoutDecision } from './drain-decisions';
import { type DrainWork, drainsInProgress, dueWork, nextDueAt } from './drain-work';
import { type BeforeFold, foldWatchedPool } from './fold-watched-pool';
import { lastSeenAt } from './last-seen-at';
import { unfoldedPool, type WatchedPool } from './watched-pool';
import { listWatchedPools, replaceWatchedPools } from './watched-pools-store';

/** The drain process's checkpoint (`checkpoints.consumer`). */
export const DRAIN_PROCESS = 'drain-process';

const LOCK_NAME = 'rollcall:drainer:drain-process';

/** The events that can give a pool nobody watches a drain in progress. */
const STARTS_DRAIN_WORK: ReadonlySet<string> = new Set<PoolEventType>([
  'RunnerDrainRequested',
  'RunnerStopRequested',
]);

/** Longest wait between looks at the clock, so a clock that jumps is noticed. */
const MAX_WAIT_MS = 60_000;

export interface DrainProcessOptions {
  db: Kysely<EventLogDatabase>;
  /** For the leader lock's own session. */
  connectionString: string;
  /** Stamps decisions and tells when deadlines and stop timeouts are due. */
  clock: () => Date;
  logger: Logger;
  metrics: DrainerMetrics;
  /** Aborting it stops the process after its in-flight step. */
  signal: AbortSignal;
  /** A runner told to stop that has not disconnected this long after is marked lost, in ms. */
  stopGraceMs: number;
  /** Append notifications; without one the process polls the log. */
  wake?: Wake;
  /** How often a standby replica asks to lead, in ms. @default 5000 */
  lockRetryMs?: number;
  /** Wait before work whose decision failed is tried again, in ms. @default 1000 */
  retryDelayMs?: number;
  /** First idle delay between reads of the log without a wake-up, in ms. @default 250 */
  pollIntervalMs?: number;
}

/**
 * The drain process manager: carries every recorded drain to its end. For each draining runner it decides
 * `RequestStop` once the runner is idle (graceful, `drain_complete`) or its deadline has passed (forced,
 * `drain_deadline`), and `MarkLost` (`stop_timeout`) when a runner told to stop has not disconnected within
 * the grace period. The stop command itself goes out from the log through the runner-command relay.
 *
 * Its timers are derived from the log, never held only in memory: the pending deadlines are the draining
 * runners' `drain.deadline` in their pools' folded state. A checkpoint, stored with the set of pools that
 * had a drain in progress at that point, spares a new leader the whole log: it folds those pools and
 * follows the log from the checkpoint. One replica leads at a time (an advisory lock), and every decision
 * is re-made on the pool's current state and appended with optimistic concurrency and ids derived from the
 * runner's drain, so a takeover or a repeat never stops a runner twice. Resolves once `signal` aborted.
 */
export async function runDrainProcess(options: DrainProcessOptions): Promise<void> {
  const { signal } = options;
  const logger = options.logger.child({ task: DRAIN_PROCESS });
  await leadWithRestarts(
    {
      connectionString: options.connectionString,
      name: LOCK_NAME,
      signal,
      logger,
      ...(options.lockRetryMs === undefined ? {} : { retryMs: options.lockRetryMs }),
    },
    { failureMessage: 'drain process failed; starting over from its checkpoint' },
    (held, markProgress) => lead(options, held, logger, markProgress),
  );
}

/** One leadership: from the checkpoint to the end of `held` (or the first failure, which is thrown). */
async function lead(
  options: DrainProcessOptions,
  held: AbortSignal,
  logger: Logger,
  markProgress: () => void,
): Promise<void> {
  const { db, clock, metrics, stopGraceMs } = options;
  const retryDelayMs = options.retryDelayMs ?? 1000;
  const watched = new Map<string, WatchedPool>();
  const pausedUntil = new Map<string, number>();
  const decisions = poolStateCache(db);
  const stopReading = new AbortController();
  const reading = AbortSignal.any([held, stopReading.signal]);

  const checkpoint = await readCheckpoint(db, DRAIN_PROCESS);
  // Events up to the checkpoint were judged by an earlier leader, and a pool watched again is folded again
  // from its start: each drain's end is measured once, by the leader that first folds it.
  const measuredAfter = checkpoint ?? 0n;
  const measuredThrough = new Map<string, bigint>();
  const beforeFold: BeforeFold = (pool, event, recorded) => {
    const { streamName, streamVersion, globalPosition } = recorded;
    if (globalPosition <= measuredAfter || streamVersion <= (measuredThrough.get(streamName) ?? 0n)) return;
    measuredThrough.set(streamName, streamVersion);
    measureDrainEnd(metrics, pool, event);
  };
  let watchedChanged = false;

  /** Folds the pool's stream past `base` and keeps watching it while a drain is in progress there. */
  async function refresh(streamName: string, base: WatchedPool): Promise<WatchedPool | undefined> {
    const folded = await foldWatchedPool(db, base, beforeFold);
    const current = watched.get(streamName);
    if (current !== undefined && current.version > folded.version) return current;
    if (drainsInProgress(folded) > 0) {
      if (current === undefined) watchedChanged = true;
      watched.set(streamName, folded);
      return folded;
    }
    if (watched.delete(streamName)) watchedChanged = true;
    pausedUntil.delete(streamName);
    return undefined;
  }

  async function store(expected: bigint | null, position: bigint): Promise<void> {
    await db.transaction().execute(async (trx) => {
      if (watchedChanged) {
        const pools: PoolRef[] = [...watched.values()].map(({ namespace, pool }) => ({ namespace, pool }));
        await replaceWatchedPools(trx, pools);
      }
      const stored = await storeCheckpoint(trx, { consumer: DRAIN_PROCESS, expected, position });
      if (stored !== 'stored') throw new CheckpointMovedError(DRAIN_PROCESS, expected, stored);
    });
    watchedChanged = false;
    markProgress();
  }

  /** The pools a page concerns: the ones watched, and those it may have given a drain in progress. */
  async function follow(page: SubscriptionPage): Promise<void> {
    if (page.kind !== 'events') return;
    const touched = new Map<string, WatchedPool>();
    for (const recorded of page.events) {
      if (touched.has(recorded.streamName)) continue;
      const known = watched.get(recorded.streamName);
      const ref = known ?? (STARTS_DRAIN_WORK.has(recorded.type) ? poolRefOf(recorded.streamName) : null);
      if (ref !== null) touched.set(recorded.streamName, known ?? unfoldedPool(ref.namespace, ref.pool));
    }
    for (const [streamName, base] of touched) await refresh(streamName, watched.get(streamName) ?? base);
  }

  async function fireDueWork(): Promise<void> {
    for (const [streamName, pool] of [...watched]) {
      const paused = pausedUntil.get(streamName);
      if (paused !== undefined && paused > clock().getTime()) continue;
      if (dueWork(pool, clock(), stopGraceMs).length === 0) continue;
      // The log may be ahead of what the tail has brought: decide on the newest state there is.
      const fresh = await refresh(streamName, pool);
      if (fresh === undefined) continue;
      // Work decided without an append should be gone from the refreshed state; if it is not, or a
      // decision failed, the pool rests a moment instead of being decided again in a tight loop.
      const unsettled = new Set<string>();
      let failed = false;
      for (const work of dueWork(fresh, clock(), stopGraceMs)) {
        try {
          if ((await fire(fresh, work)).kind !== 'appended') unsettled.add(workKey(work));
        } catch (error) {
          failed = true;
          withCorrelation(logger, { runnerId: work.runnerId }).warn(
            { err: error, namespace: fresh.namespace, pool: fresh.pool, work: work.kind },
            'drain decision failed; trying again shortly',
          );
        }
      }
      const after = await refresh(streamName, fresh);
      const stuck =
        after !== undefined &&
        dueWork(after, clock(), stopGraceMs).some((work) => unsettled.has(workKey(work)));
      if (failed || stuck) pausedUntil.set(streamName, clock().getTime() + retryDelayMs);
      else pausedUntil.delete(streamName);
    }
  }

  async function fire(pool: WatchedPool, work: DrainWork): Promise<PoolCommandResult> {
    const ref: PoolRef = { namespace: pool.namespace, pool: pool.pool };
    const { runnerId } = work;
    const runner = findRunner(pool.state, runnerId);
    if (runner === undefined) throw new RangeError(`runner ${runnerId} is not in the pool it is due in`);
    const now = clock();
    // One decision per runner incarnation and drain (or stop request): a new leader deciding it again
    // derives the same event ids.
    const incarnation = `${ref.namespace}|${ref.pool}|${runnerId}|${runner.connectedAt}`;
    const key =
      work.kind === 'stop'
        ? `drainer|stop|${incarnation}|${runner.drain?.requestedAt ?? ''}`
        : `drainer|lost|${incarnation}|${work.stopRequestedAt}`;
    const decision =
      work.kind === 'stop'
        ? stopDecision(ref, runnerId, now)
        : stopTimeoutDecision(
            ref,
            runnerId,
            await lastSeenAt(db, { namespace: ref.namespace, runnerId }, runner),
            now,
          );
    const result = await handlePoolDecision(db, ref, decision, {
      cache: decisions,
      eventId: deterministicEventIds(key),
      metadata: { causationId: key },
    });
    result.events.forEach((event, index) => {
      report(withCorrelation(logger, { runnerId, eventId: result.eventIds[index] }), metrics, event);
    });
    return result;
  }

  /** How long to wait for the log before the next deadline, stop timeout or retry falls due. */
  function waitMs(): number {
    const now = clock();
    let next: number | null = null;
    const consider = (at: number | null | undefined) => {
      if (at != null && at > now.getTime() && (next === null || at < next)) next = at;
    };
    for (const [streamName, pool] of watched) {
      consider(nextDueAt(pool, now, stopGraceMs));
      consider(pausedUntil.get(streamName));
    }
    return next === null ? MAX_WAIT_MS : Math.min(MAX_WAIT_MS, next - now.getTime());
  }

  const showProgress = () => {
    let inProgress = 0;
    for (const pool of watched.values()) inProgress += drainsInProgress(pool);
    metrics.drainsInProgress.set(inProgress);
  };

  // 1. The pools that had a drain in progress at the checkpoint, folded up to now.
  const recorded = await listWatchedPools(db);
  for (const { namespace, pool } of recorded) {
    await refresh(poolStream(namespace, pool), unfoldedPool(namespace, pool));
  }
  watchedChanged = watched.size !== recorded.length;
  logger.info({ checkpoint: checkpoint?.toString() ?? null, pools: watched.size }, 'leading drains');

  // 2. One loop takes turns: decide what is due, then wait for the log or the next due instant.
  const pages = subscribe(db, {
    after: checkpoint ?? 0n,
    filter: { category: 'pool' },
    signal: reading,
    ...(options.wake === undefined ? {} : { wake: options.wake }),
    ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
  });
  let expected = checkpoint;
  let nextPage = pages.next();
  try {
    while (!held.aborted) {
      await fireDueWork();
      showProgress();
      const timer = delay(waitMs(), held);
      const turn = await Promise.race([nextPage, timer.elapsed.then(() => null)]);
      timer.cancel();
      if (turn === null) continue;
      if (turn.done === true) return;
      const page = turn.value;
      await follow(page);
      const position = page.kind === 'events' ? page.lastPosition : page.position;
      if (page.kind === 'events' || watchedChanged || expected === null) {
        await store(expected, position);
        expected = position;
      }
      nextPage = pages.next();
    }
  } finally {
    stopReading.abort();
    // The pending read ends at the abort; it must settle before the generator can be closed.
    await nextPage.catch(() => undefined);
    await pages.return(undefined);
    metrics.drainsInProgress.set(0);
  }
}

function workKey(work: DrainWork): string {
  return `${work.kind}|${work.runnerId}`;
}

/** `pool-<ns>+<pool>` back to its parts; null for any other stream. */
function poolRefOf(streamName: string): PoolRef | null {
  const parsed = parseStreamName(streamName);
  if (parsed?.category !== 'pool') return null;
  const [namespace, pool, ...rest] = parsed.idParts;
  if (namespace === undefined || pool === undefined || rest.length > 0) return null;
  return { namespace, pool };
}

/** The drain duration histogram: from the drain's request to the runner stopping or being lost. */
function measureDrainEnd(metrics: DrainerMetrics, pool: WatchedPool, event: PoolEvent): void {
  if (event.type !== 'RunnerStopped' && event.type !== 'RunnerLost') return;
  const runner = findRunner(pool.state, event.data.runnerId);
  if (runner?.drain == null || (runner.status !== 'draining' && runner.status !== 'stopping')) return;
  const seconds = (Date.parse(event.data.at) - Date.parse(runner.drain.requestedAt)) / 1000;
  metrics.drainSeconds.observe(
    { end: event.type === 'RunnerStopped' ? 'stopped' : 'lost' },
    Math.max(0, seconds),
  );
}

function report(logger: Logger, metrics: DrainerMetrics, event: PoolEvent): void {
  const { namespace, pool } = event.data;
  switch (event.type) {
    case 'RunnerStopRequested':
      if (event.data.forced) {
        metrics.forcedStops.inc();
        logger.warn(
          { namespace, pool, reason: event.data.reason },
          'drain deadline passed with sessions left: stop forced',
        );
      } else {
        logger.info(
          { namespace, pool, reason: event.data.reason },
          'draining runner is idle: stop requested',
        );
      }
      return;
    case 'RunnerLost':
      metrics.runnersLost.inc();
      logger.warn(
        { namespace, pool, reason: event.data.reason, lastSeenAt: event.data.lastSeenAt },
        'runner told to stop has not disconnected: marked lost',
      );
      return;
    default:
      logger.info({ namespace, pool, type: event.type }, 'pool event appended');
  }
}
