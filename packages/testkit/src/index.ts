export { freePort } from '@rollcall/infra';
export { eventually } from './eventually';
export { seededRandom } from './seeded-random';
export { TestInfraUnavailableError } from './test-infra-unavailable-error';
export type { TestDatabase } from './use-test-database';
export { TestDatabaseNotReadyError, useTestDatabase } from './use-test-database';
export type { TestNats } from './use-test-nats';
export { TestNatsNotReadyError, useTestNats } from './use-test-nats';
