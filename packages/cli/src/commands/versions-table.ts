import type { CatalogVersionView } from '@rollcall/contracts';
import { formatTime } from '../output/format-time';
import { renderTable } from '../output/render-table';

/** A pool's catalog as a table, one version a line, yanked ones marked. */
export function versionsTable(versions: readonly CatalogVersionView[]): string {
  return renderTable(
    ['VERSION', 'BUILD', 'ARTIFACT', 'DIGEST', 'YANKED', 'PUBLISHED BY', 'PUBLISHED AT'],
    versions.map((entry) => [
      `v${entry.version}`,
      entry.build,
      entry.artifact,
      entry.digest,
      entry.yanked ? 'yes' : 'no',
      entry.publishedBy,
      formatTime(entry.publishedAt),
    ]),
  );
}
