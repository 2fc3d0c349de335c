/** The event log schema could not be brought to the latest version; `cause` holds the migrator's error. */
export class MigrationFailedError extends Error {
  override readonly name = 'MigrationFailedError';
  readonly failedMigration: string | undefined;

  constructor(failedMigration: string | undefined, options?: ErrorOptions) {
    super(
      failedMigration === undefined
        ? 'event log migration failed'
        : `event log migration ${failedMigration} failed`,
      options,
    );
    this.failedMigration = failedMigration;
  }
}
