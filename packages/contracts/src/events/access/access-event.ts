import { z } from 'zod';
import { AccessTokenCreated } from './access-token-created';
import { AccessTokenRevoked } from './access-token-revoked';

/** Every event of the `access` category (the one stream `access-tokens`). */
export const AccessEvent = z.discriminatedUnion('type', [AccessTokenCreated, AccessTokenRevoked]);
export type AccessEvent = z.infer<typeof AccessEvent>;
export type AccessEventType = AccessEvent['type'];

export const accessEventTypes: readonly AccessEventType[] = AccessEvent.options.map(
  (event) => event.shape.type.value,
);
