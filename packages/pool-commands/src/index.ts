export { deterministicEventIds } from './deterministic-event-ids';
export type { LoadedPool } from './fold-pool-stream';
export type { HandlePoolCommandOptions, PoolCommandResult, PoolDecision } from './handle-pool-command';
export { handlePoolCommand, handlePoolDecision } from './handle-pool-command';
export { loadPool } from './load-pool';
export { poolEventRegistry } from './pool-event-registry';
export type { PoolStateCache } from './pool-state-cache';
export { poolStateCache } from './pool-state-cache';
export { uuidV5 } from './uuid-v5';
