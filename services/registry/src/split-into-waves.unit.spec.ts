import { describe, expect, it } from 'vitest';
import { splitIntoWaves } from './split-into-waves';

const key = (item: string) => item.slice(0, 1);

describe('splitIntoWaves', () => {
  it('keeps distinct keys in one wave, in input order', () => {
    expect(splitIntoWaves(['a1', 'b1', 'c1'], key)).toEqual([['a1', 'b1', 'c1']]);
  });

  it("puts a key's next item in the next wave, so running waves in turn keeps each key's order", () => {
    expect(splitIntoWaves(['a1', 'b1', 'a2', 'a3', 'c1', 'b2'], key)).toEqual([
      ['a1', 'b1', 'c1'],
      ['a2', 'b2'],
      ['a3'],
    ]);
  });

  it('gives nothing for nothing', () => {
    expect(splitIntoWaves([], key)).toEqual([]);
  });
});
