import { z } from 'zod';
import { PoolName, RunnerId, ServerId } from '../identifiers';
import { Labels } from '../labels';
import { IsoTimestamp } from '../timestamp';
import { Build, Version } from '../version';

/** Runner -> Rollcall on `<prefix>.v1.<ns>.runner.connected`. */
export const RunnerConnectedMessage = z
  .object({
    runnerId: RunnerId,
    pool: PoolName,
    version: Version,
    build: Build.optional(),
    serverId: ServerId,
    slots: z.int32().min(1).default(1).describe('Sessions the runner can hold at once.'),
    labels: Labels.default({}),
    sentAt: IsoTimestamp.optional(),
  })
  .describe('A runner announces itself when it is ready to take sessions.');
export type RunnerConnectedMessage = z.infer<typeof RunnerConnectedMessage>;
