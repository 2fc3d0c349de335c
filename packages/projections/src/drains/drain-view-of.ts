import type { DrainState, DrainView } from '@rollcall/contracts';
import { type DrainRow, isOpen } from './drain-row';

/** What the view adds to a drain row at query time: heartbeats, the relay's progress and the clock. */
export interface DrainViewContext {
  /** The runner's latest heartbeat, if any. */
  readonly liveness: { readonly activeSessions: number; readonly lastSeenAt: string } | null;
  /** The runner-command relay's checkpoint: every command at or before it has been sent. Null: none sent. */
  readonly relayPosition: bigint | null;
  readonly now: Date;
}

/**
 * A drain row as the view shows it: its state, seconds left, sessions and, while in progress, a sentence
 * saying what it waits for. A drain notice counts as sent once the relay's checkpoint reached its position
 * (the relay sends in log order and never skips). Pure: the clock comes in with the context.
 */
export function drainViewOf(row: DrainRow, { liveness, relayPosition, now }: DrainViewContext): DrainView {
  const open = isOpen(row);
  // A heartbeat newer than the last busy/idle event knows better, but only for the drain in progress.
  const activeSessions =
    open && liveness !== null && Date.parse(liveness.lastSeenAt) >= Date.parse(row.sessionsAt)
      ? liveness.activeSessions
      : row.activeSessions;
  const sent = (position: bigint | null) =>
    position !== null && relayPosition !== null && relayPosition >= position;
  const msToDeadline = Date.parse(row.deadline) - now.getTime();
  const state = stateOf(row, sent(row.noticePosition), activeSessions);
  return {
    id: row.id.toString(),
    namespace: row.namespace,
    runnerId: row.runnerId,
    pool: row.pool,
    version: row.version,
    serverId: row.serverId,
    reason: row.reason,
    supersededBy: row.supersededBy,
    requestedBy: row.requestedBy,
    requestedAt: row.requestedAt,
    deadline: row.deadline,
    secondsLeft: row.phase === 'draining' ? Math.max(0, Math.ceil(msToDeadline / 1000)) : null,
    activeSessions,
    state,
    waitingFor: open
      ? waitingFor(row, state, activeSessions, sent(row.stopPosition), msToDeadline, now)
      : null,
    stopRequestedAt: row.stopRequestedAt,
    forced: row.stopForced,
    endedAt: row.endedAt,
    outcome: row.outcome,
  };
}

function stateOf(row: DrainRow, notified: boolean, activeSessions: number): DrainState {
  if (row.phase !== 'draining') return row.phase;
  if (!notified) return 'requested';
  return activeSessions > 0 ? 'waiting_for_sessions' : 'notified';
}

function waitingFor(
  row: DrainRow,
  state: DrainState,
  activeSessions: number,
  stopSent: boolean,
  msToDeadline: number,
  now: Date,
): string {
  const sessions = `${activeSessions} session${activeSessions === 1 ? '' : 's'}`;
  const deadline =
    msToDeadline > 0
      ? `forced stop in ${Math.ceil(msToDeadline / 1000)} s`
      : `deadline passed ${secondsSince(row.deadline, now)} s ago; forced stop due`;
  switch (state) {
    case 'requested':
      return activeSessions > 0
        ? `drain notice not yet sent; ${sessions} active; ${deadline}`
        : 'drain notice not yet sent';
    case 'waiting_for_sessions':
      return `${sessions} still active; ${deadline}`;
    case 'notified':
      return 'runner is idle; stop due';
    default: {
      const stop = row.stopForced ? 'forced stop' : 'stop';
      const ago = row.stopRequestedAt === null ? 0 : secondsSince(row.stopRequestedAt, now);
      return stopSent
        ? `${stop} sent ${ago} s ago; waiting for the runner to disconnect`
        : `${stop} decided ${ago} s ago; not yet sent`;
    }
  }
}

function secondsSince(iso: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 1000));
}
