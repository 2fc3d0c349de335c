// A stand-in service for the supervisor's tests: answers /readyz on PORT, logs pino-style JSON lines, and
// exits 0 on SIGTERM. STUB_MODE=crash exits 1 at once; STUB_MODE=never-ready answers 503 forever.
import { createServer } from 'node:http';

const port = Number(process.env.PORT);
const mode = process.env.STUB_MODE ?? 'ok';
const log = (msg: string) =>
  process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), pid: process.pid, msg })}\n`);

if (mode === 'crash') {
  process.stderr.write('stub: cannot start: no configuration\n');
  process.exit(1);
}

const server = createServer((request, response) => {
  const ready = request.url === '/readyz' && mode !== 'never-ready';
  response.writeHead(ready ? 200 : 503).end(ready ? 'ok' : 'not ready');
});
server.listen(port, '127.0.0.1', () => log(`listening on ${port} with NATS_URL=${process.env.NATS_URL}`));
process.once('SIGTERM', () => {
  log('stopping');
  server.close(() => process.exit(0));
});
