/** Rows under their titles, columns padded to their widest cell; the last column runs free. */
export function table(titles: string[], cells: string[][]): string {
  const all = [titles, ...cells];
  const widths = titles.map((_, column) => Math.max(...all.map((row) => row[column]?.length ?? 0)));
  return all.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ')).join('\n') + '\n';
}

/** A time to the minute, in UTC: what a newsroom compares at a glance; `-` for none. */
export function minute(iso: string | null | undefined): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}Z` : '-';
}
