import { RolloutListReply } from '@rollcall/contracts';
import type { ApiClient } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { useResource } from '../hooks/use-resource';
import { Panel } from './panel';
import { RolloutCard } from './rollout-card';
import { RolloutSteering } from './rollout-steering';

export interface RolloutsPanelProps {
  api: ApiClient;
  namespace: string;
  revision: number;
  /** Runs a write (it asks for a token first when there is none) and shows its outcome. */
  onWrite: (what: string, send: () => Promise<string>) => void;
}

/** The namespace's rollouts, or null when the api has no rollouts route (fastify's 404 names the route). */
async function readRollouts(api: ApiClient, namespace: string, signal: AbortSignal) {
  try {
    const path = `/v1/namespaces/${encodeURIComponent(namespace)}/rollouts`;
    return (await api.read(path, RolloutListReply, signal)).rollouts;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && error.message.startsWith('Route ')) return null;
    throw error;
  }
}

/** Every rollout of the namespace, newest first, with each target's result; pause and resume for operators. */
export function RolloutsPanel({ api, namespace, revision, onWrite }: RolloutsPanelProps) {
  const rollouts = useResource((signal) => readRollouts(api, namespace, signal), [api, namespace, revision]);
  const unsupported = rollouts.state === 'ready' && rollouts.data === null;
  return (
    <Panel
      title="Rollouts"
      id="rollouts"
      resource={rollouts}
      isEmpty={(data) => data === null || data.length === 0}
      empty={
        unsupported
          ? 'This api serves no rollouts yet: it has no GET /v1/namespaces/:ns/rollouts route.'
          : `No rollouts in ${namespace}: publish a version and start one (rollcall rollouts start).`
      }
    >
      {(data) => (
        <div class="rollouts">
          {(data ?? []).map((rollout) => (
            <RolloutCard
              key={rollout.rolloutId}
              rollout={rollout}
              steering={
                <RolloutSteering api={api} namespace={namespace} rollout={rollout} onWrite={onWrite} />
              }
            />
          ))}
        </div>
      )}
    </Panel>
  );
}
