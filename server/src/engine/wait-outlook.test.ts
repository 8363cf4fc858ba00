import { describe, expect, it } from 'vitest';
import * as engine from './engine.ts';
import { serviceLoads, ticketPrintData, ticketWait, trackUpdate } from './projections.ts';
import { queueOutlook } from './wait-outlook.ts';
import { perApplicantDurations } from './state.ts';
import { EngineHarness } from './test-harness.ts';

const open = (h: EngineHarness, counterId: string) =>
  h.run((s, c) => engine.openCounter(s, { counterId, officer: counterId }, c));
const walkIn = (h: EngineHarness, serviceId: string) =>
  h.run((s, c) => engine.walkIn(s, serviceId, c)).tickets[0]!.ticket;
/** Calls the next applicant to a counter and starts serving them at once. */
const serve = (h: EngineHarness, counterId: string) => {
  h.run((s, c) => engine.callNext(s, counterId, c));
  h.run((s, c) => engine.start(s, counterId, c));
};
const wait = (h: EngineHarness, id: string) =>
  ticketWait(h.state, h.config, h.state.tickets.get(id)!, h.now).estimatedWaitMinutes;
const load = (h: EngineHarness, serviceId: string) =>
  serviceLoads(h.state, h.config, h.now).find((l) => l.serviceId === serviceId);

describe('estimated wait from the queue (one estimator for every audience)', () => {
  it('assumes the configured counters while none is open, then learns the service time', () => {
    const h = new EngineHarness();
    const ids = Array.from({ length: 6 }, () => walkIn(h, 'percepatan').id);
    // Four configured counters serve verifikasi (loket 1–3, and loket 7 with BAP; nothing waits at
    // BAP, so all of it), all free, 6 min default: the first four at once, the 5th and 6th at 6 min.
    expect(ids.map((id) => wait(h, id))).toEqual([0, 0, 0, 0, 6, 6]);
    open(h, 'loket-1');
    serve(h, 'loket-1');
    h.advanceMinutes(10);
    h.run((s, c) => engine.complete(s, 'loket-1', c));
    // One counter, free; typical time (10 + 3 × 6 default) / 4 = 7 min. The last has 4 ahead: 4 × 7.
    expect(wait(h, ids[5]!)).toBe(28);
    // D001 moved on to the photo stage (free counters there): the service's longest wait is D006's.
    expect(wait(h, ids[0]!)).toBe(0);
    expect(load(h, 'percepatan')).toEqual({ serviceId: 'percepatan', waiting: 6, estimatedWaitMinutes: 28 });
  });

  it('the printed ticket, the phone and the board give the same minutes for the same ticket', () => {
    const h = new EngineHarness();
    open(h, 'loket-1');
    open(h, 'loket-2');
    walkIn(h, 'percepatan');
    walkIn(h, 'percepatan');
    walkIn(h, 'percepatan');
    serve(h, 'loket-1'); // D001 from 08:00
    h.advanceMinutes(3);
    serve(h, 'loket-2'); // D002 from 08:03
    h.advanceMinutes(1);
    const d4 = walkIn(h, 'percepatan');
    // At 08:04 loket 1 is free in 6 − 4 = 2 min, loket 2 in 6 − 1 = 5. D003 goes at 2, D004 at 5.
    const printed = ticketPrintData(h.state, h.config, d4, {
      reprint: false,
      trackingBaseUrl: 'http://giliran.local',
      lang: 'id',
      now: h.now,
    });
    expect([printed.peopleAhead, printed.estimatedWaitMinutes]).toEqual([1, 5]);
    const phone = trackUpdate(h.state, h.config, d4, h.now);
    expect([phone.peopleAhead, phone.estimatedWaitMinutes]).toEqual([1, 5]);
    expect(load(h, 'percepatan')).toEqual({ serviceId: 'percepatan', waiting: 2, estimatedWaitMinutes: 5 });
    // Booked applicants start at the same stage, but none waits: no wait shown for them.
    expect(load(h, 'mpaspor')).toEqual({ serviceId: 'mpaspor', waiting: 0, estimatedWaitMinutes: 0 });
  });

  it('a counter serving two stages first calls whoever there comes before the ticket', () => {
    const h = new EngineHarness();
    open(h, 'loket-8'); // pengambilan + informasi
    walkIn(h, 'informasi');
    serve(h, 'loket-8'); // F001, 5 min by default, from 08:00
    h.advanceMinutes(1);
    const f2 = walkIn(h, 'informasi');
    h.advanceMinutes(1);
    const e1 = walkIn(h, 'pengambilan');
    // 08:02: loket 8 is free in 5 − 2 = 3 min. F002 (08:01) is next there: 3 min. E001 (08:02)
    // comes after F002 on the same counter: 3 + 5 = 8 min.
    expect(wait(h, f2.id)).toBe(3);
    expect(wait(h, e1.id)).toBe(8);
  });

  it('a family is called together: its own members ahead do not add to its wait', () => {
    const h = new EngineHarness();
    open(h, 'loket-1');
    walkIn(h, 'percepatan');
    serve(h, 'loket-1'); // busy until 08:06
    walkIn(h, 'percepatan'); // D002 waits
    h.advanceMinutes(1);
    const family = h.run((s, c) =>
      engine.checkIn(s, [h.booking({ accountId: 'FAM' }), h.booking({ accountId: 'FAM' })], c),
    ).tickets;
    // 08:01: D002 goes in 5 min, the family together 6 min later, though its second member has the
    // first ahead of it.
    expect(family.map((t) => wait(h, t.ticket.id))).toEqual([11, 11]);
  });

  it('a counter called but not yet serving counts from the call', () => {
    const h = new EngineHarness();
    open(h, 'loket-1');
    walkIn(h, 'percepatan');
    h.run((s, c) => engine.callNext(s, 'loket-1', c)); // called at 08:00, not started
    h.advanceMinutes(2);
    const d2 = walkIn(h, 'percepatan');
    expect(wait(h, d2.id)).toBe(4);
  });
});

