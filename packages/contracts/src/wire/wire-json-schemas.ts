import { z } from 'zod';
import { wireMessages } from './wire-messages';

export type WireJsonSchema = {
  /** The schema's export name, e.g. `RunnerConnectedMessage`. */
  readonly name: string;
  /** `docs/protocol/<fileName>`, e.g. `runner-connected-message.json`. */
  readonly fileName: string;
  readonly schema: Record<string, unknown>;
};

function kebabCase(name: string): string {
  return name.replace(/[a-z0-9][A-Z]/g, (pair) => `${pair[0]}-${pair[1]}`).toLowerCase();
}

/**
 * JSON Schema (draft-07, the draft most validators in other languages support) of every wire message, as a
 * sender may write it: `io: 'input'`, so defaulted fields are optional and unknown fields are allowed.
 */
export function wireJsonSchemas(): WireJsonSchema[] {
  return Object.entries(wireMessages).map(([name, message]) => {
    const { $schema, ...rest } = z.toJSONSchema(message, { io: 'input', target: 'draft-07' });
    return {
      name,
      fileName: `${kebabCase(name)}.json`,
      schema: { $schema, title: name, ...rest },
    };
  });
}
