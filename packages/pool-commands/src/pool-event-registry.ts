import { poolEventSchemas } from '@rollcall/contracts';
import { defineEventRegistry } from '@rollcall/eventlog';

/** Pool events are parsed (and, once schemas move on, upcast) with the contract's schemas on append and read. */
export const poolEventRegistry = defineEventRegistry(poolEventSchemas);
