import { expect } from 'vitest';
import type { Decider } from '../decider';

type ErrorClass<E extends Error> = abstract new (...args: never[]) => E;

export type DeciderThen<Event> = {
  /** The command returns exactly these events, in this order. */
  then: (expected: Event | readonly Event[]) => void;
  /** The command is refused with an `errorClass` error, which `matches` when given. */
  thenThrows: <E extends Error>(errorClass: ErrorClass<E>, matches?: (error: E) => boolean) => void;
  /** The command is accepted and returns no event (a repeat, a no-op). */
  thenNothingHappened: () => void;
};

export type DeciderSpecification<Command, Event> = (given: Event | readonly Event[]) => {
  when: (command: Command) => DeciderThen<Event>;
};

/**
 * Given/When/Then over a decider, after Emmett's `DeciderSpecification`: the given events are folded with
 * `evolve` from `initialState()`, `decide` runs on the result, and the outcome is checked with vitest.
 */
export const DeciderSpecification = {
  for<State, Command, Event>(decider: Decider<State, Command, Event>): DeciderSpecification<Command, Event> {
    return (given) => ({
      when: (command) => {
        const run = (): Event[] => {
          const state = listOf(given).reduce(decider.evolve, decider.initialState());
          return listOf(decider.decide(command, state));
        };
        return {
          // biome-ignore lint/suspicious/noThenProperty: Emmett's Given/When/Then names; a spec is never awaited.
          then: (expected) => {
            expect(run()).toEqual(listOf(expected));
          },
          thenThrows: (errorClass, matches) => {
            let events: Event[];
            try {
              events = run();
            } catch (error) {
              expect(error).toBeInstanceOf(errorClass);
              if (matches !== undefined && error instanceof errorClass) {
                expect(matches(error), `${String(error)} does not match`).toBe(true);
              }
              return;
            }
            expect.fail(`expected ${errorClass.name} but decide returned ${JSON.stringify(events)}`);
          },
          thenNothingHappened: () => {
            expect(run()).toEqual([]);
          },
        };
      },
    });
  },
};

function listOf<T>(oneOrMany: T | readonly T[]): T[] {
  return isList(oneOrMany) ? [...oneOrMany] : [oneOrMany];
}

function isList<T>(oneOrMany: T | readonly T[]): oneOrMany is readonly T[] {
  return Array.isArray(oneOrMany);
}
