import { describe, expect, it } from 'vitest';
import { DeciderSpecification } from './decider-specification';

// A counter that refuses to go above 2, to check the specification's own verdicts.
type Added = { type: 'Added'; by: number };
class TooHighError extends Error {
  override readonly name = 'TooHighError';
  constructor(readonly total: number) {
    super(`total ${total} is above 2`);
  }
}
const given = DeciderSpecification.for<number, { add: number }, Added>({
  initialState: () => 0,
  evolve: (total, event) => total + event.by,
  decide: ({ add }, total) => {
    if (total + add > 2) throw new TooHighError(total + add);
    return add === 0 ? [] : [{ type: 'Added', by: add }];
  },
});

describe('counter that refuses totals above 2', () => {
  it('passes when the events match, in order, and fails otherwise', () => {
    given([{ type: 'Added', by: 1 }])
      .when({ add: 1 })
      .then({ type: 'Added', by: 1 });
    expect(() => given([]).when({ add: 1 }).then({ type: 'Added', by: 2 })).toThrow();
    expect(() => given([]).when({ add: 1 }).then([])).toThrow();
  });

  it('passes thenNothingHappened only when no event comes back', () => {
    given([]).when({ add: 0 }).thenNothingHappened();
    expect(() => given([]).when({ add: 1 }).thenNothingHappened()).toThrow();
  });

  it('passes thenThrows only for an error of that class that matches', () => {
    given({ type: 'Added', by: 2 })
      .when({ add: 1 })
      .thenThrows(TooHighError, (error) => error.total === 3);
    expect(() => given([]).when({ add: 1 }).thenThrows(TooHighError)).toThrow(/expected TooHighError/);
    expect(() => given({ type: 'Added', by: 2 }).when({ add: 1 }).thenThrows(RangeError)).toThrow();
    expect(() =>
      given({ type: 'Added', by: 2 })
        .when({ add: 1 })
        .thenThrows(TooHighError, (error) => error.total === 4),
    ).toThrow(/does not match/);
  });
});
