import { PoolName, RolloutId } from '@rollcall/contracts';
import { z } from 'zod';
import { NamespaceParams } from '../route-params';

/** `:id` of `/v1/namespaces/:ns/rollouts/:id`, checked like the identifiers of the wire contract. */
export const RolloutParams = NamespaceParams.extend({ id: RolloutId });

/** `?pool=&active=&limit=` of the rollout list. */
export const RolloutListQuery = z
  .object({
    pool: PoolName.optional(),
    active: z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .transform((active) => active === 'true')
      .optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50).describe('Newest rollouts returned.'),
  })
  .strict();
