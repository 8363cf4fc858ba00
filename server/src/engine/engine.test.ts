import { AppError } from '@giliran/shared';
import { describe, expect, it } from 'vitest';
import * as engine from './engine.ts';
import { peopleAhead, positionsByTicket } from './projections.ts';
import { EngineHarness } from './test-harness.ts';

const refusal = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  throw new Error('expected a refusal');
};

function openCounter(h: EngineHarness, counterId: string, officer = counterId) {
  return h.run((s, c) => engine.openCounter(s, { counterId, officer }, c));
}
const call = (h: EngineHarness, counterId: string) =>
  h.run((s, c) => engine.callNext(s, counterId, c)).tickets.map((t) => t.number);
const walkIn = (h: EngineHarness, serviceId: string) =>
  h.run((s, c) => engine.walkIn(s, serviceId, c)).tickets[0]!.ticket;
const checkIn = (h: EngineHarness, ...bookings: ReturnType<EngineHarness['booking']>[]) =>
  h.run((s, c) => engine.checkIn(s, bookings, c)).tickets;

describe('numbering', () => {
  it('numbers per service per day from 001, letters from the configuration', () => {
    const h = new EngineHarness();
    expect([
      walkIn(h, 'informasi').number,
      walkIn(h, 'informasi').number,
      walkIn(h, 'pengambilan').number,
    ]).toEqual(['F001', 'F002', 'E001']);
    expect(checkIn(h, h.booking())[0]!.ticket.number).toBe('A001');
  });

  it('continues after a transfer to another service without reusing a number', () => {
    const h = new EngineHarness();
    walkIn(h, 'informasi');
    openCounter(h, 'loket-8');
    call(h, 'loket-8');
    h.run((s, c) => engine.transfer(s, 'loket-8', 'pengambilan', c));
    expect(walkIn(h, 'informasi').number).toBe('F002');
  });
});

describe('check-in (DESIGN §3)', () => {
  it('issues one ticket per booking and gives the same ticket again as a reprint', () => {
    const h = new EngineHarness();
    const b = h.booking();
    const first = checkIn(h, b)[0]!;
    const again = checkIn(h, b)[0]!;
    expect(first.reprint).toBe(false);
    expect(again).toEqual({ ticket: first.ticket, reprint: true });
    expect(h.state.tickets.size).toBe(1);
  });

  it.each([
    ['unpaid', { paymentStatus: 'unpaid' as const }],
    ['cancelled', { paymentStatus: 'cancelled' as const }],
    ['another date', { arrivalDate: '2026-11-29' }],
    ['another office', { officeCode: 'SGR' }],
    ['too early', { windowStart: '10:00', windowEnd: '11:00' }],
  ])('creates nothing for a booking that is %s', (_name, over) => {
    const h = new EngineHarness();
    expect(refusal(() => checkIn(h, h.booking(over)))).toBe('booking_not_eligible');
    expect(h.state.tickets.size).toBe(0);
  });

  it('refuses check-ins and walk-ins outside opening hours (07:30–16:00), creating nothing', () => {
    const h = new EngineHarness('2026-11-28', '07:29');
    expect(refusal(() => walkIn(h, 'informasi'))).toBe('office_closed');
    expect(refusal(() => checkIn(h, h.booking({ windowStart: '07:00', windowEnd: '08:00' })))).toBe(
      'booking_not_eligible',
    );
    h.setTime('16:00');
    expect(refusal(() => walkIn(h, 'informasi'))).toBe('office_closed');
    expect(h.state.tickets.size).toBe(0);
    h.setTime('07:30');
    expect(walkIn(h, 'informasi').number).toBe('F001');
  });

  it('routes a late arrival to Informasi with a note (default policy)', () => {
    const h = new EngineHarness('2026-11-28', '10:00');
    const [t] = checkIn(h, h.booking({ windowStart: '08:00', windowEnd: '09:00' }));
    expect(t!.ticket).toMatchObject({ serviceId: 'informasi', number: 'F001' });
    expect(t!.ticket.note?.id).toMatch(/informasi/);
  });

  it('checks a family in together: consecutive numbers, one group, called together', () => {
    const h = new EngineHarness();
    walkIn(h, 'informasi');
    const fam = [
      h.booking({ accountId: 'FAM' }),
      h.booking({ accountId: 'FAM', applicationType: 'anak' }),
      h.booking({ accountId: 'FAM' }),
    ];
    const tickets = checkIn(h, ...fam).map((x) => x.ticket);
    expect(tickets.map((t) => t.number)).toEqual(['A001', 'A002', 'A003']);
    expect(new Set(tickets.map((t) => t.groupId)).size).toBe(1);
    openCounter(h, 'loket-1');
    expect(call(h, 'loket-1')).toEqual(['A001', 'A002', 'A003']);
  });
});

