import type { CaseName } from './eventlog-options';

export interface Target {
  /** Rollcall must reach at least this multiple of Emmett's rate. */
  readonly vsEmmett: number;
  /** ... and at least this fraction of the raw-pg reference. */
  readonly vsRaw: number;
}

export const TARGETS: Readonly<Record<CaseName, Target>> = {
  single: { vsEmmett: 2.5, vsRaw: 0.6 },
  batch: { vsEmmett: 3, vsRaw: 0.7 },
  read: { vsEmmett: 6, vsRaw: 0.8 },
};
