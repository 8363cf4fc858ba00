import { localToInstant } from '@giliran/shared';
import { describe, expect, it } from 'vitest';
import * as engine from './engine.ts';
import {
  counterQueue,
  peopleAhead,
  positionsByTicket,
  ticketPrintData,
  toPublicTicket,
  toStaffTicket,
  trackUpdate,
  visibleTickets,
} from './projections.ts';
import { TEST_CONFIG } from './test-config.ts';
import { EngineHarness } from './test-harness.ts';

/** What each audience sees of the queue, on the small test office. Every expectation written out. */
const at = (time: string) => localToInstant('2026-11-28', time, 'Asia/Makassar');

function dayWithABookingAndWalkIns() {
  const h = new EngineHarness('2026-11-28', '09:00', TEST_CONFIG);
  const b = h.booking({ windowStart: '09:00', windowEnd: '10:00', fullName: 'Ni Luh Ariani' });
  const booked = h.run((s, c) => engine.checkIn(s, [b], c)).tickets[0]!.ticket; // A001
  h.advanceMinutes(1);
  const w1 = h.run((s, c) => engine.walkIn(s, 'wk', c)).tickets[0]!.ticket; // W001
  const p1 = h.run((s, c) => engine.walkIn(s, 'pr', c)).tickets[0]!.ticket; // P001
  return { h, b, booked, w1, p1 };
}

