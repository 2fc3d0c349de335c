import type { PoolEvent } from '@rollcall/contracts';
import { expect } from 'vitest';

/** A read model's pure side: its reducer, which row an event is about, and the key of a row. */
export interface ReadModelReducer<Row> {
  evolve: (row: Row | null, event: PoolEvent, position: bigint) => Row | null;
  /** The key of the row an event is about; null when the read model ignores the event. */
  keyOf: (event: PoolEvent) => string | null;
  rowKey: (row: Row) => string;
}

export type ProjectionThen<Row> = {
  /** After `when`, the read model holds exactly these rows (any order) — also after `when` is folded again. */
  then: (expected: readonly Row[]) => void;
};

export type ProjectionSpecification<Row> = (given: readonly PoolEvent[]) => {
  when: (events: readonly PoolEvent[]) => ProjectionThen<Row>;
};

/**
 * Given/When/Then over a read model's reducer, after Emmett's projection specs: `given` and then `when` are
 * folded at positions 1, 2, 3, ...; `then` checks the rows, folds `when` a second time at the same positions
 * (a redelivered batch) and checks the rows did not move.
 */
export const ProjectionSpecification = {
  for<Row>(reducer: ReadModelReducer<Row>): ProjectionSpecification<Row> {
    return (given) => ({
      when: (events) => ({
        // biome-ignore lint/suspicious/noThenProperty: Emmett's Given/When/Then names; a spec is never awaited.
        then: (expected) => {
          const rows = new Map<string, Row>();
          fold(reducer, rows, given, 1n);
          const whenFrom = BigInt(given.length + 1);
          fold(reducer, rows, events, whenFrom);
          const sorted = (list: Iterable<Row>) => [...list].sort((a, b) => byKey(reducer, a, b));
          expect(sorted(rows.values())).toEqual(sorted(expected));
          fold(reducer, rows, events, whenFrom);
          expect(sorted(rows.values()), 'folding `when` again changed the rows').toEqual(sorted(expected));
        },
      }),
    });
  },
};

function fold<Row>(
  reducer: ReadModelReducer<Row>,
  rows: Map<string, Row>,
  events: readonly PoolEvent[],
  from: bigint,
): void {
  events.forEach((event, i) => {
    const key = reducer.keyOf(event);
    if (key === null) return;
    const next = reducer.evolve(rows.get(key) ?? null, event, from + BigInt(i));
    if (next === null) rows.delete(key);
    else rows.set(key, next);
  });
}

function byKey<Row>(reducer: ReadModelReducer<Row>, a: Row, b: Row): number {
  const [ka, kb] = [reducer.rowKey(a), reducer.rowKey(b)];
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
