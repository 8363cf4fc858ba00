/**
 * Greedy word wrap to `columns` characters. Words longer than a line (URLs, long passport
 * numbers) are broken hard rather than overflowing, because the printer would otherwise wrap them
 * mid-word at its own column count and shift everything after. Continuation lines get `indent`.
 */
export function wrapText(text: string, columns: number, indent = ''): string[] {
  if (columns < 1) throw new RangeError(`columns must be >= 1, got ${columns}`);
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const lines: string[] = [];
  let current = '';
  const prefix = (): string => (lines.length === 0 ? '' : indent);
  for (const word of words) {
    let rest = word;
    while (rest.length > 0) {
      const start = current.length === 0 ? prefix() : current + ' ';
      const room = columns - start.length;
      if (rest.length <= room) {
        current = start + rest;
        rest = '';
      } else if (current.length > 0) {
        lines.push(current);
        current = '';
      } else {
        // A word longer than a whole line: break it.
        const take = Math.max(1, room);
        lines.push(start + rest.slice(0, take));
        rest = rest.slice(take);
      }
    }
  }
  if (current.length > 0) lines.push(current);
  return lines.length > 0 ? lines : [''];
}
