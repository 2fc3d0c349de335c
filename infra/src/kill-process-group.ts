/**
 * SIGKILLs every process left in the group `leaderPid` led (a service runs in a group of its own, and the
 * launcher's runners are in its group). Nothing left, or a group that is already gone, is not an error.
 */
export function killProcessGroup(leaderPid: number | undefined): void {
  if (leaderPid === undefined) return;
  try {
    process.kill(-leaderPid, 'SIGKILL');
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'ESRCH')) throw error;
  }
}
