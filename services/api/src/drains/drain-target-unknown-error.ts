import type { Namespace, PoolName, Version } from '@rollcall/contracts';
import type { DrainTargetRef } from '@rollcall/domain';

/** What an operator drain named, as the 404 answer names it back. */
export type NamedDrainTarget =
  | Exclude<DrainTargetRef, { readonly version: Version }>
  | { readonly pool: PoolName; readonly version: Version };

/** An operator drain named a runner, server or pool version that Rollcall does not know. */
export class DrainTargetUnknownError extends Error {
  override readonly name = 'DrainTargetUnknownError';
  constructor(
    readonly namespace: Namespace,
    readonly target: NamedDrainTarget,
    options?: ErrorOptions,
  ) {
    super(describe(namespace, target), options);
  }
}

function describe(namespace: Namespace, target: NamedDrainTarget): string {
  if ('runnerId' in target) return `runner ${target.runnerId} is not known in namespace ${namespace}`;
  if ('serverId' in target)
    return `no runner is known on server ${target.serverId} in namespace ${namespace}`;
  return `pool ${target.pool} of namespace ${namespace} has no runner of version ${target.version}`;
}
