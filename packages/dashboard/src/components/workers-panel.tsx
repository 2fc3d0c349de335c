import type { WorkerMapRow } from '@rollcall/contracts';
import type { ApiClient } from '../api/api-client';
import { WorkersReply } from '../api/replies';
import { useResource } from '../hooks/use-resource';
import { Panel } from './panel';
import { type WorkerFilter, WorkerFilters } from './worker-filters';

/** More rows than a person reads; past it the panel asks for a narrower filter. */
const MAX_ROWS = 500;

export interface WorkersPanelProps {
  api: ApiClient;
  namespace: string;
  revision: number;
  /** A log position to show the fleet as it was then; null for now. */
  at: bigint | null;
  filter: WorkerFilter;
  pools: readonly string[];
  onFilter: (filter: WorkerFilter) => void;
  onDrain: (runner: WorkerMapRow) => void;
  onUndrain: (runner: WorkerMapRow) => void;
}

function workersPath(namespace: string, filter: WorkerFilter, at: bigint | null): string {
  const query = new URLSearchParams();
  if (filter.pool !== '') query.set('pool', filter.pool);
  if (filter.serverId !== '') query.set('serverId', filter.serverId);
  if (filter.status !== '') query.set('status', filter.status);
  if (at !== null) query.set('at', at.toString());
  const search = query.toString();
  return `/v1/namespaces/${encodeURIComponent(namespace)}/workers${search === '' ? '' : `?${search}`}`;
}

function sessions(worker: WorkerMapRow): string {
  return `${worker.activeSessions} / ${worker.slots}`;
}

/** The worker map: every runner of the namespace with its status and drain, now or at a past log position. */
export function WorkersPanel(props: WorkersPanelProps) {
  const { api, namespace, revision, at, filter } = props;
  // A move of the slider refreshes like a new revision (the rows stay until the past ones arrive); in the
  // past the map cannot change, so the revision only matters for the present.
  const workers = useResource(
    (signal) => api.read(workersPath(namespace, filter, at), WorkersReply, signal),
    [api, namespace, filter],
    at === null ? revision : at,
  );
  const rows = workers.state === 'ready' ? workers.data.workers : [];
  const servers = [...new Set(rows.map((worker) => worker.serverId))].sort();
  return (
    <Panel
      title="Workers"
      id="workers"
      resource={workers}
      tools={
        <WorkerFilters filter={filter} pools={props.pools} servers={servers} onChange={props.onFilter} />
      }
      isEmpty={(data) => data.workers.length === 0}
      empty={
        at === null
          ? 'No runners match: a runner appears here once it publishes runner.connected.'
          : `No runners matched at log position ${at}.`
      }
    >
      {(data) => (
        <>
          {data.at === undefined ? null : (
            <p class="notice past" id="workers-at">
              The fleet as it was at log position {data.at}.
            </p>
          )}
          <table>
            <thead>
              <tr>
                <th>Runner</th>
                <th>Pool</th>
                <th>Version</th>
                <th>Server</th>
                <th>Status</th>
                <th>Sessions</th>
                <th>Drain</th>
                <th>Last seen</th>
                {at === null ? <th /> : null}
              </tr>
            </thead>
            <tbody>
              {data.workers.slice(0, MAX_ROWS).map((worker) => (
                <tr key={worker.runnerId} data-runner-id={worker.runnerId} data-status={worker.status}>
                  <td>
                    <code>{worker.runnerId}</code>
                  </td>
                  <td>{worker.pool}</td>
                  <td>
                    v{worker.version}
                    {worker.build === null ? null : <span class="muted"> {worker.build}</span>}
                  </td>
                  <td>{worker.serverId}</td>
                  <td>
                    <span class={`badge ${worker.status}`}>{worker.status}</span>
                  </td>
                  <td>{sessions(worker)}</td>
                  <td class="muted">
                    {worker.drain === null
                      ? '—'
                      : `${worker.drain.reason} by ${worker.drain.requestedBy}` +
                        (worker.drain.supersededBy === null ? '' : ` (for v${worker.drain.supersededBy})`)}
                  </td>
                  <td class="muted">{new Date(worker.lastSeenAt).toLocaleTimeString()}</td>
                  {at === null ? (
                    <td>
                      {worker.status === 'active' && !worker.draining ? (
                        <button type="button" onClick={() => props.onDrain(worker)}>
                          Drain
                        </button>
                      ) : worker.status === 'draining' ? (
                        <button type="button" onClick={() => props.onUndrain(worker)}>
                          Undrain
                        </button>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
          {data.workers.length > MAX_ROWS ? (
            <p class="muted">
              Showing {MAX_ROWS} of {data.workers.length} runners: narrow the filter to see the others.
            </p>
          ) : null}
        </>
      )}
    </Panel>
  );
}
