import { poolEventSchemas } from '@rollcall/contracts';
import { defineEventRegistry } from '@rollcall/eventlog';

/** Pool events are parsed (and upcast, once their schemas move on) with the contract's schemas. */
export const poolEventRegistry = defineEventRegistry(poolEventSchemas);
