export type { CreateEventLogDbOptions } from './create-event-log-db';
export { createEventLogDb } from './create-event-log-db';
export { MigrationFailedError } from './errors';
export { migrateToLatest } from './migrate';
export type { EventLogDatabase } from './tables';
