import type { z } from 'zod';
import { EventValidationError } from './errors';

/** Turns data stored at schema version `v` into data of version `v + 1`. */
export type Upcaster = (older: unknown) => unknown;

export interface EventDefinition {
  /** Schema of the current version; data is parsed with it on append and after upcasting on read. */
  schema: z.ZodType;
  /** Current schema version, a positive integer; new events are stored with it. */
  version: number;
  /** Upcasters keyed by the version they start from (`{ 1: v1ToV2, 2: v2ToV3 }`). */
  upcast?: Readonly<Record<number, Upcaster>>;
}

/** The event types an application knows, with their current schema and how to lift older stored data. */
export interface EventRegistry {
  readonly definitions: ReadonlyMap<string, EventDefinition>;
}

export function defineEventRegistry(definitions: Readonly<Record<string, EventDefinition>>): EventRegistry {
  const map = new Map<string, EventDefinition>();
  for (const [type, definition] of Object.entries(definitions)) {
    if (!Number.isInteger(definition.version) || definition.version < 1) {
      throw new RangeError(
        `event type ${type}: version must be a positive integer, got ${definition.version}`,
      );
    }
    map.set(type, definition);
  }
  return { definitions: map };
}

/** Data and schema version to store for a new event; throws EventValidationError when it does not fit. */
export function prepareForAppend(
  registry: EventRegistry,
  type: string,
  data: unknown,
  schemaVersion: number | undefined,
): { data: unknown; schemaVersion: number } {
  const definition = registry.definitions.get(type);
  if (definition === undefined) {
    throw new EventValidationError(type, 'no schema registered for this event type');
  }
  if (schemaVersion !== undefined && schemaVersion !== definition.version) {
    throw new EventValidationError(
      type,
      `schema version ${schemaVersion} given, but the current version is ${definition.version}`,
    );
  }
  return { data: parseData(type, definition, data), schemaVersion: definition.version };
}

/**
 * Lifts stored data to the current schema version and parses it. Types the registry does not know pass
 * through unchanged: a reader must never fail on history that other producers wrote.
 */
export function upcastToCurrent(
  registry: EventRegistry,
  type: string,
  schemaVersion: number,
  data: unknown,
): { data: unknown; schemaVersion: number } {
  const definition = registry.definitions.get(type);
  if (definition === undefined) {
    return { data, schemaVersion };
  }
  if (schemaVersion > definition.version) {
    throw new EventValidationError(
      type,
      `stored schema version ${schemaVersion} is newer than the current version ${definition.version}`,
    );
  }
  let lifted = data;
  for (let from = schemaVersion; from < definition.version; from++) {
    const upcaster = definition.upcast?.[from];
    if (upcaster === undefined) {
      throw new EventValidationError(type, `no upcaster from schema version ${from} to ${from + 1}`);
    }
    lifted = upcaster(lifted);
  }
  return { data: parseData(type, definition, lifted), schemaVersion: definition.version };
}

function parseData(type: string, definition: EventDefinition, data: unknown): unknown {
  const parsed = definition.schema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new EventValidationError(type, first?.message ?? 'invalid data', parsed.error.issues, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}
