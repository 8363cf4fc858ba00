import { AppError, localToInstant } from '@giliran/shared';
import { describe, expect, it } from 'vitest';
import * as engine from './engine.ts';
import type { Changes } from './state.ts';
import { TEST_CONFIG } from './test-config.ts';
import { EngineHarness } from './test-harness.ts';

/**
 * What each engine command records, on the small test office (TEST_CONFIG): the audit row (the
 * source of every statistic and of "who did what, where, when"), the announcement, the counter and
 * the refusal's parameters. Every expectation is written out.
 */
const DAY = '2026-11-28';
const at = (time: string) => localToInstant(DAY, time, 'Asia/Makassar');
const MIN = 60_000;

function office(time = '09:00') {
  return new EngineHarness(DAY, time, TEST_CONFIG);
}

/** `action number counter stage duration detail`, one line per audit row. */
function audit(ch: Changes): string[] {
  return ch.audit.map((a) =>
    [
      a.action,
      a.ticketNumber ?? '-',
      a.counterId ?? '-',
      a.stageId ?? '-',
      a.durationMs === null ? '-' : `${a.durationMs / MIN}m`,
      a.detail ? JSON.stringify(a.detail) : '-',
    ].join(' '),
  );
}

function refusal(fn: () => unknown): { code: string; params: Record<string, unknown> } {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, params: { ...e.params } };
    throw e;
  }
  throw new Error('expected a refusal');
}

/** Runs a command, applies it, and returns its changes. */
function step<R>(h: EngineHarness, cmd: (s: typeof h.state, c: engine.EngineContext) => engine.Outcome<R>) {
  const out = cmd(h.state, h.ctx('officer:uji'));
  h.run(() => out);
  return out;
}

const open = (h: EngineHarness, counterId: string, officer = `p-${counterId}`, stages?: string[]) =>
  step(h, (s, c) => engine.openCounter(s, { counterId, officer, stages }, c));

