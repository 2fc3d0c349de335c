import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

const RecordedPort = z.object({ port: z.int().min(1).max(65_535) });

/**
 * The port a server we started last time listens on, so a second bring-up (or a test run beside `./dev up`)
 * finds and reuses it instead of starting another server on the same data folder.
 */
export async function readRecordedPort(file: string): Promise<number | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const parsed = RecordedPort.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.port : undefined;
  } catch {
    return undefined;
  }
}

export async function recordPort(file: string, port: number): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify({ port })}\n`);
}