describe('projections per audience', () => {
  it('a public ticket has exactly these fields: no name, booking code, window or tracking token', () => {
    const { booked } = dayWithABookingAndWalkIns();
    expect(toPublicTicket(booked)).toEqual({
      id: booked.id,
      number: 'A001',
      serviceId: 'bk',
      stageId: 'cek',
      status: 'waiting',
      priority: false,
      groupId: null,
      counterId: null,
      calledAt: null,
      recalls: 0,
      waitingSince: at('09:00'),
    });
  });

  it('a staff ticket adds the booking, and the holder only when this viewer may see it', () => {
    const { h, booked, b } = dayWithABookingAndWalkIns();
    const staff = toStaffTicket(h.state, booked);
    expect(staff).toMatchObject({
      bookingCode: b.code,
      applicationType: 'baru',
      checkedInAt: at('09:00'),
      windowStart: at('09:00'),
      windowEnd: at('10:00'),
      servingSince: null,
      note: null,
      holder: { fullName: 'Ni Luh Ariani', maskedNik: '5171********0001', birthDate: '1990-08-05' },
    });
    expect(toStaffTicket(h.state, booked, false).holder).toBeNull();
  });

  it('screens get every unfinished ticket, and finished ones of the last hour only', () => {
    const { h, w1 } = dayWithABookingAndWalkIns();
    h.run((s, c) => engine.openCounter(s, { counterId: 'k1', officer: 'ani' }, c));
    h.run((s, c) => engine.callNext(s, 'k1', c)); // P001
    h.run((s, c) => engine.complete(s, 'k1', c, { reason: 'withdrawn' })); // P001 done
    const numbers = (now: number) =>
      visibleTickets(h.state, now)
        .map((t) => t.number)
        .sort();
    expect(numbers(at('09:30'))).toEqual(['A001', 'P001', 'W001']);
    // P001 waited since 09:01: an hour later it drops off; the waiting ones stay all day.
    expect(numbers(at('10:00'))).toEqual(['A001', 'P001', 'W001']);
    expect(numbers(at('10:01'))).toEqual(['A001', 'W001']);
    expect(w1.status).toBe('waiting');
  });

  it("a counter's queue: its call order, holders for what it holds and the next three", () => {
    const { h, booked } = dayWithABookingAndWalkIns();
    for (let i = 0; i < 4; i++) h.run((s, c) => engine.walkIn(s, 'wk', c)); // W002–W005
    h.run((s, c) => engine.openCounter(s, { counterId: 'k1', officer: 'ani' }, c));
    const k1 = () => h.state.counters.get('k1')!;
    const numbers = (ids: string[]) => ids.map((id) => h.state.tickets.get(id)!.number);
    const q = counterQueue(h.state, TEST_CONFIG, k1(), h.now);
    expect(numbers(q.ticketIds)).toEqual(['P001', 'A001', 'W001', 'W002', 'W003', 'W004', 'W005']);
    expect([q.counterId, q.total]).toEqual(['k1', 7]);
    expect(Object.keys(q.holders)).toEqual([booked.id]); // A001 is second in line
    h.run((s, c) => engine.callNext(s, 'k1', c)); // P001
    h.run((s, c) => engine.complete(s, 'k1', c)); // → foto
    h.run((s, c) => engine.callNext(s, 'k1', c)); // A001 held
    const held = counterQueue(h.state, TEST_CONFIG, k1(), h.now);
    expect(numbers(held.ticketIds)).toEqual(['W001', 'W002', 'W003', 'W004', 'W005']);
    expect(Object.keys(held.holders)).toEqual([booked.id]);
    // Far down the line a booked applicant's name is not sent.
    const h2 = new EngineHarness('2026-11-28', '09:00', TEST_CONFIG);
    for (let i = 0; i < 3; i++) h2.run((s, c) => engine.walkIn(s, 'wk', c));
    h2.advanceMinutes(1);
    h2.run((s, c) => engine.checkIn(s, [h2.booking({ windowStart: '09:00', windowEnd: '10:00' })], c));
    h2.run((s, c) => engine.openCounter(s, { counterId: 'k1', officer: 'ani' }, c));
    const far = counterQueue(h2.state, TEST_CONFIG, h2.state.counters.get('k1')!, h2.now);
    expect([far.total, Object.keys(far.holders).length]).toEqual([4, 0]);
  });

  it('people ahead follow the call order of the stage, for one ticket and for all at once', () => {
    const { h, booked, w1, p1 } = dayWithABookingAndWalkIns();
    expect([p1, booked, w1].map((t) => peopleAhead(h.state, TEST_CONFIG, t, h.now))).toEqual([0, 1, 2]);
    const all = positionsByTicket(h.state, TEST_CONFIG, h.now);
    expect(Object.fromEntries([...all].map(([id, n]) => [h.state.tickets.get(id)!.number, n]))).toEqual({
      P001: 0,
      A001: 1,
      W001: 2,
    });
    h.run((s, c) => engine.openCounter(s, { counterId: 'k1', officer: 'ani' }, c));
    h.run((s, c) => engine.callNext(s, 'k1', c));
    expect(peopleAhead(h.state, TEST_CONFIG, h.state.tickets.get(p1.id)!, h.now)).toBe(0); // called
  });

  it('the phone: number, stage, counter while called or served, the office time zone', () => {
    const { h, w1, p1 } = dayWithABookingAndWalkIns();
    const waiting = trackUpdate(h.state, TEST_CONFIG, w1, h.now);
    expect(waiting).toMatchObject({
      number: 'W001',
      status: 'waiting',
      serviceName: { id: 'Langsung', en: 'Walk-in' },
      stageName: { id: 'Cek berkas', en: 'Check' },
      peopleAhead: 2,
      counterNumber: null,
      recalls: 0,
      at: h.now,
      timeZone: 'Asia/Makassar',
    });
    h.run((s, c) => engine.openCounter(s, { counterId: 'k2', officer: 'ani' }, c));
    h.run((s, c) => engine.callNext(s, 'k2', c));
    const called = trackUpdate(h.state, TEST_CONFIG, h.state.tickets.get(p1.id)!, h.now);
    expect([called.status, called.counterNumber, called.peopleAhead, called.estimatedWaitMinutes]).toEqual([
      'called',
      2,
      0,
      0,
    ]);
    h.run((s, c) => engine.start(s, 'k2', c));
    expect(trackUpdate(h.state, TEST_CONFIG, h.state.tickets.get(p1.id)!, h.now).counterNumber).toBe(2);
    h.run((s, c) => engine.complete(s, 'k2', c, { reason: 'withdrawn' }));
    expect(trackUpdate(h.state, TEST_CONFIG, h.state.tickets.get(p1.id)!, h.now)).toMatchObject({
      status: 'done',
      counterNumber: null,
    });
  });

  it('the printed ticket: local times, the window, the one checklist, a masked name, the tracking link', () => {
    const { h, booked, w1 } = dayWithABookingAndWalkIns();
    const print = ticketPrintData(h.state, TEST_CONFIG, booked, {
      reprint: true,
      trackingBaseUrl: 'http://10.0.0.5:8080/',
      lang: 'en',
      now: h.now,
    });
    expect(print).toMatchObject({
      officeName: 'Kantor Uji',
      number: 'A001',
      serviceName: { id: 'Booking', en: 'Booking' },
      stageName: { id: 'Cek berkas', en: 'Check' },
      localDate: '2026-11-28',
      localTime: '09:00',
      peopleAhead: 1,
      bookedWindow: { start: '09:00', end: '10:00' },
      checklist: [{ id: 'e-KTP asli', en: 'Original e-KTP' }],
      trackingUrl: `http://10.0.0.5:8080/t/${booked.trackToken}`,
      reprint: true,
      note: null,
      lang: 'en',
    });
    expect(print.maskedName).not.toContain('Ariani');
    expect(print.maskedName).toMatch(/^N/);
    const walk = ticketPrintData(h.state, TEST_CONFIG, w1, {
      reprint: false,
      trackingBaseUrl: 'http://x',
      lang: 'id',
      now: h.now,
    });
    expect([walk.bookedWindow, walk.maskedName, walk.checklist, walk.trackingUrl]).toEqual([
      null,
      null,
      [],
      `http://x/t/${w1.trackToken}`,
    ]);
  });

  it('a called or served ticket stays on the screens however long ago it was issued', () => {
    const { h, p1 } = dayWithABookingAndWalkIns();
    h.setTime('11:00');
    h.run((s, c) => engine.openCounter(s, { counterId: 'k1', officer: 'ani' }, c));
    h.run((s, c) => engine.callNext(s, 'k1', c)); // P001, issued at 09:01
    expect(h.state.tickets.get(p1.id)!.status).toBe('called');
    const visible = (now: number) => visibleTickets(h.state, now).some((t) => t.id === p1.id);
    expect(visible(at('11:30'))).toBe(true);
    h.run((s, c) => engine.start(s, 'k1', c));
    expect(h.state.tickets.get(p1.id)!.status).toBe('serving');
    expect(visible(at('12:00'))).toBe(true);
  });

  it("a counter's queue lists the first 50 in call order and counts them all", () => {
    const h = new EngineHarness('2026-11-28', '09:00', TEST_CONFIG);
    for (let i = 0; i < 55; i++) h.run((s, c) => engine.walkIn(s, 'wk', c));
    h.run((s, c) => engine.openCounter(s, { counterId: 'k1', officer: 'ani' }, c));
    const q = counterQueue(h.state, TEST_CONFIG, h.state.counters.get('k1')!, h.now);
    expect(q.total).toBe(55);
    expect(q.ticketIds.length).toBe(50);
    expect(h.state.tickets.get(q.ticketIds[49]!)!.number).toBe('W050');
  });
});
