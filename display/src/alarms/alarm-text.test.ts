import { describe, expect, it } from 'vitest';
import type { ServiceAlarm } from '@giliran/shared';
import { testConfig } from '../state/fixtures.ts';
import { alarmsForStages, alarmText, mergeAlarms } from './alarm-text.ts';

const alarm = (over: Partial<ServiceAlarm>): ServiceAlarm => ({
  id: 'a1',
  kind: 'wait_long',
  stageId: 'verifikasi',
  value: 52,
  limit: 45,
  ticketNumbers: ['A001', 'A002'],
  raisedAt: 1_000,
  acknowledgedBy: null,
  acknowledgedAt: null,
  clearedAt: null,
  ...over,
});

describe('alarm text', () => {
  it('says each kind in Indonesian and English, with the stage name and tickets', () => {
    expect(alarmText(alarm({}), testConfig, 'id')).toBe(
      'Tunggu terlama di Verifikasi berkas: 52 menit (batas 45 menit) — A001, A002',
    );
    expect(alarmText(alarm({}), testConfig, 'en')).toBe(
      'Longest wait at Document check: 52 min (limit 45 min) — A001, A002',
    );
    expect(
      alarmText(
        alarm({ kind: 'counters_below_plan', stageId: 'foto', value: 1, limit: 3, ticketNumbers: [] }),
        testConfig,
        'id',
      ),
    ).toBe('Loket buka untuk Foto & wawancara: 1 dari 3 yang direncanakan');
    expect(
      alarmText(
        alarm({ kind: 'same_day_passed', value: 2, limit: 780, ticketNumbers: ['D004'] }),
        testConfig,
        'en',
      ),
    ).toBe('Same-day cut-off (13:00) passed: 2 same-day ticket(s) still waiting at Document check — D004');
    expect(
      alarmText(
        alarm({ kind: 'priority_wait', value: 16, limit: 15, ticketNumbers: ['B001'] }),
        testConfig,
        'id',
      ),
    ).toBe('Pemohon prioritas menunggu 16 menit di Verifikasi berkas (batas 15 menit) — B001');
  });

  it('merges updates by id, newest raised first, and filters a counter’s open alarms', () => {
    const first = alarm({ id: 'a1', raisedAt: 1 });
    const second = alarm({ id: 'a2', raisedAt: 2, stageId: 'foto' });
    const merged = mergeAlarms([first], [second, { ...first, acknowledgedBy: 'Supervisor' }]);
    expect(merged.map((a) => [a.id, a.acknowledgedBy])).toEqual([
      ['a2', null],
      ['a1', 'Supervisor'],
    ]);
    expect(
      alarmsForStages(mergeAlarms(merged, [{ ...second, clearedAt: 5 }]), ['foto', 'verifikasi']).map(
        (a) => a.id,
      ),
    ).toEqual(['a1']);
  });
});
