import { describe, expect, it } from 'vitest';
import { officeConfigSchema, type OfficeConfig } from './config.ts';
import type { CounterState } from './domain.ts';
import { evaluateAlarms, type AlarmTicket } from './service-levels.ts';
import { localToInstant } from './time.ts';

/**
 * A small office of its own (WITA): stages cek and foto, a same-day service "cepat", limits of
 * 45 min (cek) / 30 min (foto), priority 15 min at both, a plan of 2 cek counters and 1 foto counter
 * from 08:00 (1 cek counter at 12:00), same-day cut-off 13:00 warned 30 min before.
 */
const CONFIG: OfficeConfig = officeConfigSchema.parse({
  office: { code: 'TST', name: 'Uji', timeZone: 'Asia/Makassar', openTime: '07:30', closeTime: '16:00' },
  stages: [
    { id: 'cek', name: { id: 'Cek', en: 'Check' }, defaultServiceMinutes: 5 },
    { id: 'foto', name: { id: 'Foto', en: 'Photo' }, defaultServiceMinutes: 5 },
  ],
  services: [
    {
      id: 'bk',
      letter: 'A',
      name: { id: 'B', en: 'B' },
      kind: 'booking',
      priority: false,
      route: ['cek', 'foto'],
    },
    {
      id: 'pr',
      letter: 'B',
      name: { id: 'P', en: 'P' },
      kind: 'walkin',
      priority: true,
      route: ['cek', 'foto'],
    },
    {
      id: 'cepat',
      letter: 'D',
      name: { id: 'C', en: 'C' },
      kind: 'walkin',
      priority: false,
      route: ['cek', 'foto'],
    },
  ],
  counters: [
    { id: 'k1', number: 1, stages: ['cek'] },
    { id: 'k2', number: 2, stages: ['cek'] },
    { id: 'k3', number: 3, stages: ['foto'] },
  ],
  checklists: { baru: [], penggantian: [], hilang: [], rusak: [], anak: [], umrah: [] },
  policy: {
    priorityRunMax: 2,
    regularMaxWaitMinutes: 10,
    earlyMarginMinutes: 30,
    lateGraceMinutes: 15,
    lateArrival: { action: 'accept' },
    noShowAfterRecalls: 1,
    retentionDays: 30,
    rateLimits: {
      nikLookupsPerKiosk: { max: 10, perSeconds: 60 },
      bookingCodeLookupsPerKiosk: { max: 20, perSeconds: 60 },
      ticketsPerKiosk: { max: 20, perSeconds: 60 },
      staffCallsPerDevice: { max: 5, perSeconds: 60 },
      loginFailuresPerUser: { max: 5, perSeconds: 300 },
      loginFailuresPerAddress: { max: 10, perSeconds: 300 },
      loginFailuresPerOffice: { max: 30, perSeconds: 60 },
      pairingFailuresPerAddress: { max: 5, perSeconds: 60 },
      pairingFailuresPerOffice: { max: 20, perSeconds: 60 },
      pairingCodeMaxFailures: 10,
    },
    qrBookingCodePattern: '([A-Z0-9]{6,20})',
    kioskIdleSeconds: 60,
  },
  alarms: {
    stages: {
      cek: { maxWaitMinutes: 45, maxPriorityWaitMinutes: 15 },
      foto: { maxWaitMinutes: 30, maxPriorityWaitMinutes: 15 },
    },
    counterPlan: { startHour: 8, stages: { cek: [2, 2, 2, 2, 1], foto: [1] }, graceMinutes: 10 },
    sameDay: { serviceIds: ['cepat'], cutoff: '13:00', warnBeforeMinutes: 30 },
  },
});

const DAY = '2026-11-30';
const at = (hhmm: string) => localToInstant(DAY, hhmm, 'Asia/Makassar');

const waiting = (
  number: string,
  stageId: string,
  since: string,
  over: Partial<AlarmTicket> = {},
): AlarmTicket => ({
  number,
  stageId,
  serviceId: 'bk',
  priority: false,
  waitingSince: at(since),
  effectiveAt: at(since),
  ...over,
});

const counter = (counterId: string, stages: string[], mode: CounterState['mode']): CounterState => ({
  counterId,
  stages,
  mode,
  officer: mode === 'closed' ? null : 'petugas',
  ticketIds: [],
});

/** The plan met at 10:00 (k1, k2 on cek; k3 on foto), so the cases below show one rule each. */
const STAFFED = [
  counter('k1', ['cek'], 'open'),
  counter('k2', ['cek'], 'open'),
  counter('k3', ['foto'], 'open'),
];

