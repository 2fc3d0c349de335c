import { findRunner } from '@rollcall/domain';
import type { HeartbeatRecorded } from './liveness/record-heartbeats';
import type { PoolCommandHandler } from './pool-command-handler';

/**
 * Whether a heartbeat may cross busy <-> idle, so only those cost a decision. The liveness row's previous
 * value is shared by every replica; the cached pool covers the row having moved without its event being
 * appended (a crash or failed append in between), and a pool this process has not loaded is asked.
 */
export function mayBeTransition(
  recorded: HeartbeatRecorded,
  activeSessions: number,
  commands: Pick<PoolCommandHandler, 'peek'>,
): boolean {
  const busy = activeSessions > 0;
  if (recorded.previousSessions > 0 !== busy) return true;
  const state = commands.peek(recorded.namespace, recorded.pool);
  if (state === undefined) return true;
  const runner = findRunner(state, recorded.runnerId);
  if (runner === undefined) return true;
  if (runner.status === 'stopped' || runner.status === 'lost') return false;
  return (runner.idleSince === null) !== busy;
}
