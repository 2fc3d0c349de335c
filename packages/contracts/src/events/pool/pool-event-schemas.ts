import type { z } from 'zod';
import { PoolConfiguredData } from './pool-configured';
import type { PoolEventType } from './pool-event';
import { RolloutBeganData } from './rollout-began';
import { RolloutEndedData } from './rollout-ended';
import { RunnerBecameBusyData } from './runner-became-busy';
import { RunnerBecameIdleData } from './runner-became-idle';
import { RunnerConnectedData } from './runner-connected';
import { RunnerDrainRequestedData } from './runner-drain-requested';
import { RunnerLostData } from './runner-lost';
import { RunnerStopRequestedData } from './runner-stop-requested';
import { RunnerStoppedData } from './runner-stopped';
import { RunnerUndrainedData } from './runner-undrained';
import { VersionClaimRefusedData } from './version-claim-refused';
import { VersionPublishedData } from './version-published';
import { VersionYankedData } from './version-yanked';

/**
 * Input for the event log's registry: the current data schema and schema version of each pool event type.
 * A breaking data change bumps `version` and adds an upcaster in the registry, never edits history.
 */
export const poolEventSchemas = {
  PoolConfigured: { schema: PoolConfiguredData, version: 1 },
  RunnerConnected: { schema: RunnerConnectedData, version: 1 },
  RunnerDrainRequested: { schema: RunnerDrainRequestedData, version: 1 },
  RunnerUndrained: { schema: RunnerUndrainedData, version: 1 },
  RunnerBecameIdle: { schema: RunnerBecameIdleData, version: 1 },
  RunnerBecameBusy: { schema: RunnerBecameBusyData, version: 1 },
  RunnerStopRequested: { schema: RunnerStopRequestedData, version: 1 },
  RunnerStopped: { schema: RunnerStoppedData, version: 1 },
  RunnerLost: { schema: RunnerLostData, version: 1 },
  VersionClaimRefused: { schema: VersionClaimRefusedData, version: 1 },
  VersionPublished: { schema: VersionPublishedData, version: 1 },
  VersionYanked: { schema: VersionYankedData, version: 1 },
  RolloutBegan: { schema: RolloutBeganData, version: 1 },
  RolloutEnded: { schema: RolloutEndedData, version: 1 },
} as const satisfies Record<PoolEventType, { readonly schema: z.ZodType; readonly version: number }>;
