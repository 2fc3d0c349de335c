import { type Logger, pino } from 'pino';
import { z } from 'zod';

const LogLine = z.looseObject({ level: z.number(), msg: z.string() });
export type LogLine = z.infer<typeof LogLine>;

/** A real pino logger whose JSON lines a test can read back. */
export function collectLogs(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = pino(
    { level: 'debug' },
    { write: (line: string) => lines.push(LogLine.parse(JSON.parse(line))) },
  );
  return { logger, lines };
}
