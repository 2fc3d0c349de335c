import { fileURLToPath } from 'node:url';

/**
 * `<repo>/.rollcall`: what local bring-up keeps between runs (Postgres data, the JetStream store, the ports
 * of servers it started). Git ignores it.
 */
export const defaultStateDir = fileURLToPath(new URL('../../.rollcall', import.meta.url));
