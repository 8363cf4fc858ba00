import type { CheckinCandidate } from '@giliran/shared';
import { describe, expect, it } from 'vitest';
import {
  applyKey,
  formatDate,
  idlePhase,
  lookupOutcome,
  mergedChecklist,
  nikGroups,
  refusalFromError,
  toggleSelection,
} from './flow.ts';
import { refusalText } from './refusals.ts';

function cand(
  code: string,
  assessment: CheckinCandidate['assessment'],
  docs: string[] = ['e-KTP'],
): CheckinCandidate {
  return {
    bookingCode: code,
    maskedName: 'I Ketut W***',
    birthDayMonth: '08-05',
    maskedNik: '5171********0001',
    applicationType: 'baru',
    arrivalDate: '2026-11-28',
    officeCode: 'DPS',
    window: { start: '10:00', end: '11:00' },
    checklist: docs.map((d) => ({ id: d, en: d })),
    assessment,
  };
}

describe('lookup outcome', () => {
  it('no candidates → not found', () => {
    expect(lookupOutcome([])).toEqual({ kind: 'refusal', refusal: { kind: 'booking_not_found' } });
  });
  it('one ok booking → confirm it', () => {
    expect(lookupOutcome([cand('MP1', { kind: 'ok' })])).toMatchObject({
      kind: 'confirm',
      selected: ['MP1'],
    });
  });
  it('already checked in and late-but-routed are confirmable; late-refused is not', () => {
    expect(lookupOutcome([cand('MP1', { kind: 'already', ticketNumber: 'A001' })]).kind).toBe('confirm');
    expect(lookupOutcome([cand('MP1', { kind: 'late', action: 'route', windowEnd: '09:00' })]).kind).toBe(
      'confirm',
    );
    expect(lookupOutcome([cand('MP1', { kind: 'late', action: 'refuse', windowEnd: '09:00' })])).toEqual({
      kind: 'refusal',
      refusal: { kind: 'late', windowEnd: '09:00' },
    });
  });
  it.each([
    [
      { kind: 'early', comeBackAt: '13:00' } as const,
      { kind: 'early', comeBackAt: '13:00', window: { start: '10:00', end: '11:00' } },
    ],
    [
      { kind: 'other_date', arrivalDate: '2026-11-29' } as const,
      { kind: 'other_date', arrivalDate: '2026-11-29' },
    ],
    [{ kind: 'other_office', officeCode: 'SGR' } as const, { kind: 'other_office', officeCode: 'SGR' }],
    [{ kind: 'unpaid' } as const, { kind: 'unpaid' }],
    [{ kind: 'cancelled' } as const, { kind: 'cancelled' }],
  ])('refuses %o with its own screen', (assessment, refusal) => {
    expect(lookupOutcome([cand('MP1', assessment)])).toEqual({ kind: 'refusal', refusal });
  });
  it('a family selects every eligible member and lists the others', () => {
    const out = lookupOutcome([
      cand('MP1', { kind: 'ok' }),
      cand('MP2', { kind: 'unpaid' }),
      cand('MP3', { kind: 'ok' }),
    ]);
    expect(out).toMatchObject({ kind: 'confirm', selected: ['MP1', 'MP3'] });
    if (out.kind !== 'confirm') throw new Error('unreachable');
    expect(out.candidates).toHaveLength(3);
    expect(toggleSelection(out.candidates, out.selected, 'MP1')).toEqual(['MP3']);
    expect(toggleSelection(out.candidates, ['MP3'], 'MP1')).toEqual(['MP1', 'MP3']);
    expect(toggleSelection(out.candidates, ['MP3'], 'MP2')).toEqual(['MP3']);
  });
});

