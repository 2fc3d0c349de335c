import Table from 'cli-table3';

export type TableCell = string | number | null;

/**
 * A borderless, column-aligned text table (like `kubectl get`): easy to read, and each row stays one line
 * for grep. Empty cells print as `-`.
 */
export function renderTable(head: readonly string[], rows: readonly (readonly TableCell[])[]): string {
  const table = new Table({
    head: [...head],
    chars: {
      top: '',
      'top-mid': '',
      'top-left': '',
      'top-right': '',
      bottom: '',
      'bottom-mid': '',
      'bottom-left': '',
      'bottom-right': '',
      left: '',
      'left-mid': '',
      mid: '',
      'mid-mid': '',
      right: '',
      'right-mid': '',
      middle: '  ',
    },
    style: { 'padding-left': 0, 'padding-right': 0, head: [], border: [] },
  });
  for (const row of rows) table.push(row.map((cell) => (cell === null || cell === '' ? '-' : cell)));
  // The last column is padded to its width; trailing blanks would only get in the way of grep and diff.
  return table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}
