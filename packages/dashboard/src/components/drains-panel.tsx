import { type DrainView, FINISHED_DRAIN_STATES } from '@rollcall/contracts';
import type { ApiClient } from '../api/api-client';
import { DrainsReply } from '../api/replies';
import { timeLeft } from '../format/time-left';
import { useNow } from '../hooks/use-now';
import { useResource } from '../hooks/use-resource';
import { Panel } from './panel';

export interface DrainsPanelProps {
  api: ApiClient;
  namespace: string;
  revision: number;
}

function isFinished(drain: DrainView): boolean {
  return FINISHED_DRAIN_STATES.includes(drain.state);
}

/** Drains in progress (time left, and what each still waits for), then the ones that finished lately. */
export function DrainsPanel({ api, namespace, revision }: DrainsPanelProps) {
  const now = useNow();
  const drains = useResource(
    (signal) => api.read(`/v1/namespaces/${encodeURIComponent(namespace)}/drains`, DrainsReply, signal),
    [api, namespace],
    revision,
  );
  return (
    <Panel
      title="Drains"
      id="drains"
      resource={drains}
      isEmpty={(data) => data.drains.length === 0}
      empty="No drain in progress or finished in the last hour."
    >
      {(data) => (
        <table>
          <thead>
            <tr>
              <th>Runner</th>
              <th>Pool</th>
              <th>Why</th>
              <th>By</th>
              <th>State</th>
              <th>Time left</th>
              <th>Waiting for / outcome</th>
            </tr>
          </thead>
          <tbody>
            {data.drains.map((drain) => (
              <tr key={drain.id} data-runner-id={drain.runnerId} data-state={drain.state}>
                <td>
                  <code>{drain.runnerId}</code>
                </td>
                <td>
                  {drain.pool} v{drain.version}
                </td>
                <td>
                  {drain.reason}
                  {drain.supersededBy === null ? '' : ` (for v${drain.supersededBy})`}
                </td>
                <td class="muted">{drain.requestedBy}</td>
                <td>
                  <span class={`badge ${isFinished(drain) ? 'finished' : 'draining'}`}>{drain.state}</span>
                </td>
                <td>{timeLeft(drain, now)}</td>
                <td class="muted">{drain.waitingFor ?? drain.outcome ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
