import { describe, expect, it } from 'vitest';
import type { AlarmCondition } from '@giliran/shared';
import { AlarmBook } from './alarm-book.ts';

const MIN = 60_000;

const cond = (
  kind: AlarmCondition['kind'],
  stageId: string,
  over: Partial<AlarmCondition> = {},
): AlarmCondition => ({
  key: `${kind}:${stageId}`,
  kind,
  stageId,
  value: 50,
  limit: 45,
  ticketNumbers: ['A001'],
  graceMs: 0,
  ...over,
});

function ids() {
  let n = 0;
  return () => `alarm-${++n}`;
}

describe('alarm book', () => {
  it('raises once while a condition holds, then clears it by itself', () => {
    const book = new AlarmBook();
    const newId = ids();
    const wait = cond('wait_long', 'foto');
    expect(book.apply([wait], 1 * MIN, newId).raised.map((a) => a.id)).toEqual(['alarm-1']);
    expect(book.apply([{ ...wait, value: 51 }], 2 * MIN, newId)).toEqual({ raised: [], cleared: [] });
    const cleared = book.apply([], 3 * MIN, newId);
    expect(cleared.raised).toEqual([]);
    expect(cleared.cleared).toEqual([
      {
        id: 'alarm-1',
        kind: 'wait_long',
        stageId: 'foto',
        value: 50,
        limit: 45,
        ticketNumbers: ['A001'],
        raisedAt: 1 * MIN,
        acknowledgedBy: null,
        acknowledgedAt: null,
        clearedAt: 3 * MIN,
      },
    ]);
    // The condition coming back is a new alarm.
    expect(book.apply([wait], 4 * MIN, newId).raised.map((a) => a.id)).toEqual(['alarm-2']);
    expect(book.list().map((a) => [a.id, a.clearedAt])).toEqual([
      ['alarm-2', null],
      ['alarm-1', 3 * MIN],
    ]);
  });

  it('keeps an acknowledged alarm open until its condition ends; the first acknowledgement stands', () => {
    const book = new AlarmBook();
    const newId = ids();
    book.apply([cond('priority_wait', 'verifikasi')], 0, newId);
    expect(book.acknowledge('alarm-1', 'Supervisor', 5 * MIN)).toMatchObject({
      changed: true,
      alarm: { acknowledgedBy: 'Supervisor', acknowledgedAt: 5 * MIN, clearedAt: null },
    });
    expect(book.acknowledge('alarm-1', 'Petugas 1', 6 * MIN)).toMatchObject({
      changed: false,
      alarm: { acknowledgedBy: 'Supervisor', acknowledgedAt: 5 * MIN },
    });
    expect(book.apply([cond('priority_wait', 'verifikasi')], 7 * MIN, newId).raised).toEqual([]);
    expect(book.openAt(['verifikasi']).map((a) => a.id)).toEqual(['alarm-1']);
    expect(book.openAt(['foto'])).toEqual([]);
    expect(book.apply([], 8 * MIN, newId).cleared).toMatchObject([
      { id: 'alarm-1', acknowledgedBy: 'Supervisor', clearedAt: 8 * MIN },
    ]);
    expect(book.acknowledge('no-such-alarm', 'X', 9 * MIN)).toBeNull();
  });

  it('waits out a grace period, and forgets a condition that ends before it', () => {
    const book = new AlarmBook();
    const newId = ids();
    const short = cond('counters_below_plan', 'foto', { value: 1, limit: 3, graceMs: 10 * MIN });
    expect(book.apply([short], 0, newId).raised).toEqual([]);
    expect(book.apply([short], 9 * MIN, newId).raised).toEqual([]);
    expect(book.apply([], 9.5 * MIN, newId)).toEqual({ raised: [], cleared: [] }); // resumed in time
    expect(book.apply([short], 10 * MIN, newId).raised).toEqual([]); // a new grace period
    expect(book.apply([short], 19 * MIN, newId).raised).toEqual([]);
    expect(book.apply([short], 20 * MIN, newId).raised).toMatchObject([
      { id: 'alarm-1', kind: 'counters_below_plan', value: 1, limit: 3, raisedAt: 20 * MIN },
    ]);
  });

  it('restores the day after a restart: an open alarm is not raised again, a cleared one may come back', () => {
    const book = new AlarmBook();
    book.restore([
      {
        id: 'old-1',
        kind: 'wait_long',
        stageId: 'foto',
        value: 50,
        limit: 45,
        ticketNumbers: [],
        raisedAt: 0,
        acknowledgedBy: null,
        acknowledgedAt: null,
        clearedAt: null,
      },
      {
        id: 'old-2',
        kind: 'wait_long',
        stageId: 'verifikasi',
        value: 50,
        limit: 45,
        ticketNumbers: [],
        raisedAt: 0,
        acknowledgedBy: 'Supervisor',
        acknowledgedAt: 1,
        clearedAt: 2,
      },
    ]);
    const newId = ids();
    const r = book.apply([cond('wait_long', 'foto'), cond('wait_long', 'verifikasi')], 3, newId);
    expect(r.raised.map((a) => [a.id, a.stageId])).toEqual([['alarm-1', 'verifikasi']]);
    expect(r.cleared).toEqual([]);
  });
});
