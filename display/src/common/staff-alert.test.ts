import { describe, expect, it } from 'vitest';
import { PRINTER_FAULT_CODES, type Lang } from '@giliran/shared';
import { translate, type I18n } from '../i18n.ts';
import { alertText } from './staff-alert.ts';

const i18n = (lang: Lang): I18n => ({
  lang,
  t: (key, params) => translate(lang, key, params),
  l: (text) => text[lang],
  toggle: () => {},
});

describe('staff alert text', () => {
  it('words a printer fault in the screen language, never the code or the driver English', () => {
    const a = { reason: 'printer' as const, printerFault: 'paper_out' as const, detail: 'A012, A013' };
    expect(alertText(a, i18n('id'))).toBe('masalah printer (kertas habis): A012, A013');
    expect(alertText(a, i18n('en'))).toBe('printer problem (paper out): A012, A013');
  });
  it('words a help request with the device words, or alone', () => {
    expect(alertText({ reason: 'help', printerFault: null, detail: 'Pemohon lansia' }, i18n('id'))).toBe(
      'butuh bantuan: Pemohon lansia',
    );
    expect(alertText({ reason: 'other', printerFault: null, detail: null }, i18n('en'))).toBe('other');
  });
  it('has words for every printer fault in both languages', () => {
    for (const fault of PRINTER_FAULT_CODES)
      for (const lang of ['id', 'en'] as const) {
        const text = alertText({ reason: 'printer', printerFault: fault, detail: null }, i18n(lang));
        expect(text, `${fault} ${lang}`).toMatch(/^\S.* \([^_]+\)$/);
      }
  });
});
