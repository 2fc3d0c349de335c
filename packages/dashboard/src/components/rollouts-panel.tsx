import { RolloutListReply } from '@rollcall/contracts';
import type { ApiClient } from '../api/api-client';
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

/** Every rollout of the namespace, newest first, with each target's result; pause and resume for operators. */
export function RolloutsPanel({ api, namespace, revision, onWrite }: RolloutsPanelProps) {
  const rollouts = useResource(
    (signal) =>
      api.read(`/v1/namespaces/${encodeURIComponent(namespace)}/rollouts`, RolloutListReply, signal),
    [api, namespace],
    revision,
  );
  return (
    <Panel
      title="Rollouts"
      id="rollouts"
      resource={rollouts}
      isEmpty={(data) => data.rollouts.length === 0}
      empty={`No rollouts in ${namespace}: publish a version, then start one (rollcall rollout start <pool> --version N).`}
    >
      {(data) => (
        <div class="rollouts">
          {data.rollouts.map((rollout) => (
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
