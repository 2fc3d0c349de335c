import { describe, expect, it } from 'vitest';
import { type GapState, positionBreaks, type SnapshotBounds, safeHead } from './safe-head';

const quiet: SnapshotBounds = { xmin: 100n, finishedBelow: null, nextXid: 100n };
const busy: SnapshotBounds = { xmin: 90n, finishedBelow: null, nextXid: 100n };

function headOf(
  after: bigint,
  positions: bigint[],
  snapshot: SnapshotBounds = busy,
  gap: GapState | null = null,
) {
  return safeHead(after, positions.at(-1) ?? null, positionBreaks(after, positions), snapshot, gap);
}

describe('positionBreaks', () => {
  it('lists where visible positions jump', () => {
    expect(positionBreaks(10n, [11n, 12n, 15n, 16n, 20n])).toEqual([
      { before: 12n, next: 15n },
      { before: 16n, next: 20n },
    ]);
  });

  it('counts a hole right after the start', () => {
    expect(positionBreaks(10n, [12n])).toEqual([{ before: 10n, next: 12n }]);
  });
});

describe('safeHead', () => {
  describe('without holes', () => {
    it('delivers the whole contiguous run', () => {
      expect(headOf(0n, [1n, 2n, 3n])).toEqual({ position: 3n, gap: null });
    });

    it('stays where it is when nothing is visible (tail gaps just wait)', () => {
      expect(headOf(7n, [])).toEqual({ position: 7n, gap: null });
    });
  });

  describe('at a hole seen for the first time', () => {
    it('stops before it and remembers the next xid of this snapshot', () => {
      expect(headOf(0n, [1n, 2n, 4n, 5n])).toEqual({
        position: 2n,
        gap: { missingFrom: 3n, visibleAt: 5n, nextXid: 100n },
      });
    });

    it('steps over it at once when no transaction that could hold it is running', () => {
      expect(headOf(0n, [1n, 2n, 4n, 5n], quiet)).toEqual({ position: 5n, gap: null });
    });

    it('arms no gap when the next xid cannot be trusted (inside a transaction)', () => {
      expect(headOf(0n, [1n, 3n], { xmin: 500n, finishedBelow: null, nextXid: null })).toEqual({
        position: 1n,
        gap: null,
      });
    });
  });

  describe('at a hole remembered from an earlier read', () => {
    const gap: GapState = { missingFrom: 3n, visibleAt: 5n, nextXid: 100n };

    it('keeps waiting while a transaction older than that next xid still runs', () => {
      expect(headOf(2n, [4n, 5n], { xmin: 99n, finishedBelow: null, nextXid: 120n }, gap)).toEqual({
        position: 2n,
        gap,
      });
    });

    it('steps over it once every such transaction has finished', () => {
      expect(headOf(2n, [4n, 5n, 6n], { xmin: 100n, finishedBelow: null, nextXid: 130n }, gap)).toEqual({
        position: 6n,
        gap: null,
      });
    });

    it('also steps over later holes it covers', () => {
      expect(headOf(2n, [4n, 6n], { xmin: 100n, finishedBelow: null, nextXid: 130n }, gap)).toEqual({
        position: 6n,
        gap: null,
      });
    });

    describe('when a long transaction elsewhere holds the xmin back', () => {
      const held = (finishedBelow: bigint | null): SnapshotBounds => ({
        xmin: 40n,
        finishedBelow,
        nextXid: 130n,
      });

      it('steps over it once the transactions of this database below its next xid had finished before the snapshot', () => {
        expect(headOf(2n, [4n, 5n, 6n], held(100n), gap)).toEqual({ position: 6n, gap: null });
        expect(headOf(2n, [4n, 5n, 6n], held(120n), gap)).toEqual({ position: 6n, gap: null });
      });

      it('keeps waiting when that check came short of its next xid, or was not made', () => {
        expect(headOf(2n, [4n, 5n], held(99n), gap)).toEqual({ position: 2n, gap });
        expect(headOf(2n, [4n, 5n], held(null), gap)).toEqual({ position: 2n, gap });
      });

      it('does not let the check clear a hole seen after it, in the same read', () => {
        expect(headOf(5n, [6n, 8n], held(100n), gap)).toEqual({
          position: 6n,
          gap: { missingFrom: 7n, visibleAt: 8n, nextXid: 130n },
        });
      });
    });

    it('arms a new gap for a hole above what it covers', () => {
      expect(headOf(5n, [6n, 8n], { xmin: 100n, finishedBelow: null, nextXid: 130n }, gap)).toEqual({
        position: 6n,
        gap: { missingFrom: 7n, visibleAt: 8n, nextXid: 130n },
      });
    });
  });
});
