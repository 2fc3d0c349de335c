import { describe, expect, it } from 'vitest';
import { formatRate, formatRatio, formatTable } from './format-table';

describe('formatTable', () => {
  it('aligns text left and numbers right under a rule', () => {
    const text = formatTable({
      headers: ['case', 'rollcall/s', 'vs raw'],
      rows: [
        ['single', '9,120', '0.91x'],
        ['read', '250,000', '1.02x'],
      ],
    });
    expect(text.split('\n')).toEqual([
      'case    rollcall/s  vs raw',
      '------  ----------  ------',
      'single       9,120   0.91x',
      'read       250,000   1.02x',
    ]);
  });

  it('leaves missing cells empty', () => {
    const text = formatTable({ headers: ['a', 'b'], rows: [['x']] });
    expect(text.split('\n')[2]).toBe('x');
  });
});

describe('formatRate', () => {
  it('rounds and groups thousands', () => {
    expect(formatRate(1234567.8)).toBe('1,234,568');
  });
});

describe('formatRatio', () => {
  it('keeps two decimals and an x', () => {
    expect(formatRatio(2.345)).toBe('2.35x');
  });
});
