import { z } from 'zod';
import { DrainReason } from '../drain-reason';
import { IsoTimestamp } from '../timestamp';
import { Version } from '../version';

/** Rollcall -> runner on `<prefix>.v1.<ns>.runner.<runnerId>.drain`. */
export const DrainCommand = z
  .object({
    reason: DrainReason,
    supersededBy: Version.optional().describe('The newer version that replaces this runner.'),
    deadline: IsoTimestamp.describe('When Rollcall stops the runner even if it still holds sessions.'),
  })
  .describe('Take no new sessions, finish the current ones, keep heartbeating.');
export type DrainCommand = z.infer<typeof DrainCommand>;
