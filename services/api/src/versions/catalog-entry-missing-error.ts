/**
 * The pool command was appended (or was a repeat) yet its state has no entry for the version: the aggregate
 * and the route disagree, which is a bug, never the client's doing.
 */
export class CatalogEntryMissingError extends Error {
  override readonly name = 'CatalogEntryMissingError';

  constructor(
    readonly pool: string,
    readonly version: number,
  ) {
    super(`pool ${pool} has no catalog entry for version ${version} after it was decided`);
  }
}
