import { accessEventSchemas } from '@rollcall/contracts';
import { defineEventRegistry } from '@rollcall/eventlog';

/** The access events' schemas, so an append is checked and a read is upcast like the pool's. */
export const accessEventRegistry = defineEventRegistry(accessEventSchemas);
