import { describe, expect, it } from 'vitest';
import { UsageError } from '../usage-error';
import { strategyOf } from './rollout-strategy-flags';

describe('strategyOf', () => {
  it("leaves the strategy to the pool's defaults when none is given", () => {
    expect(strategyOf({})).toBeUndefined();
  });

  it('fills in the defaults of each kind', () => {
    expect(strategyOf({ strategy: 'rolling' })).toEqual({ kind: 'rolling', batchSize: 1, maxUnavailable: 1 });
    expect(strategyOf({ strategy: 'rolling', batchSize: 3 })).toEqual({
      kind: 'rolling',
      batchSize: 3,
      maxUnavailable: 3,
    });
    expect(strategyOf({ strategy: 'canary' })).toEqual({ kind: 'canary', canaryCount: 1, gate: 'health' });
    expect(strategyOf({ strategy: 'canary', canaryShare: 0.25, gate: 'approval' })).toEqual({
      kind: 'canary',
      canaryShare: 0.25,
      gate: 'approval',
    });
    expect(strategyOf({ strategy: 'all-at-once' })).toEqual({ kind: 'all-at-once' });
  });

  it('refuses flags that do not belong to the strategy, naming them', () => {
    expect(() => strategyOf({ batchSize: 2 })).toThrow(new UsageError('--batch-size: give --strategy too'));
    expect(() => strategyOf({ strategy: 'rolling', gate: 'approval' })).toThrow(
      new UsageError('--gate: only go with --strategy canary'),
    );
    expect(() => strategyOf({ strategy: 'canary', canaryCount: 1, canaryShare: 0.5 })).toThrow(
      new UsageError('--canary-count, --canary-share: give one of them'),
    );
    expect(() => strategyOf({ strategy: 'all-at-once', maxUnavailable: 1 })).toThrow(UsageError);
  });
});
