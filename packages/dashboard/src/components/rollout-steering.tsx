import { RolloutView } from '@rollcall/contracts';
import type { ApiClient } from '../api/api-client';

export interface RolloutSteeringProps {
  api: ApiClient;
  namespace: string;
  rollout: RolloutView;
  /** Runs a write (it asks for a token first when there is none) and shows its outcome. */
  onWrite: (what: string, send: () => Promise<string>) => void;
}

/** Pause for a running rollout, resume for a paused one; nothing for the others. */
export function RolloutSteering({ api, namespace, rollout, onWrite }: RolloutSteeringProps) {
  const step = rollout.status === 'running' ? 'pause' : rollout.status === 'paused' ? 'resume' : null;
  if (step === null) return null;
  const path = `/v1/namespaces/${encodeURIComponent(namespace)}/rollouts/${encodeURIComponent(rollout.rolloutId)}/${step}`;
  const doing = step === 'pause' ? 'Pausing' : 'Resuming';
  const done = step === 'pause' ? 'paused' : 'resumed';
  return (
    <button
      type="button"
      onClick={() =>
        onWrite(`${doing} rollout ${rollout.rolloutId}`, async () => {
          await api.write('POST', path, RolloutView, {});
          return `Rollout ${rollout.rolloutId} ${done}.`;
        })
      }
    >
      {step === 'pause' ? 'Pause' : 'Resume'}
    </button>
  );
}