describe('the queue as the estimator sees it', () => {
  it('people joined lately on their own time, per first stage: neither early arrivals nor older ones', () => {
    const h = new EngineHarness('2026-11-28', '07:35');
    walkIn(h, 'percepatan'); // 07:35: more than 30 minutes before 08:10
    h.setTime('07:50');
    h.run((s, c) => engine.checkIn(s, [h.booking({ windowStart: '08:30', windowEnd: '09:30' })], c)); // early
    h.setTime('08:00');
    open(h, 'loket-1');
    walkIn(h, 'percepatan');
    serve(h, 'loket-1'); // D001 (07:35) first; then D002 (08:00) moves on to photo:
    h.run((s, c) => engine.complete(s, 'loket-1', c));
    serve(h, 'loket-1');
    h.run((s, c) => engine.complete(s, 'loket-1', c));
    h.setTime('08:05');
    walkIn(h, 'prioritas');
    walkIn(h, 'informasi');
    h.setTime('08:10');
    walkIn(h, 'percepatan');
    const o = queueOutlook(h.state, h.config, h.now);
    // Verification: D002 (now at photo), B001, D003 — 3 in 30 min, one of them priority.
    expect(o.stages.get('verifikasi')?.joinPerMinute).toBeCloseTo(3 / 30, 10);
    expect(o.stages.get('verifikasi')?.priorityJoinPerMinute).toBeCloseTo(1 / 30, 10);
    expect(o.stages.get('informasi')?.joinPerMinute).toBeCloseTo(1 / 30, 10);
    expect(o.stages.get('foto')?.joinPerMinute).toBe(0);
  });

  it('an early arrival lets those checking in on their own time go first, until its window opens', () => {
    const h = new EngineHarness('2026-11-28', '07:40');
    walkIn(h, 'percepatan'); // 07:40
    h.setTime('07:45');
    walkIn(h, 'percepatan');
    h.setTime('07:50');
    walkIn(h, 'percepatan');
    open(h, 'loket-1');
    serve(h, 'loket-1'); // D001, free again at 07:56
    const [early] = h.run((s, c) =>
      engine.checkIn(s, [h.booking({ windowStart: '08:00', windowEnd: '09:00' })], c),
    ).tickets;
    // Two ahead (D002, D003); 3 joined in 30 min on their own time, an early arrival counts half:
    // 0.05/min for the 10 minutes until 08:00. Moments 6, 12, 18…: t = 6 × (3 + 0.05 × 10) = 21.
    expect(wait(h, early!.ticket.id)).toBe(21);
  });

  it('a counter shared with another stage first takes its part of who comes before there', () => {
    const h = new EngineHarness('2026-11-28', '07:50');
    h.run((s, c) => engine.checkIn(s, [h.booking({ windowStart: '08:30', windowEnd: '09:30' })], c)); // key 08:30
    h.setTime('08:00');
    walkIn(h, 'percepatan'); // key 08:00
    h.setTime('08:05');
    walkIn(h, 'percepatan'); // key 08:05
    const bap = walkIn(h, 'bap'); // key 08:05, at BAP, served only by loket 7 (BAP + verification)
    open(h, 'loket-1');
    open(h, 'loket-7');
    // Loket 7 splits by waiting work: verification 3 × 6 = 18, BAP 15; of verification's calls it
    // makes (18/33) / (1 + 18/33) = 0.353. Before C001 at verification: only D001 (08:00; 08:05 is
    // not before 08:05, 08:30 is after): 1 × 0.353 × 6 min = 2.1 → 2.
    expect(wait(h, bap.id)).toBe(2);
  });
});

describe('service durations per applicant (what the estimate learns from)', () => {
  it('a family served together shares its service time, live and when rebuilt from the audit log', () => {
    const h = new EngineHarness();
    open(h, 'loket-1');
    h.run((s, c) => engine.checkIn(s, [h.booking({ accountId: 'FAM' }), h.booking({ accountId: 'FAM' })], c));
    serve(h, 'loket-1');
    h.advanceMinutes(12);
    const { changes } = engine.transfer(h.state, 'loket-1', undefined, h.ctx());
    // 12 minutes for two applicants: 6 each; the audit log keeps the whole 12 per ticket.
    expect(changes.durations).toEqual([
      ['verifikasi', 6 * 60_000],
      ['verifikasi', 6 * 60_000],
    ]);
    expect(changes.audit.map((a) => a.durationMs)).toEqual([12 * 60_000, 12 * 60_000]);
    const rows = changes.audit.map((a) => ({
      stageId: a.stageId as string,
      durationMs: a.durationMs as number,
      at: a.at,
      counterId: a.counterId,
    }));
    const single = { stageId: 'foto', durationMs: 8 * 60_000, at: h.now + 1, counterId: 'loket-4' };
    expect(perApplicantDurations([...rows, single])).toEqual([
      ['verifikasi', 6 * 60_000],
      ['verifikasi', 6 * 60_000],
      ['foto', 8 * 60_000],
    ]);
  });
});
