import { describe, expect, it } from 'vitest';
import { checkNik, maskNik } from './nik.ts';

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
