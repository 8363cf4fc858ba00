import { describe, expect, it } from 'vitest';
import {
  counterShare,
  estimateWaitMinutes,
  remainingServiceMinutes,
  typicalServiceMinutes,
  type StageOutlook,
  type TicketOutlook,
} from './wait-estimate.ts';

const stage = (over: Partial<StageOutlook>): StageOutlook => ({
  counters: [],
  serviceMinutes: 6,
  joinPerMinute: 0,
  priorityJoinPerMinute: 0,
  ...over,
});
const ticket = (over: Partial<TicketOutlook>): TicketOutlook => ({
  ahead: 0,
  priority: false,
  untilOwnTimeMinutes: 0,
  ...over,
});
const free = (n: number) => Array.from({ length: n }, () => ({ share: 1, freeInMinutes: 0 }));

describe('estimateWaitMinutes: called at the (ahead + 1)-th moment a counter frees up', () => {
  it('no wait while a counter is free and nobody is ahead', () => {
    expect(estimateWaitMinutes(stage({ counters: free(2) }), ticket({ ahead: 0 }))).toBe(0);
    // Two free counters take the first two at once; the 3rd and 4th when those are done (6 min).
    expect(
      [0, 1, 2, 3, 4].map((ahead) => estimateWaitMinutes(stage({ counters: free(2) }), ticket({ ahead }))),
    ).toEqual([0, 0, 6, 6, 12]);
  });

  it('busy counters free up when their applicant leaves, then every service time', () => {
    const s = stage({
      counters: [
        { share: 1, freeInMinutes: 2 },
        { share: 1, freeInMinutes: 5 },
      ],
    });
    // Moments 2, 5, 8 (2 + 6), 11 (5 + 6).
    expect([0, 1, 2, 3].map((ahead) => estimateWaitMinutes(s, ticket({ ahead })))).toEqual([2, 5, 8, 11]);
  });

  it('a counter shared with another stage comes back for this one at the pace of its share', () => {
    // Half its work is elsewhere: every 12 min for this stage → moments 0, 12, 24.
    const s = stage({ counters: [{ share: 0.5, freeInMinutes: 0 }] });
    expect(estimateWaitMinutes(s, ticket({ ahead: 2 }))).toBe(24);
  });

  it('far down the queue: the counters’ combined pace', () => {
    // One 5-min counter: the 10th free moment is at 45 min (9 × 5).
    const s = stage({ counters: free(1), serviceMinutes: 5 });
    expect(estimateWaitMinutes(s, ticket({ ahead: 9 }))).toBe(45);
  });

  it('an early arrival lets people on their own time go first until its window opens', () => {
    // Counter free in 4 min, 5 min each; 0.2 joining a minute, of which an early arrival counts
    // half (0.1/min): t = 4 + 5 × 0.1 × t → t = 8 (before its own time at 20 min).
    const s = stage({ counters: [{ share: 1, freeInMinutes: 4 }], serviceMinutes: 5, joinPerMinute: 0.2 });
    expect(estimateWaitMinutes(s, ticket({ untilOwnTimeMinutes: 20 }))).toBe(8);
    expect(estimateWaitMinutes(s, ticket({ untilOwnTimeMinutes: 0 }))).toBe(4);
  });

  it('priority applicants still to come go ahead of a regular ticket, not of a priority one', () => {
    // t = 4 + 5 × (2 + 0.05 t) → t = 18.67 → 19; a priority ticket: 4 + 5 × 2 = 14.
    const s = stage({
      counters: [{ share: 1, freeInMinutes: 4 }],
      serviceMinutes: 5,
      priorityJoinPerMinute: 0.05,
    });
    expect(estimateWaitMinutes(s, ticket({ ahead: 2 }))).toBe(19);
    expect(estimateWaitMinutes(s, ticket({ ahead: 2, priority: true }))).toBe(14);
  });

  it('joiners are capped below the counters’ pace, so a rush never makes the wait endless', () => {
    // 5/min joining (half of 10) is capped at 0.9 × 0.2 = 0.18/min: t = 1 + 5 × 0.18 t → t = 10.
    const s = stage({ counters: [{ share: 1, freeInMinutes: 1 }], serviceMinutes: 5, joinPerMinute: 10 });
    expect(estimateWaitMinutes(s, ticket({ untilOwnTimeMinutes: 30 }))).toBe(10);
  });

  it('a counter with no share of the stage never calls for it', () => {
    const s = stage({
      counters: [
        { share: 0, freeInMinutes: 0 },
        { share: 1, freeInMinutes: 5 },
      ],
    });
    expect(estimateWaitMinutes(s, ticket({}))).toBe(5);
  });

  it('between two free moments the call falls in proportion', () => {
    // 2 counters of 20 min, free at 2 and 7: moments 2, 7, 22… An early arrival with 0.05 a minute
    // joining ahead: t = 2 + 5 × 0.05 t → t = 2.67 → 3.
    const s = stage({
      counters: [
        { share: 1, freeInMinutes: 2 },
        { share: 1, freeInMinutes: 7 },
      ],
      serviceMinutes: 20,
      joinPerMinute: 0.1,
    });
    expect(estimateWaitMinutes(s, ticket({ untilOwnTimeMinutes: 100 }))).toBe(3);
  });

  it('after an early arrival’s own time only priority applicants still go ahead', () => {
    // Free in 4, 5 min each; 0.1/min join until its window opens at 6 min, then 0.05/min priority:
    // t = 4 + 5 × (0.1 × 6 + 0.05 × (t − 6)) → t = 7.33 → 7.
    const s = stage({
      counters: [{ share: 1, freeInMinutes: 4 }],
      serviceMinutes: 5,
      joinPerMinute: 0.2,
      priorityJoinPerMinute: 0.05,
    });
    expect(estimateWaitMinutes(s, ticket({ untilOwnTimeMinutes: 6 }))).toBe(7);
  });

  it('with no counter at all: one service per person ahead and its own', () => {
    expect(estimateWaitMinutes(stage({ counters: [] }), ticket({ ahead: 2 }))).toBe(18);
  });
});

describe('typicalServiceMinutes', () => {
  it('the configured default until there is data', () => {
    expect(typicalServiceMinutes([], 6)).toBe(6);
  });

  it('the mean with outliers clamped to a third–triple of the median, pulled to the default', () => {
    // Median 10 (newest last, any order): 2 → 3.33, 100 → 30; (3.33 + 10 + 10 + 10 + 30 + 3 × 8) / 8.
    expect(typicalServiceMinutes([100, 10, 2, 10, 10], 8)).toBeCloseTo(10.917, 2);
  });
});

describe('remainingServiceMinutes', () => {
  it('expected time less the time passed, at least a quarter of a service', () => {
    expect(remainingServiceMinutes(2, 1, 6)).toBe(4);
    expect(remainingServiceMinutes(10, 1, 6)).toBe(1.5);
    // A family of three: three services.
    expect(remainingServiceMinutes(3, 3, 6)).toBe(15);
  });
});

describe('counterShare', () => {
  const work = (w: Record<string, number>) => (s: string) => w[s] ?? 0;
  it('splits a shared counter by the work waiting at each of its stages', () => {
    expect(counterShare('bap', ['bap', 'verifikasi'], work({ bap: 15, verifikasi: 45 }))).toBe(0.25);
    expect(counterShare('bap', ['bap', 'verifikasi'], work({}))).toBe(0.5);
    expect(counterShare('foto', ['foto'], work({}))).toBe(1);
    expect(counterShare('foto', ['bap'], work({ foto: 10 }))).toBe(0);
  });
});
