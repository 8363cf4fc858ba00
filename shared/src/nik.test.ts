import { describe, expect, it } from 'vitest';
import { checkNik, maskNik, NIK_PROBLEM_TEXT } from './nik.ts';

describe('checkNik', () => {
  it.each([
    ['5171014508900001', 'Denpasar woman (day 05 + 40)'],
    ['3578012304850002', 'Surabaya man, not a Bali prefix'],
    ['9101016107990003', 'Papua province'],
    ['5171 0145 0890 0001', 'typed in groups with spaces'],
    ['5171012902000004', '29 Feb 2000 is real'],
  ])('accepts %s (%s)', (nik) => {
    expect(checkNik(nik).ok).toBe(true);
  });

  it.each([
    ['517101450890000', 'format'],
    ['51710145089000011', 'format'],
    ['51710145089O0001', 'format'],
    ['9971014508900001', 'province'],
    ['5100014508900001', 'regency'],
    ['5171013208900001', 'birth_date'],
    ['5171017208900001', 'birth_date'],
    ['5171010013900001', 'birth_date'],
    ['5171013102900001', 'birth_date'],
    ['5171011508900000', 'serial'],
  ])('rejects %s as %s', (nik, problem) => {
    expect(checkNik(nik)).toEqual({ ok: false, problem });
  });

  it('never rejects because the birth date disagrees with another record', () => {
    // The NIK encodes 15-08-1990; nothing else is compared.
    expect(checkNik('5171011508900001').ok).toBe(true);
  });
});

describe('maskNik', () => {
  it('keeps the region and serial of a NIK only', () => {
    expect(maskNik('5171014508900001')).toBe('5171********0001');
  });
});

describe('NIK problems in words (the kiosk refusal and the import error line say exactly this)', () => {
  it('names the digits that are wrong, in Indonesian and English', () => {
    expect(NIK_PROBLEM_TEXT).toEqual({
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
    });
  });
});
