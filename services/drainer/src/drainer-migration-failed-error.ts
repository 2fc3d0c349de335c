/** The drainer's tables could not be brought to the latest version; `cause` holds the migrator's error. */
export class DrainerMigrationFailedError extends Error {
  override readonly name = 'DrainerMigrationFailedError';
  readonly failedMigration: string | undefined;

  constructor(failedMigration: string | undefined, options?: ErrorOptions) {
    super(
      failedMigration === undefined
        ? 'drainer migration failed'
        : `drainer migration ${failedMigration} failed`,
      options,
    );
    this.failedMigration = failedMigration;
  }
}
