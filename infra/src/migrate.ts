// The one-shot migration step of docker-compose.yml: `tsx infra/src/migrate.ts` with DATABASE_URL set.
import { z } from 'zod';
import { redact } from './ensure-postgres';
import { runMigrations } from './run-migrations';

const env = z.object({ DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }) }).safeParse(process.env);
if (!env.success) {
  console.error(`migrate: DATABASE_URL must be a postgres:// URL (${z.prettifyError(env.error)})`);
  process.exit(1);
}
try {
  await runMigrations(env.data.DATABASE_URL);
  console.log(`migrate: ${redact(env.data.DATABASE_URL)} is at the latest schema`);
} catch (error) {
  console.error(`migrate: failed: ${error instanceof Error ? error.message : String(error)}`, error);
  process.exit(1);
}
