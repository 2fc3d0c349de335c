import type { z } from 'zod';
import type { AccessEventType } from './access-event';
import { AccessTokenCreatedData } from './access-token-created';
import { AccessTokenRevokedData } from './access-token-revoked';

/** Input for the event log's registry: the current data schema and schema version of each access event type. */
export const accessEventSchemas = {
  AccessTokenCreated: { schema: AccessTokenCreatedData, version: 1 },
  AccessTokenRevoked: { schema: AccessTokenRevokedData, version: 1 },
} as const satisfies Record<AccessEventType, { readonly schema: z.ZodType; readonly version: number }>;
