import { Version } from '@rollcall/contracts';
import { z } from 'zod';
import { PoolParams } from '../route-params';

/** `:version` arrives as text: plain digits only, then the wire contract's range (`0`, `-1`, `1.5` are 400s). */
const VersionParam = z
  .string()
  .regex(/^\d+$/, { error: 'must be an integer from 1 to 2147483647' })
  .transform(Number)
  .pipe(Version);

export const PoolVersionParams = PoolParams.extend({ version: VersionParam });
