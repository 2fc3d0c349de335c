/** Where bring-up code sends its one-line progress messages (the CLI prints them; tests may drop them). */
export type Log = (line: string) => void;
