import type { Localized } from './i18n-types.ts';
import { isRealDate } from './time.ts';

/**
 * NIK (Nomor Induk Kependudukan): 16 digits = province (2) + regency/city (2) + district (2) +
 * birth date DDMMYY (women: day + 40) + serial (4). We validate structure only: never a Bali
 * prefix, and never reject because the encoded birth date disagrees with another record.
 */

/** Province codes in use (Kemendagri), incl. the Papua provinces created in 2022. */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65, 71, 72, 73,
  74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96, 97,
]);

export type NikProblem = 'format' | 'province' | 'regency' | 'birth_date' | 'serial';

export type NikCheck = { ok: true; nik: string } | { ok: false; problem: NikProblem };

/** What is wrong with a NIK, in words (the kiosk's refusal, the import's error line). */
export const NIK_PROBLEM_TEXT: Record<NikProblem, Localized> = {
  format: { id: 'NIK harus 16 angka', en: 'the NIK must have 16 digits' },
  province: {
    id: 'kode provinsi (2 angka pertama) tidak dikenal',
    en: 'the province code (first 2 digits) is unknown',
  },
  regency: {
    id: 'kode kabupaten/kota (angka ke-3 dan ke-4) salah',
    en: 'the regency code (digits 3–4) is wrong',
  },
  birth_date: {
    id: 'tanggal lahir di NIK (angka ke-7 s.d. 12) salah',
    en: 'the birth date in the NIK (digits 7–12) is wrong',
  },
  serial: { id: 'empat angka terakhir tidak boleh 0000', en: 'the last four digits cannot be 0000' },
};

/** Removes spaces, dots and dashes people type between groups. */
export function normalizeNik(input: string): string {
  return input.replace(/[\s.-]/g, '');
}

export function checkNik(input: string): NikCheck {
  const nik = normalizeNik(input);
  if (!/^\d{16}$/.test(nik)) return { ok: false, problem: 'format' };
  if (!PROVINCES.has(Number(nik.slice(0, 2)))) return { ok: false, problem: 'province' };
  if (Number(nik.slice(2, 4)) === 0) return { ok: false, problem: 'regency' };
  // Women's day of birth is encoded + 40.
  const day = Number(nik.slice(6, 8));
  const dd = String(day > 40 ? day - 40 : day).padStart(2, '0');
  // The century is unknown. Any date real in 19yy is real in 20yy too (2000 was a leap year, 1900
  // was not), so checking 20yy accepts every real birth date, 29 Feb 2000 included.
  if (!isRealDate(`20${nik.slice(10, 12)}-${nik.slice(8, 10)}-${dd}`)) {
    return { ok: false, problem: 'birth_date' };
  }
  if (nik.slice(12) === '0000') return { ok: false, problem: 'serial' };
  return { ok: true, nik };
}

/** `5171012345670001` → `5171********0001` */
export function maskNik(nik: string): string {
  return `${nik.slice(0, 4)}${'*'.repeat(8)}${nik.slice(12)}`;
}