describe('issuing tickets', () => {
  it('a booking: its window, application type, holder, and an effective time of max(now, window start)', () => {
    const h = office('08:40');
    const early = h.booking({ windowStart: '09:00', windowEnd: '10:00', applicationType: 'penggantian' });
    const out = step(h, (s, c) => engine.checkIn(s, [early], c));
    const t = out.result.tickets[0]!.ticket;
    expect(t).toMatchObject({
      number: 'A001',
      serviceId: 'bk',
      stageId: 'cek',
      stageIndex: 0,
      status: 'waiting',
      priority: false,
      groupId: null,
      applicationType: 'penggantian',
      bookingCode: early.code,
      checkedInAt: at('08:40'),
      effectiveAt: at('09:00'), // early: waits for its window
      windowStart: at('09:00'),
      windowEnd: at('10:00'),
      note: null,
    });
    expect(out.changes.holders).toEqual([
      [t.id, { fullName: 'Ni Luh Ariani', maskedNik: '5171********0001', birthDate: '1990-08-05' }],
    ]);
    expect(audit(out.changes)).toEqual([
      `ticket.issued A001 - cek - {"bookingCode":"${early.code}","groupId":null}`,
    ]);

    h.setTime('09:20'); // inside its window: effective time is the check-in
    const inWindow = h.booking({ windowStart: '09:00', windowEnd: '10:00' });
    const onTime = step(h, (s, c) => engine.checkIn(s, [inWindow], c)).result.tickets[0]!.ticket;
    expect([onTime.number, onTime.effectiveAt]).toEqual(['A002', at('09:20')]);
  });

  it('a late booking goes to the late-arrival service with a note; a reprint records itself', () => {
    const h = office('10:30');
    const late = h.booking({ windowStart: '09:00', windowEnd: '10:00' }); // grace 15 min has passed
    const out = step(h, (s, c) => engine.checkIn(s, [late], c));
    expect(out.result.tickets[0]!.ticket).toMatchObject({
      number: 'I001',
      serviceId: 'in',
      effectiveAt: at('10:30'),
      note: { id: 'Datang setelah jadwal; silakan ke loket informasi.' },
    });
    const again = step(h, (s, c) => engine.checkIn(s, [late], c));
    expect(again.result.tickets.map((x) => x.reprint)).toEqual([true]);
    expect(again.changes.tickets).toEqual([]);
    expect(audit(again.changes)).toEqual(['ticket.reprinted I001 - info - -']);
  });

  it('refuses an ineligible booking naming it and why', () => {
    const h = office();
    const b = h.booking({ paymentStatus: 'unpaid' });
    expect(refusal(() => engine.checkIn(h.state, [b], h.ctx()))).toEqual({
      code: 'booking_not_eligible',
      params: { code: b.code, reason: 'unpaid' },
    });
  });

  it('a family: one group, consecutive numbers, one place in line (the earliest window)', () => {
    const h = office('08:45');
    const fam = [
      h.booking({ accountId: 'F', windowStart: '10:00', windowEnd: '11:00', applicationType: 'baru' }),
      h.booking({ accountId: 'F', windowStart: '09:00', windowEnd: '10:00', applicationType: 'anak' }),
    ];
    // 08:45 is inside 09:00's early margin (30 min) but too early for 10:00…
    expect(refusal(() => engine.checkIn(h.state, fam, h.ctx())).code).toBe('booking_not_eligible');
    h.setTime('09:35');
    const out = step(h, (s, c) => engine.checkIn(s, fam, c));
    const [a, b] = out.result.tickets.map((x) => x.ticket);
    expect([a!.number, b!.number]).toEqual(['A001', 'A002']);
    expect(a!.groupId).not.toBeNull();
    expect(b!.groupId).toBe(a!.groupId);
    expect([a!.effectiveAt, b!.effectiveAt]).toEqual([at('09:35'), at('09:35')]);
    // alone, A001 would have waited for its 10:00 window
  });

  it('a walk-in: only walk-in services, only while open', () => {
    const h = office('16:59');
    const out = step(h, (s, c) => engine.walkIn(s, 'pr', c));
    expect(out.result.tickets).toMatchObject([
      { ticket: { number: 'P001', priority: true }, reprint: false },
    ]);
    expect(audit(out.changes)).toEqual(['ticket.issued P001 - cek - -']);
    expect(refusal(() => engine.walkIn(h.state, 'bk', h.ctx())).code).toBe('unknown_service');
    expect(refusal(() => engine.walkIn(h.state, 'nope', h.ctx())).code).toBe('unknown_service');
    h.setTime('17:00');
    expect(refusal(() => engine.walkIn(h.state, 'in', h.ctx()))).toEqual({
      code: 'office_closed',
      params: { openTime: '07:00', closeTime: '17:00' },
    });
  });
});

