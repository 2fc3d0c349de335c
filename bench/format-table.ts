export interface Table {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** A plain-text table: numbers (cells that parse as numbers) right-aligned, text left-aligned. */
export function formatTable(table: Table): string {
  const widths = table.headers.map((header, column) =>
    Math.max(header.length, ...table.rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return isNumeric(cell) ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [
    line(table.headers),
    rule,
    ...table.rows.map((row) => line(widths.map((_, c) => row[c] ?? ''))),
  ].join('\n');
}

function isNumeric(cell: string): boolean {
  return /^-?[\d,.]+(x|%)?$/.test(cell);
}

/** 12345.6 -> "12,346": throughput reads better grouped and without decimals. */
export function formatRate(perSecond: number): string {
  return Math.round(perSecond).toLocaleString('en-US');
}

/** 2.345 -> "2.35x". */
export function formatRatio(ratio: number): string {
  return `${ratio.toFixed(2)}x`;
}
