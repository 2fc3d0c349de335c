import { z } from 'zod';

/** Rollcall -> runner on `<prefix>.v1.<ns>.runner.<runnerId>.undrain`. */
export const UndrainCommand = z
  .object({
    reason: z.string().min(1).max(1024),
  })
  .describe('An operator cancelled the drain; take sessions again.');
export type UndrainCommand = z.infer<typeof UndrainCommand>;
