import { runnerMessageSubject } from '@rollcall/contracts';

export type RunnerMessageKind = 'connected' | 'heartbeat' | 'disconnected';

/** One runner -> Rollcall message as a runner in any language would publish it: JSON bytes and a msg id. */
export interface RunnerMessage {
  readonly kind: RunnerMessageKind;
  readonly subject: string;
  readonly data: Uint8Array;
  readonly msgId: string;
}

const encoder = new TextEncoder();

export function runnerMessage(
  prefix: string,
  namespace: string,
  kind: RunnerMessageKind,
  payload: object,
  msgId: string,
): RunnerMessage {
  return {
    kind,
    subject: runnerMessageSubject(prefix, namespace, kind),
    data: encoder.encode(JSON.stringify(payload)),
    msgId,
  };
}

/** `pool-<p>` for runner `i` of a fleet of `pools` pools: runners spread round-robin, as a scheduler would. */
export function poolOf(runner: number, pools: number): string {
  return `pool-${(runner % pools) + 1}`;
}

export function runnerIdOf(runner: number, version: number): string {
  return `r${runner + 1}-v${version}`;
}

export function connectPayload(runner: number, pools: number, version: number): object {
  return {
    runnerId: runnerIdOf(runner, version),
    pool: poolOf(runner, pools),
    version,
    build: `build-${version}`,
    serverId: `server-${Math.floor(runner / 10) + 1}`,
    slots: 4,
    labels: { workspace: `ws-${(runner % 7) + 1}` },
  };
}
