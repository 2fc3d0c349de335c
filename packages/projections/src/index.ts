export type { DrainPhase, DrainRow } from './drains/drain-row';
export { drainsEventTypes, evolveDrainRow } from './drains/evolve-drain-row';
export type { LivenessBeat } from './liveness/record-liveness';
export { recordLiveness } from './liveness/record-liveness';
export type { SilentWorker, SilentWorkersInput } from './liveness/silent-workers';
export { silentWorkers } from './liveness/silent-workers';
export { migrateReadModels } from './migrate-read-models';
export { evolvePoolRow, poolsEventTypes } from './pools/evolve-pool-row';
export type { PoolRow } from './pools/pool-row';
export type { PositionedPoolEvent } from './positioned-pool-event';
export { PoolEventParseError } from './projector/pool-event-parse-error';
export type { ReadModelProjectorOptions } from './projector/start-read-model-projector';
export { startReadModelProjector } from './projector/start-read-model-projector';
export type { CountWorkersInput } from './queries/count-workers';
export { countWorkers } from './queries/count-workers';
export type { GetWorkerInput } from './queries/get-worker';
export { getWorker } from './queries/get-worker';
export type { IdleWorkersInput } from './queries/idle-workers';
export { idleWorkers } from './queries/idle-workers';
export type { IsPoolDrainingInput } from './queries/is-pool-draining';
export { isPoolDraining } from './queries/is-pool-draining';
export type { ListDrainsInput } from './queries/list-drains';
export { listDrains } from './queries/list-drains';
export type { ListPoolsInput } from './queries/list-pools';
export { listPools } from './queries/list-pools';
export type { ListWorkersInput } from './queries/list-workers';
export { listWorkers } from './queries/list-workers';
export type { PlaceSessionInput } from './queries/place-session';
export { placeSession } from './queries/place-session';
export type { WorkersForServerInput } from './queries/workers-for-server';
export { workersForServer } from './queries/workers-for-server';
export type { ReadModelDatabase } from './read-model-database';
export { readModelDb } from './read-model-database';
export { READ_MODELS_SUBSCRIPTION } from './read-models-subscription';
export { RebuildAbortedError, RebuildInProgressError } from './rebuild/rebuild-errors';
export type {
  RebuildPhase,
  RebuildProgress,
  RebuildReadModelsOptions,
  RebuildResult,
} from './rebuild/rebuild-read-models';
export { rebuildReadModels } from './rebuild/rebuild-read-models';
export type {
  DrainsTable,
  PoolsTable,
  ReadModelTables,
  RunnerLivenessTable,
  WorkerMapTable,
} from './tables';
export type { PositionAtInput } from './time-travel/position-at';
export { positionAt } from './time-travel/position-at';
export type { WorkersAtInput } from './time-travel/workers-at';
export { workersAt } from './time-travel/workers-at';
export { evolveWorkerRow, workerMapEventTypes } from './worker-map/evolve-worker-row';
export type { WorkerRow } from './worker-map/worker-row';
