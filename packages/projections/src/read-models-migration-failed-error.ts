/** The read model tables could not be brought to the latest version; `cause` holds the migrator's error. */
export class ReadModelsMigrationFailedError extends Error {
  override readonly name = 'ReadModelsMigrationFailedError';
  readonly failedMigration: string | undefined;

  constructor(failedMigration: string | undefined, options?: ErrorOptions) {
    super(
      failedMigration === undefined
        ? 'read model migration failed'
        : `read model migration ${failedMigration} failed`,
      options,
    );
    this.failedMigration = failedMigration;
  }
}
