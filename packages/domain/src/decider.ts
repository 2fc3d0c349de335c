/**
 * Emmett's decider: three plain functions over data. `decide` may return one event or a list (possibly
 * empty: nothing happened) and throws a named domain error when the command is refused.
 */
export type Decider<State, Command, Event> = {
  readonly decide: (command: Command, state: State) => Event | readonly Event[];
  readonly evolve: (state: State, event: Event) => State;
  readonly initialState: () => State;
};
