/**
 * A subject or stream-name builder was handed a token that would change the name's shape (`.`, `*`, `>`,
 * `+`, spaces, ...). Thrown instead of building a name that routes or parses wrongly.
 */
export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
  readonly field: string;
  readonly value: string;

  constructor(field: string, value: string, rule: string, options?: ErrorOptions) {
    super(`invalid ${field} ${JSON.stringify(value)}: ${rule}`, options);
    this.field = field;
    this.value = value;
  }
}
