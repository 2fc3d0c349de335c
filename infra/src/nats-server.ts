import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort, isPortFree } from './free-port';
import { InfraError } from './infra-error';
import { LineBuffer } from './line-buffer';
import type { Log } from './log';
import type { NatsHandle } from './nats-handle';
import { natsServerBinary } from './nats-server-binary';
import { probeNats } from './probe-nats';
import { readRecordedPort, recordPort } from './recorded-port';
import { defaultStateDir } from './state-dir';
import { stopChild } from './stop-child';
import { waitUntil } from './wait-until';

export interface StartNatsServerOptions {
  /** The JetStream store goes to `<stateDir>/nats`. @default `<repo>/.rollcall` */
  stateDir?: string;
  log?: Log;
  /** Receives the server's own output (it is also quoted when starting fails). */
  serverLog?: Log;
}

const readyTimeoutMs = 15_000;
const stopGraceMs = 10_000;

const urlFor = (port: number) => `nats://127.0.0.1:${port}`;

/**
 * Runs `nats-server -js` on a free port with its store in `<stateDir>/nats`. If the one started earlier
 * still answers on its recorded port, that one is reused and left running on stop().
 */
export async function startNatsServer(options: StartNatsServerOptions = {}): Promise<NatsHandle> {
  const log = options.log ?? (() => {});
  const stateDir = options.stateDir ?? defaultStateDir;
  const storeDir = join(stateDir, 'nats');
  const portFile = join(stateDir, 'nats.port.json');

  const recorded = await readRecordedPort(portFile);
  if (recorded !== undefined && (await probeNats(urlFor(recorded))).ok) {
    log(`reusing the nats-server already running on port ${recorded}`);
    return { url: urlFor(recorded), source: 'spawned', stop: async () => {} };
  }

  const binary = await natsServerBinary(log);
  const port = recorded !== undefined && (await isPortFree(recorded)) ? recorded : await freePort();
  await mkdir(storeDir, { recursive: true });

  log(`starting ${binary} on port ${port}`);
  const output = new LineBuffer();
  // Its own process group: a Ctrl-C in the terminal must not stop NATS before the services have drained.
  const child = spawn(binary, ['-js', '-sd', storeDir, '-a', '127.0.0.1', '-p', String(port)], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const onData = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    output.push(text);
    for (const line of text.split('\n')) if (line.trim() !== '') options.serverLog?.(line);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const exited = new AbortController();
  child.once('exit', (code, signal) => exited.abort(new Error(`nats-server exited (${code ?? signal})`)));
  child.once('error', (error) => exited.abort(error));
  try {
    await waitUntil(
      `nats-server on port ${port} to answer with JetStream`,
      async () => (await probeNats(urlFor(port))).ok,
      {
        timeoutMs: readyTimeoutMs,
        signal: exited.signal,
      },
    );
  } catch (error) {
    process.removeListener('exit', killOnExit);
    child.kill('SIGKILL');
    throw new InfraError(`nats-server did not start on port ${port}:\n${output.quote()}`, { cause: error });
  }
  await recordPort(portFile, port);

  return {
    url: urlFor(port),
    source: 'spawned',
    stop: async () => {
      process.removeListener('exit', killOnExit);
      await stopChild(child, 'nats-server', stopGraceMs);
    },
  };
}
