import type { PoolView } from '@rollcall/contracts';
import type { Resource } from '../hooks/use-resource';
import { Panel } from './panel';

export interface PoolsPanelProps {
  namespace: string;
  /** Read once by the page: the worker filters offer the same pools. */
  pools: Resource<readonly PoolView[]>;
}

/** Each pool of the namespace: the versions in service with their runner and draining counts, and its config. */
export function PoolsPanel({ namespace, pools }: PoolsPanelProps) {
  return (
    <Panel
      title="Pools"
      id="pools"
      resource={pools}
      isEmpty={(data) => data.length === 0}
      empty={`No pools in ${namespace} yet: a pool appears when it is configured, a version is published or a runner connects.`}
    >
      {(data) => (
        <table>
          <thead>
            <tr>
              <th>Pool</th>
              <th>Versions in service</th>
              <th>Latest published</th>
              <th>Config</th>
            </tr>
          </thead>
          <tbody>
            {data.map((pool) => (
              <tr key={pool.pool} data-pool={pool.pool}>
                <td>
                  <strong>{pool.pool}</strong>
                  {pool.draining ? <span class="badge draining">draining</span> : null}
                </td>
                <td>
                  {pool.versionsInService.length === 0
                    ? 'none'
                    : pool.versionsInService.map((inService) => (
                        <span class="version" key={inService.version}>
                          v{inService.version}: {inService.runners} runner{inService.runners === 1 ? '' : 's'}
                          {inService.draining > 0 ? `, ${inService.draining} draining` : ''}
                        </span>
                      ))}
                </td>
                <td>{pool.latestVersion === null ? '—' : `v${pool.latestVersion}`}</td>
                <td class="muted">
                  {pool.config === null
                    ? 'not configured'
                    : `${pool.config.drainOnVersionUpgrade ? 'drain on upgrade' : 'no drain on upgrade'}, ` +
                      `${pool.config.drainTimeoutSeconds} s drain timeout, auto-upgrade ${pool.config.autoUpgrade ? 'on' : 'off'}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
