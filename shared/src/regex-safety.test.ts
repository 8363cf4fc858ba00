import { describe, expect, it } from 'vitest';
import { unsafePatternReason } from './regex-safety.ts';

/** Patterns known to backtrack catastrophically (exponentially or with a high polynomial). */
const EVIL = [
  '(A+)+$',
  '(a+)+$',
  '(a*)*$',
  '(a|a)*$',
  '(a|aa)+$',
  '(\\d+)*$',
  '([A-Z]+)*X',
  '(.*a){20}',
  '(?:A+){2,}B',
  '(x+x+)+y',
  '^(([a-z])+.)+[A-Z]([a-z])+$',
  '(\\w+\\s?)+$',
  '\\d*\\d*\\d*\\d*$',
  '.*.*.*=.*',
  '(a|b|ab)*c',
  '(?:a?){25}a{25}',
];

describe('qrBookingCodePattern safety', () => {
  it('accepts the patterns an office needs', () => {
    for (const p of [
      '([A-Z0-9]{6,20})',
      '^MP-([A-Z0-9]{8})$',
      'code=([A-Z0-9]+)',
      '^.*?code=([A-Z0-9]{6,20})',
      '(?<code>[A-Z0-9]{6,20})',
      '(?:BOOKING|KODE):([A-Z0-9]{6,20})',
      '^(?:MP)?([0-9]{10})$',
    ])
      expect(unsafePatternReason(p), p).toBeNull();
  });

  it('refuses every known catastrophic pattern', () => {
    for (const p of EVIL) expect(unsafePatternReason(p), p).not.toBeNull();
  });

  it('names why', () => {
    expect(unsafePatternReason('(A+)+$')).toBe(
      'nested quantifiers or a repeated alternation, e.g. (A+)+ or (a|b)*',
    );
    expect(unsafePatternReason('(a)\\1')).toBe('back-references are not allowed');
    expect(unsafePatternReason('(?=A)([A-Z]+)')).toBe('look-ahead and look-behind are not allowed');
    expect(unsafePatternReason('A'.repeat(201))).toBe('longer than 200 characters');
    expect(unsafePatternReason('([A-Z')).toBe('not a valid regular expression');
    expect(unsafePatternReason('\\d*\\d*\\d*$')).toMatch(
      /^may backtrack ~6\.9e\+10 steps on a 512-character input/,
    );
  });
});
