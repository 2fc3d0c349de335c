import { hostname } from 'node:os';
import { type DestinationStream, type Level, type Logger, pino } from 'pino';

export type { Logger } from 'pino';

export interface CreateLoggerOptions {
  /** Written on every line as `service`, so one log store can hold every service. */
  service: string;
  /** @default 'info' */
  level?: Level | 'silent';
  /**
   * Where JSON lines go. When omitted: stdout, pretty-printed when stdout is a terminal (a person is
   * reading), JSON otherwise (a collector is reading).
   */
  destination?: DestinationStream;
}

export function createLogger({ service, level = 'info', destination }: CreateLoggerOptions): Logger {
  const options = { level, base: { service, pid: process.pid, hostname: hostname() } };
  if (destination !== undefined) return pino(options, destination);
  if (process.stdout.isTTY) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname' } } });
  }
  return pino(options);
}
