// Entry of the seeding child process (see seed-log-process.ts): argv[2] is {connectionString, settings}.
import { createEventLogDb } from '@rollcall/eventlog';
import { seedLog } from './seed-log';

const { connectionString, settings } = JSON.parse(process.argv[2] ?? '{}');
const db = createEventLogDb({ connectionString, applicationName: 'bench-seed' });
try {
  await seedLog(db, settings);
} finally {
  await db.destroy();
}