describe('counters', () => {
  it('opening: the stages chosen (a subset of those configured), paused stays paused, audited', () => {
    const h = office();
    const out = open(h, 'k2', 'ani', ['foto']);
    expect(out.result.counter).toEqual({
      counterId: 'k2',
      mode: 'open',
      stages: ['foto'],
      officer: 'ani',
      ticketIds: [],
    });
    expect(audit(out.changes)).toEqual(['counter.opened - k2 - - {"stages":["foto"]}']);
    expect(
      refusal(() =>
        engine.openCounter(h.state, { counterId: 'k2', officer: 'ani', stages: ['cek', 'info'] }, h.ctx()),
      ).code,
    ).toBe('stage_not_served');
    expect(
      refusal(() => engine.openCounter(h.state, { counterId: 'k9', officer: 'ani' }, h.ctx())).code,
    ).toBe('unknown_counter');
    step(h, (s, c) => engine.pauseCounter(s, 'k2', c));
    expect(open(h, 'k2', 'ani').result.counter).toMatchObject({ mode: 'paused', stages: ['cek', 'foto'] });
  });

  it('one officer per counter (named in the refusal); moving on closes the counter left behind', () => {
    const h = office();
    open(h, 'k1', 'ani');
    expect(refusal(() => engine.openCounter(h.state, { counterId: 'k1', officer: 'budi' }, h.ctx()))).toEqual(
      {
        code: 'counter_taken',
        params: { counter: 1, officer: 'ani' },
      },
    );
    const moved = open(h, 'k3', 'ani');
    expect(audit(moved.changes)).toEqual([
      'counter.closed - k1 - - -',
      'counter.opened - k3 - - {"stages":["foto"]}',
    ]);
    expect(h.state.counters.get('k1')).toMatchObject({ mode: 'closed', officer: null });
    // A closed counter can be taken by anyone; the same officer may reopen theirs.
    expect(open(h, 'k1', 'budi').result.counter.officer).toBe('budi');
    expect(open(h, 'k3', 'ani').result.counter.officer).toBe('ani');
  });

  it('pause, resume and close: audited; close frees the officer; busy hands name the ticket', () => {
    const h = office();
    open(h, 'k4', 'citra');
    step(h, (s, c) => engine.walkIn(s, 'in', c));
    step(h, (s, c) => engine.callNext(s, 'k4', c));
    expect(refusal(() => engine.pauseCounter(h.state, 'k4', h.ctx()))).toEqual({
      code: 'counter_busy',
      params: { number: 'I001' },
    });
    expect(refusal(() => engine.callNext(h.state, 'k4', h.ctx()))).toEqual({
      code: 'counter_busy',
      params: { number: 'I001' },
    });
    step(h, (s, c) => engine.complete(s, 'k4', c));
    const paused = step(h, (s, c) => engine.pauseCounter(s, 'k4', c));
    expect(paused.result.counter).toMatchObject({ mode: 'paused', officer: 'citra' });
    expect(audit(paused.changes)).toEqual(['counter.paused - k4 - - -']);
    const resumed = step(h, (s, c) => engine.resumeCounter(s, 'k4', c));
    expect(resumed.result.counter).toMatchObject({ mode: 'open', officer: 'citra' });
    expect(audit(resumed.changes)).toEqual(['counter.resumed - k4 - - -']);
    const closed = step(h, (s, c) => engine.closeCounter(s, 'k4', c));
    expect(closed.result.counter).toMatchObject({ mode: 'closed', officer: null });
    expect(audit(closed.changes)).toEqual(['counter.closed - k4 - - -']);
    expect(refusal(() => engine.callNext(h.state, 'k4', h.ctx())).code).toBe('counter_not_open');
    expect(refusal(() => engine.callNext(h.state, null, h.ctx())).code).toBe('counter_not_open');
    expect(engine.counterNumber(TEST_CONFIG, 'k3')).toBe(3);
    expect(engine.counterNumber(TEST_CONFIG, 'k9')).toBe(0);
    expect(engine.counterOf(h.state, 'citra')).toBeNull();
  });
});

