import { z } from 'zod';
import { checkToken } from './check-token';
import { Identifier } from './identifiers';

/**
 * Stream categories, message-db style: the part of a stream name before the first `-`, one word with no
 * dash. `pool-<ns>+<pool>` holds a pool's runners, config and version catalog; `rollout-<ns>+<id>` one
 * rollout; `access-tokens` every access token; `settings-global` the switches above the pools.
 */
export const StreamCategory = z.enum(['pool', 'rollout', 'access', 'settings']);
export type StreamCategory = z.infer<typeof StreamCategory>;

// Identifiers cannot contain `+`, so compound ids split back into the same parts.
const ID_SEPARATOR = '+';

function streamName(category: StreamCategory, ...idParts: readonly (readonly [string, string])[]): string {
  const id = idParts.map(([field, value]) => checkToken(field, Identifier, value)).join(ID_SEPARATOR);
  return `${category}-${id}`;
}

/** `pool-<ns>+<pool>`, e.g. `pool-acme+web`. */
export function poolStream(namespace: string, pool: string): string {
  return streamName('pool', ['namespace', namespace], ['pool', pool]);
}

/** `rollout-<ns>+<rolloutId>`. */
export function rolloutStream(namespace: string, rolloutId: string): string {
  return streamName('rollout', ['namespace', namespace], ['rolloutId', rolloutId]);
}

/**
 * `access-tokens`: every access token, global or namespaced, in one stream, so creating and revoking are
 * decided against all tokens (unique names) and the api sees any change from one stream version.
 */
export function accessStream(): string {
  return 'access-tokens';
}

/**
 * `settings-global`: the auto-upgrade switches, the global one and each namespace's, in one stream. They are
 * few and flipped rarely, so one stream gives a single read for the trigger and one ordered history; and no
 * `settings-<ns>` stream exists whose id a namespace called `global` could collide with.
 */
export function settingsStream(): string {
  return 'settings-global';
}

export type StreamName = {
  /** Everything before the first `-`. */
  readonly category: string;
  /** Everything after the first `-`. */
  readonly id: string;
  /** `id` split on `+`; the first part is message-db's cardinal id (here: the namespace). */
  readonly idParts: readonly string[];
};

/**
 * Splits any `<category>-<id>` stream name, including categories this package does not build. Returns
 * null for a name without a category or id, or with an empty id part.
 */
export function parseStreamName(name: string): StreamName | null {
  const dash = name.indexOf('-');
  if (dash <= 0 || dash === name.length - 1) return null;
  const category = name.slice(0, dash);
  const id = name.slice(dash + 1);
  const idParts = id.split(ID_SEPARATOR);
  if (idParts.some((part) => part.length === 0)) return null;
  return { category, id, idParts };
}