describe('errors → refusals', () => {
  it('maps server error codes', () => {
    expect(refusalFromError('booking_not_found', 'x')).toEqual({ kind: 'booking_not_found' });
    expect(refusalFromError('rate_limited', 'x')).toEqual({ kind: 'rate_limited' });
    expect(refusalFromError('invalid_nik', 'x', { problem: 'province' })).toEqual({
      kind: 'invalid_nik',
      problem: 'province',
    });
    expect(refusalFromError('invalid_nik', 'x', { problem: 'zzz' })).toEqual({
      kind: 'invalid_nik',
      problem: null,
    });
    expect(refusalFromError('internal', 'Server error')).toEqual({ kind: 'error', message: 'Server error' });
    // The connection gone or silent: its own screen, in the kiosk's language, with a retry.
    expect(refusalFromError('offline', 'x')).toEqual({ kind: 'offline' });
    expect(refusalFromError('no_answer', 'x')).toEqual({ kind: 'offline' });
    expect(refusalText({ kind: 'offline' }, 'en').title).toBe('Not connected to the server');
    expect(refusalText({ kind: 'offline' }, 'id').retry).toBe(true);
  });
  it('every refusal has a title, a body and a next step in both languages', () => {
    const all = [
      { kind: 'early', comeBackAt: '09:00', window: { start: '10:00', end: '11:00' } },
      { kind: 'late', windowEnd: '09:00' },
      { kind: 'other_date', arrivalDate: '2026-12-01' },
      { kind: 'other_office', officeCode: 'SGR' },
      { kind: 'unpaid' },
      { kind: 'cancelled' },
      { kind: 'booking_not_found' },
      { kind: 'invalid_nik', problem: 'birth_date' },
      { kind: 'rate_limited' },
      { kind: 'offline' },
      { kind: 'error', message: 'oops' },
    ] as const;
    const titles = new Set<string>();
    for (const r of all) {
      for (const lang of ['id', 'en'] as const) {
        const t = refusalText(r, lang);
        expect(t.title.length).toBeGreaterThan(5);
        expect(t.body.length).toBeGreaterThan(3);
        expect(t.next.length).toBeGreaterThan(0);
        titles.add(`${lang}:${t.title}`);
      }
    }
    expect(titles.size).toBe(all.length * 2);
    expect(refusalText({ kind: 'other_date', arrivalDate: '2026-12-01' }, 'id').body).toContain(
      '1 Desember 2026',
    );
  });
});

describe('input helpers', () => {
  it('groups the NIK 4-4-4-4', () => {
    expect(nikGroups('5171012345670001')).toEqual(['5171', '0123', '4567', '0001']);
    expect(nikGroups('51710')).toEqual(['5171', '0', '', '']);
  });
  it('applies keypad keys within each field’s rules', () => {
    expect(applyKey('123', '4', 'nik')).toBe('1234');
    expect(applyKey('123', 'a', 'nik')).toBe('123');
    expect(applyKey('1'.repeat(16), '1', 'nik')).toHaveLength(16);
    expect(applyKey('MP', 'x', 'code')).toBe('MPX');
    expect(applyKey('MP', '-', 'code')).toBe('MP');
    expect(applyKey('MP', 'Backspace', 'code')).toBe('M');
    expect(applyKey('MP', 'Clear', 'code')).toBe('');
    expect(applyKey('12345678', '9', 'pair')).toBe('12345678');
  });
  it('merges the documents of the chosen bookings once each', () => {
    const cs = [cand('A', { kind: 'ok' }, ['e-KTP', 'KK']), cand('B', { kind: 'ok' }, ['KK', 'Akta lahir'])];
    expect(mergedChecklist(cs, ['A', 'B']).map((d) => d.id)).toEqual(['e-KTP', 'KK', 'Akta lahir']);
    expect(mergedChecklist(cs, ['B']).map((d) => d.id)).toEqual(['KK', 'Akta lahir']);
  });
  it('formats dates in both languages', () => {
    expect(formatDate('2026-08-17', 'id')).toBe('17 Agustus 2026');
    expect(formatDate('2026-08-17', 'en')).toBe('17 August 2026');
  });
});

describe('inactivity', () => {
  it('warns after the idle time with a countdown, then expires', () => {
    expect(idlePhase(59_999, 60)).toEqual({ kind: 'active' });
    expect(idlePhase(60_000, 60)).toEqual({ kind: 'warning', secondsLeft: 20 });
    expect(idlePhase(70_500, 60)).toEqual({ kind: 'warning', secondsLeft: 10 });
    expect(idlePhase(79_999, 60)).toEqual({ kind: 'warning', secondsLeft: 1 });
    expect(idlePhase(80_000, 60)).toEqual({ kind: 'expired' });
  });
});