describe('who is called next (DESIGN §3 — the spec)', () => {
  it('1. calls only tickets waiting at a stage the counter serves', () => {
    const h = new EngineHarness();
    walkIn(h, 'pengambilan');
    openCounter(h, 'loket-1');
    expect(refusal(() => call(h, 'loket-1'))).toBe('queue_empty');
    openCounter(h, 'loket-8');
    expect(call(h, 'loket-8')).toEqual(['E001']);
  });

  it('2. priority first, but at most N in a row while a regular ticket waited longer than M minutes', () => {
    const h = new EngineHarness();
    // policy: priorityRunMax 3, regularMaxWaitMinutes 20
    walkIn(h, 'percepatan'); // D001 regular
    for (let i = 0; i < 6; i++) walkIn(h, 'prioritas'); // B001..B006
    openCounter(h, 'loket-1');
    const order: string[] = [];
    h.advanceMinutes(5); // the regular has waited 5 min: no starvation yet
    for (let i = 0; i < 4; i++) {
      order.push(...call(h, 'loket-1'));
      h.run((s, c) => engine.complete(s, 'loket-1', c));
    }
    expect(order).toEqual(['B001', 'B002', 'B003', 'B004']);
    h.advanceMinutes(20); // now it has waited 25 min and 4 priority calls ran: the regular goes next
    order.push(...call(h, 'loket-1'));
    h.run((s, c) => engine.complete(s, 'loket-1', c));
    order.push(...call(h, 'loket-1'));
    expect(order.slice(4)).toEqual(['D001', 'B005']);
  });

  it('3. booked tickets by max(check-in, window start): an early arrival does not jump ahead', () => {
    const h = new EngineHarness('2026-11-28', '08:10');
    const late = h.booking({ windowStart: '09:00', windowEnd: '10:00' }); // arrives early for 09:00
    const [early] = checkIn(h, late);
    h.setTime('08:20');
    const [onTime] = checkIn(h, h.booking({ windowStart: '08:00', windowEnd: '09:00' }));
    openCounter(h, 'loket-1');
    expect(call(h, 'loket-1')).toEqual([onTime!.ticket.number]);
    expect(early!.ticket.number).toBe('A001');
  });

  it('3. among equal effective times, earlier check-in first', () => {
    const h = new EngineHarness('2026-11-28', '07:30');
    const a = checkIn(h, h.booking({ windowStart: '08:00' }))[0]!.ticket;
    h.setTime('07:40');
    checkIn(h, h.booking({ windowStart: '08:00' }));
    h.setTime('08:05');
    openCounter(h, 'loket-1');
    expect(call(h, 'loket-1')).toEqual([a.number]);
  });

  it('4. a ticket transferred to its next stage keeps its place by original check-in', () => {
    const h = new EngineHarness('2026-11-28', '08:00');
    const first = checkIn(h, h.booking())[0]!.ticket; // A001
    h.advanceMinutes(1);
    checkIn(h, h.booking()); // A002
    openCounter(h, 'loket-1');
    openCounter(h, 'loket-2');
    call(h, 'loket-1'); // A001 at verifikasi
    call(h, 'loket-2'); // A002 at verifikasi
    h.advanceMinutes(5);
    h.run((s, c) => engine.transfer(s, 'loket-2', undefined, c)); // A002 reaches foto first
    h.advanceMinutes(1);
    h.run((s, c) => engine.transfer(s, 'loket-1', undefined, c)); // A001 reaches foto later
    openCounter(h, 'loket-4');
    expect(call(h, 'loket-4')).toEqual([first.number]);
  });

  it('a counter holds at most one call; two counters never get the same ticket', () => {
    const h = new EngineHarness();
    walkIn(h, 'percepatan');
    walkIn(h, 'percepatan');
    openCounter(h, 'loket-1');
    openCounter(h, 'loket-2');
    expect(call(h, 'loket-1')).toEqual(['D001']);
    expect(refusal(() => call(h, 'loket-1'))).toBe('counter_busy');
    expect(call(h, 'loket-2')).toEqual(['D002']);
    expect(refusal(() => call(h, 'loket-3'))).toBe('counter_not_open');
  });
});

