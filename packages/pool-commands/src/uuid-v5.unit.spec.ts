import { describe, expect, it } from 'vitest';
import { uuidV5 } from './uuid-v5';

// The DNS namespace of RFC 9562, appendix A.
const DNS = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';

describe('uuidV5', () => {
  it('matches the published value for www.example.com in the DNS namespace', () => {
    // RFC 9562 appendix A.4 (the same value Python's uuid.uuid5 gives).
    expect(uuidV5('www.example.com', DNS)).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('is stable for a name and differs between names', () => {
    expect(uuidV5('a', DNS)).toBe(uuidV5('a', DNS));
    expect(uuidV5('a', DNS)).not.toBe(uuidV5('b', DNS));
  });

  it('refuses a namespace that is not a UUID', () => {
    expect(() => uuidV5('a', 'not-a-uuid')).toThrow(RangeError);
  });
});
