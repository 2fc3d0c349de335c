/** Keeps the last `size` lines of a process's output, to quote when it fails. */
export class LineBuffer {
  readonly #lines: string[] = [];
  readonly #size: number;

  constructor(size = 20) {
    this.#size = size;
  }

  /** Adds a chunk of output; it may hold several lines. */
  push(chunk: string): void {
    for (const line of chunk.split(/\r?\n/)) {
      if (line.trim() === '') continue;
      this.#lines.push(line);
      if (this.#lines.length > this.#size) this.#lines.shift();
    }
  }

  /** The kept lines, oldest first, indented for quoting under an error message. */
  quote(): string {
    return this.#lines.length === 0 ? '  (no output)' : this.#lines.map((l) => `  ${l}`).join('\n');
  }
}
