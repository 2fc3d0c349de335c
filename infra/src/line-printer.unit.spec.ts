import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLinePrinter } from './line-printer';

function printed(lines: [string, string][]): string[] {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  const print = createLinePrinter({ out, colors: false, width: 8 });
  for (const [source, line] of lines) print(source, line);
  return chunks.join('').split('\n').filter(Boolean);
}

describe('createLinePrinter', () => {
  it('prefixes each line with its source, padded so the columns line up', () => {
    expect(
      printed([
        ['api', 'plain text'],
        ['registry', 'more'],
      ]),
    ).toEqual(['api      | plain text', 'registry | more']);
  });

  it('pretty-prints pino JSON lines on one line, without pid, hostname and service', () => {
    const json = JSON.stringify({
      level: 40,
      time: 0,
      pid: 1,
      hostname: 'h',
      service: 'api',
      msg: 'slow',
      ms: 12,
    });
    const [line] = printed([['api', json]]);
    expect(line).toMatch(/^api {6}\| \[\d\d:\d\d:\d\d\] WARN: slow \{"ms":12\}$/);
  });
});
