import { z } from 'zod';

/**
 * What an access token may do, each role including the ones before it: `viewer` reads, `operator` also
 * writes (drains, versions, rollouts, config), `admin` also manages tokens.
 */
export const AccessRole = z.enum(['viewer', 'operator', 'admin']);
export type AccessRole = z.infer<typeof AccessRole>;
