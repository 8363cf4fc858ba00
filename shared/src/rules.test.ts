import { describe, expect, it } from 'vitest';
import type { ApplicationType, OfficeConfig } from './config.ts';
import type { CallAnnouncement, Ticket } from './domain.ts';
import {
  callOrder,
  checklistFor,
  compareInLane,
  median,
  pickNext,
  positionsAtStage,
  withRecentCalls,
  type PickContext,
} from './rules.ts';

/**
 * Who is called next (DESIGN §3), pinned on a small policy of its own — NOT the office
 * configuration: at most 2 priority calls in a row while a regular ticket has waited over 10 min.
 * Every expectation is a literal order of ticket numbers.
 */
const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 28, 0, 0); // 08:00 WITA; only differences matter here
const POLICY = { priorityRunMax: 2, regularMaxWaitMinutes: 10 };

/** A waiting ticket; times are minutes after T0. `P` numbers are priority, others regular. */
function ticket(
  number: string,
  o: {
    at?: number;
    effective?: number;
    since?: number;
    stage?: string;
    group?: string;
    status?: Ticket['status'];
  } = {},
): Ticket {
  const at = T0 + (o.at ?? 0) * MIN;
  return {
    id: number,
    day: '2026-11-28',
    number,
    seq: Number(number.slice(1)),
    serviceId: number.startsWith('P') ? 'prioritas' : 'reguler',
    stageIndex: 0,
    stageId: o.stage ?? 'cek',
    status: o.status ?? 'waiting',
    priority: number.startsWith('P'),
    groupId: o.group ?? null,
    bookingCode: null,
    applicationType: null,
    checkedInAt: at,
    effectiveAt: o.effective === undefined ? at : T0 + o.effective * MIN,
    waitingSince: o.since === undefined ? at : T0 + o.since * MIN,
    windowStart: null,
    windowEnd: null,
    counterId: null,
    calledAt: null,
    servingSince: null,
    recalls: 0,
    trackToken: `tok-${number}`,
    note: null,
  };
}

function ctx(nowMinutes: number, streak = 0): PickContext {
  return { now: T0 + nowMinutes * MIN, policy: POLICY, priorityStreak: () => streak };
}

const order = (tickets: Ticket[], c: PickContext, stages = ['cek']) =>
  [...callOrder(tickets, stages, c)].map((t) => t.number);

describe('the priority run limit (priorityRunMax = 2) with a regular ticket starving', () => {
  // R001 has waited 15 min (> 10): it is starving. Four priority tickets wait behind.
  const tickets = [
    ticket('R001', { at: 0 }),
    ticket('P001', { at: 1 }),
    ticket('P002', { at: 2 }),
    ticket('P003', { at: 3 }),
    ticket('P004', { at: 4 }),
  ];
  it.each([
    [0, ['P001', 'P002', 'R001', 'P003', 'P004']],
    [1, ['P001', 'R001', 'P002', 'P003', 'P004']], // below the cap: one more priority call
    [2, ['R001', 'P001', 'P002', 'P003', 'P004']], // at the cap: the regular goes now
    [3, ['R001', 'P001', 'P002', 'P003', 'P004']], // above the cap (a stored streak): still the regular
  ])('after %i priority calls in a row the order is %j', (streak, expected) => {
    expect(order(tickets, ctx(15, streak))).toEqual(expected);
  });
});

describe('the max regular wait (regularMaxWaitMinutes = 10) with the run exhausted', () => {
  const tickets = [ticket('R001', { at: 0 }), ticket('P001', { at: 1 })];
  it.each([
    ['9 min: below', 9, 'P001'],
    ['exactly 10 min: at the limit, not over it', 10, 'P001'],
    ['10 min and 1 s: over', 10 + 1 / 60, 'R001'],
    ['30 min: well over', 30, 'R001'],
  ])('a regular ticket waiting %s → %s first', (_name, now, first) => {
    expect(pickNext(tickets, ['cek'], ctx(now, 2))?.number).toBe(first);
  });

  it('starvation counts from when it started waiting at this stage, not its place in line', () => {
    // R001 keeps an early place (effective 0) but only arrived at this stage at minute 12.
    const moved = [ticket('R001', { at: 0, since: 12 }), ticket('P001', { at: 1 })];
    expect(pickNext(moved, ['cek'], ctx(20, 2))?.number).toBe('P001'); // waited 8 min here
    expect(pickNext(moved, ['cek'], ctx(23, 2))?.number).toBe('R001'); // waited 11 min here
  });
});

