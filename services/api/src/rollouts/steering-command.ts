import type { CommandMetadata, RolloutCommandRef, SteeringCommand } from '@rollcall/domain';

/** The last path segment of `POST /v1/namespaces/:ns/rollouts/:id/<action>`. */
export const STEERING_ACTIONS = ['pause', 'resume', 'abort', 'rollback', 'approve', 'reject'] as const;
export type SteeringAction = (typeof STEERING_ACTIONS)[number];

/** The command an operator's steering request asks for; `reason` is kept where the event records one. */
export function steeringCommand(
  action: SteeringAction,
  ref: RolloutCommandRef,
  reason: string | undefined,
  metadata: CommandMetadata,
): SteeringCommand {
  switch (action) {
    case 'pause':
      return { type: 'PauseRollout', data: ref, metadata };
    case 'resume':
      return { type: 'ResumeRollout', data: ref, metadata };
    case 'abort':
      return { type: 'AbortRollout', data: { ...ref, reason }, metadata };
    case 'rollback':
      return { type: 'RollbackRollout', data: ref, metadata };
    case 'approve':
      return { type: 'ApproveGate', data: ref, metadata };
    case 'reject':
      return { type: 'RejectGate', data: { ...ref, reason }, metadata };
  }
}
