// A tiny service for run-service.int.spec.ts: the mode (argv[2]) picks how it starts and stops.
import { BaseServiceEnv } from './base-service-env';
import { loadConfig } from './load-config';
import { runService } from './run-service';

const mode = process.argv[2];
const note = (text: string) => process.stdout.write(`${text}\n`);

runService({ service: 'fixture', shutdownTimeoutMs: 500 }, async ({ onShutdown, signal }) => {
  signal.addEventListener('abort', () => note('signal aborted'));
  onShutdown('postgres', () => note('step postgres'));
  if (mode === 'bad-config') loadConfig(BaseServiceEnv, { PORT: 'abc' });
  onShutdown('nats', async () => {
    note('step nats');
    if (mode === 'failing-step') throw new Error('drain failed');
  });
  if (mode === 'hanging-step') onShutdown('consumers', () => new Promise(() => {}));
  onShutdown('http', () => note('step http'));
  // Keeps the process alive until a signal, like a listening server would.
  setInterval(() => {}, 60_000);
});
