import { describe, expect, it } from 'vitest';
import type { TrackUpdate } from '@giliran/shared';
import { isNewCall, takeUpdate, trackTokenFromPath } from './Phone.tsx';

const update = (over: Partial<TrackUpdate> = {}): TrackUpdate => ({
  number: 'A012',
  status: 'waiting',
  serviceName: { id: 'Paspor', en: 'Passport' },
  stageName: { id: 'Verifikasi', en: 'Check' },
  peopleAhead: 3,
  estimatedWaitMinutes: 9,
  counterNumber: null,
  recalls: 0,
  at: 1,
  timeZone: 'Asia/Makassar',
  ...over,
});

describe('phone tracking', () => {
  it('reads the token from /t/<token> only', () => {
    expect(trackTokenFromPath('/t/abcDEF123_-xyz')).toBe('abcDEF123_-xyz');
    expect(trackTokenFromPath('/t/abcDEF123_-xyz/')).toBe('abcDEF123_-xyz');
    expect(trackTokenFromPath('/t/short')).toBeNull();
    expect(trackTokenFromPath('/t/../../etc')).toBeNull();
    expect(trackTokenFromPath('/board')).toBeNull();
  });

  it('alerts on the first call and on each recall, not on every update while called', () => {
    const called = update({ status: 'called', counterNumber: 3 });
    expect(isNewCall(null, called)).toBe(true);
    expect(isNewCall(update(), called)).toBe(true);
    expect(isNewCall(called, { ...called, at: 2 })).toBe(false);
    expect(isNewCall(called, { ...called, recalls: 1 })).toBe(true);
    expect(isNewCall(called, update({ status: 'serving', counterNumber: 3 }))).toBe(false);
    expect(isNewCall(update(), null)).toBe(false);
  });

  it('drops an update older than the one shown, alert included; alerts a new call once', () => {
    const shown = update({ status: 'serving', counterNumber: 3, at: 10 });
    expect(takeUpdate(null, update())).toBe('show');
    expect(takeUpdate(shown, update({ status: 'called', counterNumber: 3, at: 9 }))).toBe('ignore');
    expect(takeUpdate(shown, update({ status: 'done', at: 10 }))).toBe('show');
    const called = update({ status: 'called', counterNumber: 3, at: 11 });
    expect(takeUpdate(update({ at: 10 }), called)).toBe('alert');
    expect(takeUpdate(called, { ...called, at: 12 })).toBe('show');
  });
});