describe('calling and serving', () => {
  it('a call: the wait so far in the audit, the announcement, the counter holds the ticket', () => {
    const h = office('09:00');
    step(h, (s, c) => engine.walkIn(s, 'wk', c));
    open(h, 'k2');
    h.advanceMinutes(7);
    const out = step(h, (s, c) => engine.callNext(s, 'k2', c));
    const t = out.result.tickets[0]!;
    expect(t).toMatchObject({
      number: 'W001',
      status: 'called',
      counterId: 'k2',
      calledAt: at('09:07'),
      recalls: 0,
    });
    expect(out.result.counter.ticketIds).toEqual([t.id]);
    expect(audit(out.changes)).toEqual(['ticket.called W001 k2 cek 7m -']);
    expect(out.changes.calls).toEqual([
      {
        ticketIds: [t.id],
        numbers: ['W001'],
        counterId: 'k2',
        counterNumber: 2,
        recall: 0,
        at: at('09:07'),
        spoken: 'Nomor antrean W satu, silakan menuju loket dua',
      },
    ]);
    expect(out.changes.streaks).toEqual([['cek', 0]]);
  });

  it('a family is called together, in number order, only its members waiting at that stage', () => {
    const h = office('09:30');
    const member = () => h.booking({ accountId: 'F', windowStart: '09:00', windowEnd: '10:00' });
    const fam = [member(), member(), member()];
    step(h, (s, c) => engine.checkIn(s, fam, c)); // A001–A003
    open(h, 'k1');
    open(h, 'k3');
    const first = step(h, (s, c) => engine.callNext(s, 'k1', c));
    expect(first.result.tickets.map((t) => t.number)).toEqual(['A001', 'A002', 'A003']);
    expect(first.changes.calls[0]!.spoken).toBe(
      'Nomor antrean A satu sampai A tiga, silakan menuju loket satu',
    );
    // Done at cek: all three move on to foto together and are called there together.
    step(h, (s, c) => engine.complete(s, 'k1', c));
    expect(step(h, (s, c) => engine.callNext(s, 'k3', c)).result.tickets.map((t) => t.number)).toEqual([
      'A001',
      'A002',
      'A003',
    ]);
  });

  it('priority calls count in the streak of their stage; a regular call resets it', () => {
    const h = office('09:00');
    step(h, (s, c) => engine.walkIn(s, 'pr', c));
    step(h, (s, c) => engine.walkIn(s, 'wk', c));
    open(h, 'k1');
    expect(step(h, (s, c) => engine.callNext(s, 'k1', c)).changes.streaks).toEqual([['cek', 1]]);
    step(h, (s, c) => engine.complete(s, 'k1', c));
    expect(step(h, (s, c) => engine.callNext(s, 'k1', c)).changes.streaks).toEqual([['cek', 0]]);
  });

  it('recall re-announces with its count; start, no-show and reinstate are audited', () => {
    const h = office('09:00');
    step(h, (s, c) => engine.walkIn(s, 'in', c));
    open(h, 'k4');
    step(h, (s, c) => engine.callNext(s, 'k4', c));
    expect(refusal(() => engine.noShow(h.state, 'k4', h.ctx()))).toEqual({
      code: 'no_show_too_early',
      params: { required: 1 },
    });
    h.advanceMinutes(2);
    const rec = step(h, (s, c) => engine.recall(s, 'k4', c));
    expect(rec.changes.calls.map((c) => [c.numbers, c.recall, c.at])).toEqual([[['I001'], 1, at('09:02')]]);
    expect(audit(rec.changes)).toEqual(['ticket.recalled I001 k4 info - {"recalls":1}']);
    const ns = step(h, (s, c) => engine.noShow(s, 'k4', c));
    expect(ns.result.counter.ticketIds).toEqual([]);
    expect(ns.result.tickets.map((t) => t.status)).toEqual(['no_show']);
    expect(audit(ns.changes)).toEqual(['ticket.no_show I001 k4 info - -']);
    const id = ns.result.tickets[0]!.id;
    h.advanceMinutes(5);
    const back = step(h, (s, c) => engine.reinstate(s, id, c));
    expect(back.result.ticket).toMatchObject({
      status: 'waiting',
      counterId: null,
      calledAt: null,
      recalls: 0,
      waitingSince: at('09:07'),
    });
    expect(audit(back.changes)).toEqual(['ticket.reinstated I001 - info - -']);
    expect(refusal(() => engine.reinstate(h.state, id, h.ctx()))).toEqual({
      code: 'invalid_transition',
      params: { number: 'I001', status: 'waiting' },
    });
    expect(refusal(() => engine.reinstate(h.state, 'nope', h.ctx())).code).toBe('not_found');
    step(h, (s, c) => engine.callNext(s, 'k4', c));
    const started = step(h, (s, c) => engine.start(s, 'k4', c));
    expect(started.result.tickets[0]).toMatchObject({ status: 'serving', servingSince: at('09:07') });
    expect(audit(started.changes)).toEqual(['ticket.started I001 k4 info - -']);
    expect(refusal(() => engine.start(h.state, 'k4', h.ctx()))).toEqual({
      code: 'invalid_transition',
      params: { number: 'I001', status: 'serving' },
    });
    expect(refusal(() => engine.recall(h.state, 'k4', h.ctx())).code).toBe('invalid_transition');
    expect(refusal(() => engine.noShow(h.state, 'k4', h.ctx())).code).toBe('invalid_transition');
  });

  it('service time runs from the start of service, else from the call; it feeds the stage median', () => {
    const h = office('09:00');
    step(h, (s, c) => engine.walkIn(s, 'in', c));
    step(h, (s, c) => engine.walkIn(s, 'in', c));
    open(h, 'k4');
    step(h, (s, c) => engine.callNext(s, 'k4', c));
    h.advanceMinutes(2);
    step(h, (s, c) => engine.start(s, 'k4', c));
    h.advanceMinutes(6);
    const done = step(h, (s, c) => engine.complete(s, 'k4', c));
    expect(done.changes.durations).toEqual([['info', 6 * MIN]]);
    expect(audit(done.changes)).toEqual(['ticket.completed I001 k4 info 6m -']);
    step(h, (s, c) => engine.callNext(s, 'k4', c));
    h.advanceMinutes(3);
    expect(step(h, (s, c) => engine.complete(s, 'k4', c)).changes.durations).toEqual([['info', 3 * MIN]]);
    expect(h.state.durations.get('info')).toEqual([6 * MIN, 3 * MIN]);
  });
});

