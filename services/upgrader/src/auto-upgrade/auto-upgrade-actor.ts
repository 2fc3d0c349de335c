/** Who starts an automatic rollout: recorded as its `startedBy` and on every event of the start. */
export const AUTO_UPGRADE_ACTOR = 'rollcall:auto-upgrade';
