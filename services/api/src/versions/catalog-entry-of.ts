import type { CatalogVersionView } from '@rollcall/contracts';
import type { CatalogVersion } from '@rollcall/domain';

/** A catalog entry of the pool aggregate as the API shows it (the same shape the pools read model keeps). */
export function catalogEntryOf(entry: CatalogVersion): CatalogVersionView {
  const { version, build, artifact, digest, publishedAt, publishedBy, yanked } = entry;
  return { version, build, artifact, digest: digest ?? null, publishedAt, publishedBy, yanked };
}