describe('the streak resets after a regular call', () => {
  it('alternates two priority calls and one regular while regulars starve', () => {
    const tickets = [
      ticket('R001', { at: 0 }),
      ticket('R002', { at: 0.5 }),
      ticket('P001', { at: 1 }),
      ticket('P002', { at: 2 }),
      ticket('P003', { at: 3 }),
      ticket('P004', { at: 4 }),
      ticket('P005', { at: 5 }),
    ];
    expect(order(tickets, ctx(60))).toEqual(['P001', 'P002', 'R001', 'P003', 'P004', 'R002', 'P005']);
  });

  it('no regular starving: priority tickets go first without limit', () => {
    const tickets = [ticket('R001', { at: 10 }), ticket('P001', { at: 11 }), ticket('P002', { at: 12 })];
    expect(order(tickets, ctx(15, 5))).toEqual(['P001', 'P002', 'R001']);
  });
});

describe('order within a lane: effective time, then check-in, then number', () => {
  it('an early arrival does not jump ahead of someone booked earlier', () => {
    // R001 checked in first but was booked for 09:00 (effective 60); R002 is booked for 08:00.
    const tickets = [ticket('R001', { at: 0, effective: 60 }), ticket('R002', { at: 5, effective: 5 })];
    expect(order(tickets, ctx(6))).toEqual(['R002', 'R001']);
  });

  it('equal effective times: earlier check-in first; equal check-ins: lower number first', () => {
    const tickets = [
      ticket('R003', { at: 3, effective: 30 }),
      ticket('R002', { at: 1, effective: 30 }),
      ticket('R004', { at: 1, effective: 30 }),
      ticket('R001', { at: 2, effective: 30 }),
    ];
    expect(order(tickets, ctx(31))).toEqual(['R002', 'R004', 'R001', 'R003']);
  });
});

describe('what is in the order at all', () => {
  it('only waiting tickets at the stages asked for', () => {
    const tickets = [
      ticket('R001', { stage: 'foto' }),
      ticket('R002', { status: 'called' }),
      ticket('R003', { at: 1 }),
      ticket('R004', { at: 2, stage: 'info' }),
    ];
    expect(order(tickets, ctx(3))).toEqual(['R003']);
    expect(order(tickets, ctx(3), ['cek', 'info'])).toEqual(['R003', 'R004']);
    expect(pickNext(tickets, ['bap'], ctx(3))).toBeNull();
  });

  it('a family follows its first member and counts as one call in the priority run', () => {
    const tickets = [
      ticket('R001', { at: 0 }),
      ticket('P001', { at: 1, group: 'fam' }),
      ticket('P002', { at: 1, group: 'fam' }),
      ticket('P003', { at: 1, group: 'fam' }),
      ticket('P004', { at: 2 }),
      ticket('P005', { at: 3 }),
    ];
    // The family is one call (streak 1), P004 the second: then the starving regular.
    expect(order(tickets, ctx(30))).toEqual(['P001', 'P002', 'P003', 'P004', 'R001', 'P005']);
  });

  it('the order does not depend on the order tickets are held in', () => {
    const tickets = [
      ticket('P003', { at: 3 }),
      ticket('R002', { at: 2 }),
      ticket('P001', { at: 1 }),
      ticket('R001', { at: 0 }),
      ticket('P002', { at: 2 }),
    ];
    expect(order(tickets, ctx(5))).toEqual(['P001', 'P002', 'P003', 'R001', 'R002']);
  });

  it('a family member at another stage is not pulled along', () => {
    // R004 (same family) already moved on to foto; R003 has its place before it.
    const tickets = [
      ticket('R001', { at: 0, group: 'fam' }),
      ticket('R003', { at: 0 }),
      ticket('R004', { at: 0, group: 'fam', stage: 'foto' }),
    ];
    expect(order(tickets, ctx(5), ['cek', 'foto'])).toEqual(['R001', 'R003', 'R004']);
  });

  it('people ahead are the index in the stage call order', () => {
    const tickets = [
      ticket('R001', { at: 0 }),
      ticket('P001', { at: 1 }),
      ticket('R002', { at: 2 }),
      ticket('R009', { at: 0, stage: 'foto' }),
    ];
    const ahead = positionsAtStage(tickets, 'cek', ctx(5));
    expect(Object.fromEntries(ahead)).toEqual({ P001: 0, R001: 1, R002: 2 });
  });
});

