export type { BuildOutcome } from './build-if-stale';
export { buildDashboardIfStale } from './build-if-stale';
export { DASHBOARD_DIST } from './dashboard-dist';