/** Each case: the floor at a time, and exactly the alarms expected (key value/limit [numbers] grace). */
const CASES: {
  name: string;
  now: string;
  tickets: AlarmTicket[];
  counters?: CounterState[];
  expected: string[];
}[] = [
  { name: 'a quiet floor', now: '10:00', tickets: [waiting('A001', 'cek', '09:30')], expected: [] },
  {
    name: 'waited exactly 45 min: not yet over the limit',
    now: '10:15',
    tickets: [waiting('A001', 'cek', '09:30')],
    expected: [],
  },
  {
    name: 'over 45 at cek: wait_long with the longest wait, the over-limit numbers longest first',
    now: '10:16',
    // A002 has waited exactly 45 min (not over), A003 16 min.
    tickets: [
      waiting('A002', 'cek', '09:31'),
      waiting('A001', 'cek', '09:30'),
      waiting('A003', 'cek', '10:00'),
      waiting('A000', 'cek', '09:20'),
    ],
    expected: ['wait_long:cek 56/45 [A000,A001] 0'],
  },
  {
    name: 'foto has its own, lower limit',
    now: '10:31',
    tickets: [waiting('A001', 'foto', '10:00'), waiting('A002', 'cek', '10:00')],
    expected: ['wait_long:foto 31/30 [A001] 0'],
  },
  {
    name: 'a priority applicant over 15 min (and a regular one at the same time is not)',
    now: '10:16',
    tickets: [
      waiting('B001', 'cek', '10:00', { priority: true, serviceId: 'pr' }),
      waiting('A001', 'cek', '10:00'),
    ],
    expected: ['priority_wait:cek 16/15 [B001] 0'],
  },
  {
    name: 'an early booked arrival waits from its window start, not its check-in',
    now: '10:50',
    tickets: [waiting('A001', 'cek', '09:00', { effectiveAt: at('10:00') })],
    expected: ['wait_long:cek 50/45 [A001] 0'],
  },
  {
    name: 'an early arrival inside the limit counted from its window: no alarm',
    now: '10:40',
    tickets: [waiting('A001', 'cek', '09:00', { effectiveAt: at('10:00') })],
    expected: [],
  },
  {
    name: 'counters below plan: one cek counter closed, the other paused (paused counts as open)',
    now: '10:00',
    tickets: [],
    counters: [
      counter('k1', ['cek'], 'closed'),
      counter('k2', ['cek'], 'paused'),
      counter('k3', ['foto'], 'open'),
    ],
    expected: ['counters_below_plan:cek 1/2 [] 600000'],
  },
  {
    name: 'the plan changes at 12:00 (1 cek counter) and foto has no plan after 08:00–09:00',
    now: '12:00',
    tickets: [],
    counters: [
      counter('k1', ['cek'], 'open'),
      counter('k2', ['cek'], 'closed'),
      counter('k3', ['foto'], 'closed'),
    ],
    expected: [],
  },
  {
    name: 'before the plan starts nothing is expected',
    now: '07:45',
    tickets: [],
    counters: [],
    expected: [],
  },
  {
    name: 'foto planned at 08:00 with every counter closed',
    now: '08:05',
    tickets: [],
    counters: [
      counter('k1', ['cek'], 'open'),
      counter('k2', ['cek'], 'open'),
      counter('k3', ['foto'], 'closed'),
    ],
    expected: ['counters_below_plan:foto 0/1 [] 600000'],
  },
  {
    name: 'same-day tickets waiting before the warning window: nothing',
    now: '12:29',
    tickets: [waiting('D001', 'cek', '12:20', { serviceId: 'cepat' })],
    expected: [],
  },
  {
    name: 'same-day tickets waiting 30 min before the cut-off: near, per stage, with counts',
    now: '12:30',
    tickets: [
      waiting('D002', 'foto', '12:25', { serviceId: 'cepat' }),
      waiting('D001', 'cek', '12:20', { serviceId: 'cepat' }),
      waiting('D003', 'cek', '12:28', { serviceId: 'cepat' }),
      waiting('A009', 'cek', '12:00'),
    ],
    expected: ['same_day_near:cek 2/780 [D001,D003] 0', 'same_day_near:foto 1/780 [D002] 0'],
  },
  {
    name: 'after the cut-off: passed (and a same-day ticket waiting too long is also a long wait)',
    now: '13:10',
    tickets: [waiting('D001', 'cek', '12:20', { serviceId: 'cepat' })],
    expected: ['same_day_passed:cek 1/780 [D001] 0', 'wait_long:cek 50/45 [D001] 0'],
  },
  {
    name: 'at most five ticket numbers',
    now: '11:00',
    tickets: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6'].map((n, i) => waiting(n, 'cek', `09:0${i}`)),
    expected: ['wait_long:cek 120/45 [A1,A2,A3,A4,A5] 0'],
  },
];

describe('service-level alarms (evaluateAlarms)', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const got = evaluateAlarms({
        config: CONFIG,
        now: at(c.now),
        waiting: c.tickets,
        counters: c.counters ?? STAFFED,
      }).map((a) => `${a.key} ${a.value}/${a.limit} [${a.ticketNumbers.join(',')}] ${a.graceMs}`);
      expect(got).toEqual(c.expected);
    });
  }

  it('raises nothing without an alarms section', () => {
    const { alarms: _none, ...plain } = CONFIG;
    expect(
      evaluateAlarms({
        config: plain,
        now: at('13:30'),
        waiting: [waiting('A1', 'cek', '08:00')],
        counters: [],
      }),
    ).toEqual([]);
  });
});