describe('ticket lifecycle', () => {
  it('waiting → called → recall → serving → next stage → done, with an audit row each', () => {
    const h = new EngineHarness();
    const t = checkIn(h, h.booking())[0]!.ticket;
    openCounter(h, 'loket-1');
    call(h, 'loket-1');
    const recalled = h.run((s, c) => engine.recall(s, 'loket-1', c));
    expect(recalled.tickets[0]!.recalls).toBe(1);
    h.run((s, c) => engine.start(s, 'loket-1', c));
    h.advanceMinutes(4);
    const moved = h.run((s, c) => engine.transfer(s, 'loket-1', undefined, c)).tickets[0]!;
    expect(moved).toMatchObject({
      status: 'waiting',
      stageId: 'foto',
      counterId: null,
      effectiveAt: t.effectiveAt,
    });
    expect(refusal(() => h.run((s, c) => engine.transfer(s, 'loket-1', undefined, c)))).toBe(
      'no_ticket_held',
    );
    openCounter(h, 'loket-4');
    call(h, 'loket-4');
    expect(refusal(() => h.run((s, c) => engine.transfer(s, 'loket-4', undefined, c)))).toBe('no_next_stage');
    h.run((s, c) => engine.complete(s, 'loket-4', c));
    expect(h.state.tickets.get(t.id)!.status).toBe('done');
    expect(h.state.durations.get('verifikasi')).toEqual([4 * 60_000]);
  });

  it('"Selesai" at a stage that is not the last moves the ticket on, keeping its place', () => {
    const h = new EngineHarness('2026-11-28', '08:00');
    const first = checkIn(h, h.booking())[0]!.ticket; // A001, route verifikasi → foto
    h.advanceMinutes(1);
    const second = checkIn(h, h.booking())[0]!.ticket; // A002
    openCounter(h, 'loket-1');
    openCounter(h, 'loket-2');
    expect(call(h, 'loket-1')).toEqual(['A001']);
    expect(call(h, 'loket-2')).toEqual(['A002']);
    h.run((s, c) => engine.start(s, 'loket-1', c));
    h.advanceMinutes(3);
    h.run((s, c) => engine.complete(s, 'loket-2', c)); // A002 reaches foto first…
    h.advanceMinutes(1);
    const done = h.run((s, c) => engine.complete(s, 'loket-1', c)).tickets[0]!; // …A001 a minute later
    expect(done).toMatchObject({ status: 'waiting', stageId: 'foto', stageIndex: 1, counterId: null });
    expect(h.state.tickets.get(second.id)).toMatchObject({ status: 'waiting', stageId: 'foto' });
    expect(h.state.durations.get('verifikasi')).toEqual([3 * 60_000, 4 * 60_000]);
    openCounter(h, 'loket-4');
    expect(call(h, 'loket-4')).toEqual([first.number]); // its place by original time
    h.run((s, c) => engine.complete(s, 'loket-4', c)); // the last stage: now it is done
    expect(h.state.tickets.get(first.id)!.status).toBe('done');
  });

  it('ending a visit early needs a reason and is recorded as such', () => {
    const h = new EngineHarness('2026-11-28', '08:00');
    const t = checkIn(h, h.booking())[0]!.ticket;
    openCounter(h, 'loket-1');
    call(h, 'loket-1');
    const { changes } = engine.complete(h.state, 'loket-1', h.ctx(), { reason: 'documents_incomplete' });
    expect(changes.tickets).toMatchObject([{ id: t.id, status: 'done', stageId: 'verifikasi' }]);
    expect(changes.audit).toMatchObject([
      { action: 'ticket.completed', detail: { endedEarly: 'documents_incomplete' } },
    ]);
  });

  it('no-show only after the configured recalls; a supervisor can reinstate it the same day', () => {
    const h = new EngineHarness();
    const t = walkIn(h, 'informasi');
    openCounter(h, 'loket-8');
    call(h, 'loket-8');
    expect(refusal(() => h.run((s, c) => engine.noShow(s, 'loket-8', c)))).toBe('no_show_too_early');
    h.run((s, c) => engine.recall(s, 'loket-8', c));
    h.run((s, c) => engine.recall(s, 'loket-8', c));
    h.run((s, c) => engine.noShow(s, 'loket-8', c));
    expect(h.state.tickets.get(t.id)!.status).toBe('no_show');
    expect(h.state.counters.get('loket-8')!.ticketIds).toEqual([]);
    h.run((s, c) => engine.reinstate(s, t.id, c));
    expect(h.state.tickets.get(t.id)!.status).toBe('waiting');
    expect(refusal(() => h.run((s, c) => engine.reinstate(s, t.id, c)))).toBe('invalid_transition');
  });

  it('pause needs empty hands; a paused counter does not call', () => {
    const h = new EngineHarness();
    walkIn(h, 'informasi');
    openCounter(h, 'loket-8');
    call(h, 'loket-8');
    expect(refusal(() => h.run((s, c) => engine.pauseCounter(s, 'loket-8', c)))).toBe('counter_busy');
    h.run((s, c) => engine.complete(s, 'loket-8', c));
    h.run((s, c) => engine.pauseCounter(s, 'loket-8', c));
    walkIn(h, 'informasi');
    expect(refusal(() => call(h, 'loket-8'))).toBe('counter_paused');
    h.run((s, c) => engine.resumeCounter(s, 'loket-8', c));
    expect(call(h, 'loket-8')).toEqual(['F002']);
  });

  it('one officer per counter; an officer moving on closes the free counter left behind', () => {
    const h = new EngineHarness();
    h.run((s, c) => engine.openCounter(s, { counterId: 'loket-1', officer: 'petugas1' }, c));
    expect(
      refusal(() => h.run((s, c) => engine.openCounter(s, { counterId: 'loket-1', officer: 'petugas2' }, c))),
    ).toBe('counter_taken');
    h.run((s, c) => engine.openCounter(s, { counterId: 'loket-2', officer: 'petugas1' }, c));
    expect(h.state.counters.get('loket-1')!.mode).toBe('closed');
    expect(
      refusal(() =>
        h.run((s, c) =>
          engine.openCounter(s, { counterId: 'loket-1', stages: ['foto'], officer: 'petugas3' }, c),
        ),
      ),
    ).toBe('stage_not_served');
  });

  it('an officer holding a ticket cannot move to another counter; the held ticket stays put', () => {
    const h = new EngineHarness();
    walkIn(h, 'percepatan');
    h.run((s, c) => engine.openCounter(s, { counterId: 'loket-1', officer: 'petugas1' }, c));
    call(h, 'loket-1');
    expect(
      refusal(() => h.run((s, c) => engine.openCounter(s, { counterId: 'loket-2', officer: 'petugas1' }, c))),
    ).toBe('counter_busy');
    expect(h.state.counters.get('loket-1')).toMatchObject({ mode: 'open', officer: 'petugas1' });
    expect(h.state.counters.get('loket-1')!.ticketIds).toHaveLength(1);
    expect(h.state.counters.get('loket-2')!.mode).toBe('closed');
  });

  it('a refused command changes nothing', () => {
    const h = new EngineHarness();
    const before = JSON.stringify([...h.state.tickets.values()]);
    const { changes } = (() => {
      try {
        return engine.callNext(h.state, 'loket-1', h.ctx());
      } catch {
        return { changes: null };
      }
    })();
    expect(changes).toBeNull();
    expect(JSON.stringify([...h.state.tickets.values()])).toBe(before);
  });
});

describe('positionsByTicket', () => {
  it('agrees with peopleAhead for every waiting ticket', () => {
    const h = new EngineHarness();
    for (const s of ['percepatan', 'prioritas', 'percepatan', 'informasi', 'prioritas', 'percepatan']) {
      walkIn(h, s);
      h.advanceMinutes(1);
    }
    openCounter(h, 'loket-1');
    call(h, 'loket-1');
    const positions = positionsByTicket(h.state, h.config, h.now);
    for (const t of h.state.tickets.values()) {
      if (t.status === 'waiting') expect(positions.get(t.id)).toBe(peopleAhead(h.state, h.config, t, h.now));
      else expect(positions.has(t.id)).toBe(false);
    }
    expect([...positions.values()].sort()).toEqual([0, 0, 1, 2, 3]);
  });
});
