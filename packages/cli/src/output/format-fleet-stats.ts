import type { FleetSimulationStats } from '../sim/fleet-simulation-stats';
import { formatCount, formatSeconds } from './format-count';

function versionsInService(stats: FleetSimulationStats): string {
  if (stats.versions.length === 0) return 'none';
  return stats.versions
    .map(
      ({ version, live, draining }) =>
        `v${version} ${live}${draining === 0 ? '' : ` (${draining} draining)`}`,
    )
    .join(', ');
}

/** The simulation's live summary, on one line (redrawn in place on a terminal). */
export function formatFleetStatsLine(stats: FleetSimulationStats): string {
  const { runners, sent, received } = stats;
  return [
    formatSeconds(stats.elapsedMs),
    `runners ${runners.active} active, ${runners.draining} draining, ${runners.disconnected} gone`,
    `sessions ${formatCount(stats.sessions)}`,
    versionsInService(stats),
    `sent ${formatCount(sent.connected + sent.heartbeat + sent.disconnected)} msgs`,
    `commands ${received.drain} drain, ${received.stop} stop`,
  ].join(' | ');
}

/** The final report of `rollcall sim`, a few lines. */
export function formatFleetReport(stats: FleetSimulationStats): string[] {
  const { runners, sent, received } = stats;
  return [
    `simulation ${stats.runId} ended after ${formatSeconds(stats.elapsedMs)}`,
    `runners: ${runners.active} active, ${runners.draining} draining, ${runners.disconnected} disconnected`,
    `sent: ${formatCount(sent.connected)} connected, ${formatCount(sent.heartbeat)} heartbeat, ${formatCount(sent.disconnected)} disconnected`,
    `received: ${received.drain} drain, ${received.stop} stop, ${received.undrain} undrain, ${received.invalid} invalid`,
  ];
}
