// A stand-in service for the supervisor's tests: answers /readyz on PORT, logs pino-style JSON lines, and
// exits 0 on SIGTERM. STUB_MODE=crash exits 1 at once; STUB_MODE=never-ready answers 503 forever;
// STUB_MODE=leave-child starts a long sleep in its own process group and exits without stopping it, as a
// launcher killed before it stopped its runners would.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';

const port = Number(process.env.PORT);
const mode = process.env.STUB_MODE ?? 'ok';
const log = (msg: string) =>
  process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), pid: process.pid, msg })}\n`);

if (mode === 'crash') {
  process.stderr.write('stub: cannot start: no configuration\n');
  process.exit(1);
}

if (mode === 'leave-child') {
  const child = spawn('sleep', ['300'], { stdio: 'ignore' });
  log(`left child ${child.pid}`);
}

const server = createServer((request, response) => {
  const ready = request.url === '/readyz' && mode !== 'never-ready';
  response.writeHead(ready ? 200 : 503).end(ready ? 'ok' : 'not ready');
});
server.listen(port, '127.0.0.1', () =>
  log(`listening on ${port} with NATS_URL=${process.env.NATS_URL} STUB_NAME=${process.env.STUB_NAME}`),
);
process.once('SIGTERM', () => {
  log('stopping');
  server.close(() => process.exit(0));
});
