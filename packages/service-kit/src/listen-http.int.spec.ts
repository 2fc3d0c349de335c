import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from './create-logger';
import { createMetrics } from './create-metrics';
import { createServiceHttp } from './create-service-http';
import { listenHttp } from './listen-http';
import { PortInUseError } from './port-in-use-error';

const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
const http = () =>
  createServiceHttp({
    logger: createLogger({ service: 'kit-test', destination: silent }),
    metrics: createMetrics({ service: 'kit-test' }),
    readiness: [],
  });

describe('listenHttp', () => {
  const first = http();
  const second = http();
  afterAll(async () => {
    await Promise.all([first.close(), second.close()]);
  });

  it('names the port and the fix when it is already taken', async () => {
    await listenHttp(first, { port: 0, host: '127.0.0.1' });
    const address = first.server.address();
    if (address === null || typeof address === 'string') throw new Error('expected a TCP address');

    const attempt = listenHttp(second, { port: address.port, host: '127.0.0.1' });
    await expect(attempt).rejects.toBeInstanceOf(PortInUseError);
    await expect(attempt).rejects.toThrow(`port ${address.port} is in use: set PORT to a free port`);
  });
});
