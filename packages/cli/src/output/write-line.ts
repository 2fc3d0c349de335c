import { once } from 'node:events';
import type { CliStream } from '../cli-io';

/**
 * Writes one line and waits while the stream's buffer is full, so printing a long log through a slow pipe
 * keeps memory flat.
 */
export async function writeLine(stream: CliStream, line = ''): Promise<void> {
  if (!stream.write(`${line}\n`)) await once(stream, 'drain');
}

/** `--json` output: one JSON document on one line (NDJSON when called per item). */
export async function writeJson(stream: CliStream, value: unknown): Promise<void> {
  await writeLine(stream, JSON.stringify(value));
}