describe('handing on', () => {
  it('Selesai before the last stage moves on (audited as a transfer); at the last stage it is done', () => {
    const h = office('09:00');
    step(h, (s, c) => engine.walkIn(s, 'wk', c));
    open(h, 'k1');
    open(h, 'k3');
    step(h, (s, c) => engine.callNext(s, 'k1', c));
    h.advanceMinutes(4);
    const moved = step(h, (s, c) => engine.complete(s, 'k1', c));
    expect(moved.result.tickets[0]).toMatchObject({
      stageId: 'foto',
      stageIndex: 1,
      status: 'waiting',
      waitingSince: at('09:04'),
    });
    expect(moved.result.counter.ticketIds).toEqual([]);
    expect(audit(moved.changes)).toEqual([
      'ticket.transferred W001 k1 cek 4m {"toStageId":"foto","toServiceId":"wk"}',
    ]);
    expect(moved.changes.durations).toEqual([['cek', 4 * MIN]]);
    step(h, (s, c) => engine.callNext(s, 'k3', c));
    h.advanceMinutes(1);
    // Ending a visit at its last stage is simply done: nothing "ended early".
    const done = step(h, (s, c) => engine.complete(s, 'k3', c, { reason: 'withdrawn' }));
    expect(audit(done.changes)).toEqual(['ticket.completed W001 k3 foto 1m -']);
  });

  it('ending a visit early is done at once, with its reason', () => {
    const h = office('09:00');
    step(h, (s, c) => engine.walkIn(s, 'wk', c));
    open(h, 'k1');
    step(h, (s, c) => engine.callNext(s, 'k1', c));
    const ended = step(h, (s, c) => engine.complete(s, 'k1', c, { reason: 'refused' }));
    expect(ended.result.tickets[0]).toMatchObject({ stageId: 'cek', status: 'done' });
    expect(audit(ended.changes)).toEqual(['ticket.completed W001 k1 cek 0m {"endedEarly":"refused"}']);
  });

  it('a transfer to a priority service makes the ticket priority; a priority ticket stays priority', () => {
    const h = office('09:00');
    step(h, (s, c) => engine.walkIn(s, 'in', c)); // I001, regular
    step(h, (s, c) => engine.walkIn(s, 'pr', c)); // P001, priority
    open(h, 'k4');
    open(h, 'k1');
    step(h, (s, c) => engine.callNext(s, 'k4', c));
    const toPriority = step(h, (s, c) => engine.transfer(s, 'k4', 'pr', c));
    expect(toPriority.result.tickets[0]).toMatchObject({
      serviceId: 'pr',
      stageId: 'cek',
      stageIndex: 0,
      priority: true,
    });
    expect(audit(toPriority.changes)).toEqual([
      'ticket.transferred I001 k4 info 0m {"toStageId":"cek","toServiceId":"pr"}',
    ]);
    // It keeps its place by its original time: ahead of P001, who came after it.
    const called = step(h, (s, c) => engine.callNext(s, 'k1', c)).result.tickets[0]!;
    expect(called.number).toBe('I001');
    expect(step(h, (s, c) => engine.transfer(s, 'k1', 'in', c)).result.tickets[0]).toMatchObject({
      serviceId: 'in',
      priority: true,
    });
    expect(refusal(() => engine.transfer(h.state, 'k1', 'nope', h.ctx())).code).toBe('no_ticket_held');
  });
});
