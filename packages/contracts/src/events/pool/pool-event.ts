import { z } from 'zod';
import { PoolConfigured } from './pool-configured';
import { RolloutBegan } from './rollout-began';
import { RolloutEnded } from './rollout-ended';
import { RunnerBecameBusy } from './runner-became-busy';
import { RunnerBecameIdle } from './runner-became-idle';
import { RunnerConnected } from './runner-connected';
import { RunnerDrainRequested } from './runner-drain-requested';
import { RunnerLost } from './runner-lost';
import { RunnerStopRequested } from './runner-stop-requested';
import { RunnerStopped } from './runner-stopped';
import { RunnerUndrained } from './runner-undrained';
import { VersionClaimRefused } from './version-claim-refused';
import { VersionPublished } from './version-published';
import { VersionYanked } from './version-yanked';

/** Every event of the `pool` category (stream `pool-<ns>+<pool>`). */
export const PoolEvent = z.discriminatedUnion('type', [
  PoolConfigured,
  RunnerConnected,
  RunnerDrainRequested,
  RunnerUndrained,
  RunnerBecameIdle,
  RunnerBecameBusy,
  RunnerStopRequested,
  RunnerStopped,
  RunnerLost,
  VersionClaimRefused,
  VersionPublished,
  VersionYanked,
  RolloutBegan,
  RolloutEnded,
]);
export type PoolEvent = z.infer<typeof PoolEvent>;
export type PoolEventType = PoolEvent['type'];

export const poolEventTypes: readonly PoolEventType[] = PoolEvent.options.map(
  (event) => event.shape.type.value,
);
