import { rolloutEventSchemas } from '@rollcall/contracts';
import { defineEventRegistry } from '@rollcall/eventlog';

/** Rollout events are parsed (and, once schemas move on, upcast) with the contract's schemas on append and read. */
export const rolloutEventRegistry = defineEventRegistry(rolloutEventSchemas);
