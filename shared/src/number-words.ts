/**
 * Indonesian number words for spoken announcements: 12 → "dua belas", 111 → "seratus sebelas",
 * 1000 → "seribu". Covers 0–9999 (ticket numbers are at most three digits; counters a few).
 */
const UNITS = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'];

function below1000(n: number): string[] {
  const words: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 1) words.push('seratus');
  else if (hundreds > 1) words.push(UNITS[hundreds] as string, 'ratus');
  if (rest === 0) return words;
  if (rest < 10) words.push(UNITS[rest] as string);
  else if (rest === 10) words.push('sepuluh');
  else if (rest === 11) words.push('sebelas');
  else if (rest < 20) words.push(UNITS[rest - 10] as string, 'belas');
  else {
    words.push(UNITS[Math.floor(rest / 10)] as string, 'puluh');
    if (rest % 10 > 0) words.push(UNITS[rest % 10] as string);
  }
  return words;
}

export function numberToIndonesianWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999)
    throw new RangeError(`numberToIndonesianWords: ${n} is outside 0–9999`);
  if (n === 0) return 'nol';
  const thousands = Math.floor(n / 1000);
  const words: string[] = [];
  if (thousands === 1) words.push('seribu');
  else if (thousands > 1) words.push(UNITS[thousands] as string, 'ribu');
  words.push(...below1000(n % 1000));
  return words.join(' ');
}

/** `A012` → "A dua belas" (leading zeros are not spoken). */
export function spokenTicketNumber(ticketNumber: string): string {
  const m = /^([A-Z]+)(\d+)$/.exec(ticketNumber);
  if (!m) return ticketNumber;
  return `${(m[1] as string).split('').join(' ')} ${numberToIndonesianWords(Number(m[2]))}`;
}

/**
 * The Indonesian announcement for a call, e.g.
 * "Nomor antrean A dua belas, silakan menuju loket tiga". Groups name their first and last number.
 */
export function callAnnouncement(ticketNumbers: readonly string[], counterNumber: number): string {
  const first = ticketNumbers[0] ?? '';
  const last = ticketNumbers[ticketNumbers.length - 1] ?? first;
  const who =
    ticketNumbers.length > 1
      ? `${spokenTicketNumber(first)} sampai ${spokenTicketNumber(last)}`
      : spokenTicketNumber(first);
  return `Nomor antrean ${who}, silakan menuju loket ${numberToIndonesianWords(counterNumber)}`;
}