describe('median', () => {
  it.each([
    [[], 7, 7],
    [[4], 7, 4],
    [[9, 1, 5], 7, 5],
    [[8, 2, 4, 6], 7, 5],
    [[10, 1], 7, 5.5],
  ])('median(%j, fallback %i) = %d', (values, fallback, expected) => {
    expect(median(values, fallback)).toBe(expected);
  });
});

describe('checklistFor: one list for kiosk, ticket and counter', () => {
  const config = {
    checklists: { baru: [{ id: 'e-KTP', en: 'e-KTP' }], anak: [] },
    services: [
      { id: 'info', checklist: [{ id: 'KTP', en: 'ID card' }] },
      { id: 'pickup', checklist: [] },
    ],
  } as unknown as OfficeConfig;
  it.each<[ApplicationType | null, string, string[]]>([
    ['baru', 'info', ['e-KTP']], // a booking: its application type's list, whatever its service
    ['anak', 'info', []],
    [null, 'info', ['KTP']], // a walk-in: its service's list
    [null, 'pickup', []],
    [null, 'unknown', []],
  ])('type %s, service %s → %j', (applicationType, serviceId, expected) => {
    expect(checklistFor(config, { applicationType, serviceId }).map((d) => d.id)).toEqual(expected);
  });
});

describe('withRecentCalls: the recent-calls list', () => {
  const call = (at: number, numbers = [`A${at}`], recall = 0, counterId = 'k1'): CallAnnouncement => ({
    ticketIds: numbers,
    numbers,
    counterId,
    counterNumber: 1,
    recall,
    at,
    spoken: '',
  });
  const ats = (list: CallAnnouncement[]) => list.map((c) => `${c.numbers.join('+')}@${c.at}/${c.recall}`);

  it('newest first; a batch arrives oldest first; at most 8', () => {
    let list = withRecentCalls([], [call(1), call(2)]);
    expect(ats(list)).toEqual(['A2@2/0', 'A1@1/0']);
    for (let i = 3; i <= 12; i++) list = withRecentCalls(list, [call(i)]);
    expect(ats(list)).toEqual([
      'A12@12/0',
      'A11@11/0',
      'A10@10/0',
      'A9@9/0',
      'A8@8/0',
      'A7@7/0',
      'A6@6/0',
      'A5@5/0',
    ]);
  });

  it('a call delivered twice is kept once; a recall or another counter is a new call', () => {
    const list = withRecentCalls([], [call(5)]);
    expect(withRecentCalls(list, [call(5)])).toEqual(list);
    expect(withRecentCalls(list, [call(5)])).not.toBe(list); // a new list, never the old one mutated
    expect(ats(withRecentCalls(list, [call(5, ['A5'], 1)]))).toEqual(['A5@5/1', 'A5@5/0']);
    expect(withRecentCalls(list, [call(5, ['A5'], 0, 'k2')])).toHaveLength(2);
    expect(withRecentCalls(list, [call(5, ['A6'])])).toHaveLength(2);
  });

  it('of calls at the same instant the later one is current', () => {
    expect(ats(withRecentCalls([], [call(5, ['A1']), call(5, ['A2'])]))).toEqual(['A2@5/0', 'A1@5/0']);
  });

  it('a call older than the list (a late delivery) sorts into place', () => {
    expect(ats(withRecentCalls([call(9), call(3)], [call(6)]))).toEqual(['A9@9/0', 'A6@6/0', 'A3@3/0']);
  });
});

describe('compareInLane: the last tie-break is the service', () => {
  it('equal times and numbers: by service id', () => {
    const a = { effectiveAt: 1, checkedInAt: 1, seq: 1, serviceId: 'a' };
    const b = { effectiveAt: 1, checkedInAt: 1, seq: 1, serviceId: 'b' };
    expect([compareInLane(a, b), compareInLane(b, a), compareInLane(a, { ...a })]).toEqual([-1, 1, 0]);
    expect(compareInLane({ ...a, seq: 2 }, { ...b, seq: 3 })).toBe(-1);
    expect(compareInLane({ ...a, seq: 3 }, { ...b, seq: 2 })).toBe(1);
  });
});
