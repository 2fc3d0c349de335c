import { describe, expect, it } from 'vitest';
import { createSseParser } from './sse-parser';

describe('the event-stream parser', () => {
  it('assembles an event split across chunks and ends it at the blank line', () => {
    const parse = createSseParser();
    expect(parse('retry: 2000\n\nid: 7\nda')).toEqual({ events: [], retryMs: 2000 });
    expect(parse('ta: {"a":1}\n')).toEqual({ events: [], retryMs: undefined });
    expect(parse('\n')).toEqual({ events: [{ id: '7', data: '{"a":1}' }], retryMs: undefined });
  });

  it('drops keep-alive comments and joins multi-line data', () => {
    const parse = createSseParser();
    const { events } = parse(': heartbeat\n\ndata: one\ndata: two\n\nid: 9\r\ndata: x\r\n\r\n');
    expect(events).toEqual([
      { id: undefined, data: 'one\ntwo' },
      { id: '9', data: 'x' },
    ]);
  });
});
