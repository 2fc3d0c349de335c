import {
  parseStreamName,
  RolloutBeganData,
  RolloutEndedData,
  type RolloutRef,
  rolloutStream,
} from '@rollcall/contracts';
import type { RecordedEvent } from '@rollcall/eventlog';

/**
 * The rollouts holding their pool, by rollout stream name, kept from the pool events that take and release
 * the guard (`RolloutBegan`, `RolloutEnded`). Folded from the start of the log when a replica starts to lead,
 * then from the tail.
 */
export class RolloutsInFlight {
  readonly #rollouts = new Map<string, RolloutRef>();

  /** Folds one event; returns the rollout it concerns (one in flight, or just begun or ended), if any. */
  apply(event: RecordedEvent): RolloutRef | null {
    const parsed = parseStreamName(event.streamName);
    if (parsed === null) return null;
    if (parsed.category === 'rollout') return this.#rollouts.get(event.streamName) ?? null;
    if (parsed.category !== 'pool') return null;
    if (event.type === 'RolloutBegan') {
      const began = RolloutBeganData.safeParse(event.data);
      if (!began.success) return null;
      const { namespace, pool, rolloutId } = began.data;
      const ref = { namespace, pool, rolloutId };
      this.#rollouts.set(rolloutStream(namespace, rolloutId), ref);
      return ref;
    }
    if (event.type === 'RolloutEnded') {
      const ended = RolloutEndedData.safeParse(event.data);
      if (!ended.success) return null;
      const { namespace, pool, rolloutId } = ended.data;
      this.#rollouts.delete(rolloutStream(namespace, rolloutId));
      return { namespace, pool, rolloutId };
    }
    // Any other pool event (a runner connecting, stopping, lost) may move the pool's rollout along.
    const [namespace, pool] = parsed.idParts;
    return this.list().find((ref) => ref.namespace === namespace && ref.pool === pool) ?? null;
  }

  has(ref: RolloutRef): boolean {
    return this.#rollouts.has(rolloutStream(ref.namespace, ref.rolloutId));
  }

  list(): RolloutRef[] {
    return [...this.#rollouts.values()];
  }

  get size(): number {
    return this.#rollouts.size;
  }
}
