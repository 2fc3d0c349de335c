export {
  PlaceQuery,
  PlaceReply,
  PoolsQuery,
  PoolsReply,
  WorkerQuery,
  WorkerReply,
  WorkersQuery,
  WorkersReply,
} from './queries/query-messages';
export type { QueryName } from './queries/query-name';
export { QUERY_QUEUE_GROUP } from './queries/serve-queries';
export type { RegistryOptions, RunningRegistry } from './start-registry';
export { startRegistry } from './start-registry';
