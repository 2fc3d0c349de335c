import type { RunnerId } from '@rollcall/contracts';

/**
 * The one order runners are listed and drained in: by id, code unit by code unit, so the events `decide`
 * returns never depend on hash-map iteration order or the machine's locale.
 */
export function byRunnerId(a: { readonly runnerId: RunnerId }, b: { readonly runnerId: RunnerId }): number {
  return a.runnerId < b.runnerId ? -1 : a.runnerId > b.runnerId ? 1 : 0;
}
