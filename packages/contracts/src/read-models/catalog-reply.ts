import { z } from 'zod';
import { Namespace, PoolName } from '../identifiers';
import { CatalogVersionView } from './pool-view';

/** `GET /v1/namespaces/:ns/pools/:pool/versions`: one pool's version catalog, ascending by version. */
export const CatalogReply = z.object({
  namespace: Namespace,
  pool: PoolName,
  versions: z.array(CatalogVersionView),
});
export type CatalogReply = z.infer<typeof CatalogReply>;
