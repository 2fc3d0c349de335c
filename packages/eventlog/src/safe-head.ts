/**
 * A hole in the global positions seen by a reader, remembered until it is known whether the transactions
 * that took those positions committed or rolled back.
 */
export interface GapState {
  /** First missing position when the gap was seen (for logs). */
  missingFrom: bigint;
  /** Highest position visible when the gap was seen; every missing position at or below it is covered. */
  visibleAt: bigint;
  /**
   * The next transaction id to be assigned, read right after the snapshot in which the gap was seen. Whoever
   * took a covered position got its transaction id before that snapshot, so once every transaction below this
   * value has finished before a later snapshot, a position still missing in it was rolled back.
   */
  nextXid: bigint;
}

/** Where the visible positions jump: `before` is visible (or the reader's start), `next` the next visible one. */
export interface PositionBreak {
  before: bigint;
  next: bigint;
}

export interface SnapshotBounds {
  /** pg_snapshot_xmin of the reading statement: every transaction id below it had finished (in any database). */
  xmin: bigint;
  /**
   * Every transaction of this database below it had finished at a check made BEFORE the reading statement
   * (`transactionsFinishedBelow`), so the statement's snapshot sees whatever they committed; null when no
   * check was made. A check made after the snapshot would not do: a writer committing in between would be
   * finished, yet its row invisible to the statement.
   */
  finishedBelow: bigint | null;
  /** Next transaction id read after that snapshot; null when it cannot be trusted (inside a transaction). */
  nextXid: bigint | null;
}

export interface SafeHead {
  /** Last position up to which every position is either visible or known never to appear. */
  position: bigint;
  /** The gap the reader stopped at, to carry into the next read; null when it did not stop at one. */
  gap: GapState | null;
}

/**
 * The gap-aware rule of the readers: deliver the contiguous run, step over holes only once every transaction
 * that could fill them had finished before the snapshot. `end` is the highest visible position read (null when
 * none).
 */
export function safeHead(
  after: bigint,
  end: bigint | null,
  breaks: readonly PositionBreak[],
  snapshot: SnapshotBounds,
  gap: GapState | null,
): SafeHead {
  let current = gap;
  for (const { before, next } of breaks) {
    if (end === null) break;
    if (current === null || current.visibleAt < next - 1n) {
      current =
        snapshot.nextXid === null
          ? null
          : { missingFrom: before + 1n, visibleAt: end, nextXid: snapshot.nextXid };
    }
    if (current === null || !finishedBefore(snapshot, current.nextXid)) {
      return { position: before, gap: current };
    }
  }
  return { position: end ?? after, gap: null };
}

function finishedBefore({ xmin, finishedBelow }: SnapshotBounds, nextXid: bigint): boolean {
  return xmin >= nextXid || (finishedBelow !== null && finishedBelow >= nextXid);
}

/** The breaks in an ascending list of positions read after `after`. */
export function positionBreaks(after: bigint, positions: readonly bigint[]): PositionBreak[] {
  const breaks: PositionBreak[] = [];
  let before = after;
  for (const position of positions) {
    if (position !== before + 1n) breaks.push({ before, next: position });
    before = position;
  }
  return breaks;
}
