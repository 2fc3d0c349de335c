import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './create-logger';
import { withCorrelation } from './with-correlation';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, destination };
}

describe('createLogger', () => {
  it('writes JSON lines carrying the service name', () => {
    const { lines, destination } = capture();
    createLogger({ service: 'registry', destination }).info({ pool: 'web' }, 'hello');
    expect(lines).toEqual([
      expect.objectContaining({ service: 'registry', pool: 'web', msg: 'hello', level: 30 }),
    ]);
  });

  it('drops lines below its level', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ service: 'registry', level: 'warn', destination });
    logger.info('quiet');
    logger.warn('loud');
    expect(lines.map((line) => line.msg)).toEqual(['loud']);
  });
});

describe('withCorrelation', () => {
  it('adds the given ids to every line and leaves unset ones out', () => {
    const { lines, destination } = capture();
    const logger = withCorrelation(createLogger({ service: 'drainer', destination }), {
      eventId: 'e1',
      correlationId: 'c1',
      causationId: undefined,
      runnerId: 'r1',
    });
    logger.info('one');
    logger.info('two');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).toMatchObject({ service: 'drainer', eventId: 'e1', correlationId: 'c1', runnerId: 'r1' });
      expect(line).not.toHaveProperty('causationId');
    }
  });
});
