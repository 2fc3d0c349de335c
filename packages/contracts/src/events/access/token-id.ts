import type { z } from 'zod';
import { Identifier } from '../../identifiers';

/** The id of an access token, chosen by the api when it creates one; never secret. */
export const TokenId = Identifier.describe('Id of an access token (not the secret).');
export type TokenId = z.infer<typeof TokenId>;
