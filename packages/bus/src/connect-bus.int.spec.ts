import { freePort, useTestNats } from '@rollcall/testkit';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { BusConnectError } from './bus-connect-error';
import { connectBus } from './connect-bus';
import { natsReadiness } from './nats-readiness';

const nats = useTestNats();

function captureLogger() {
  const lines: { msg: string; level: number }[] = [];
  const logger = pino({}, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { lines, logger };
}

describe('connectBus', () => {
  it('connects, logs it, and is ready until closed', async () => {
    const { lines, logger } = captureLogger();
    const nc = await connectBus({ url: nats.url, name: `${nats.prefix}-test`, logger });
    const readiness = natsReadiness(nc);
    await expect(readiness.check()).resolves.toBeUndefined();
    expect(lines.map((line) => line.msg)).toContain('connected to NATS');

    await nc.close();
    await expect(readiness.check()).rejects.toThrow('connection closed');
  });

  it('fails at once, naming the URL, when nothing listens there', async () => {
    const url = `nats://127.0.0.1:${await freePort()}`;
    const attempt = connectBus({ url, name: 'unreachable', logger: pino({ level: 'silent' }) });
    await expect(attempt).rejects.toBeInstanceOf(BusConnectError);
    await expect(attempt).rejects.toThrow(`cannot connect to NATS at ${url}: connection refused`);
  });

  it('keeps passwords out of its error', async () => {
    const url = `nats://rollcall:hunter2@127.0.0.1:${await freePort()}`;
    const attempt = connectBus({ url, name: 'unreachable', logger: pino({ level: 'silent' }) });
    await expect(attempt).rejects.toThrow(/rollcall:\*\*\*@127\.0\.0\.1/);
    await expect(attempt).rejects.not.toThrow(/hunter2/);
  });
});
