import { describe, expect, it } from 'vitest';
import * as engine from './engine.ts';
import { applyChanges, emptyState, mergeChanges, noChanges, ticketLetter, type Changes } from './state.ts';
import { TEST_CONFIG } from './test-config.ts';
import { EngineHarness } from './test-harness.ts';

const office = () => new EngineHarness('2026-11-28', '09:00', TEST_CONFIG);

describe('the state of an office day', () => {
  it('starts with every configured counter closed, serving its configured stages', () => {
    const s = emptyState('2026-11-28', TEST_CONFIG);
    expect([...s.counters.values()]).toEqual([
      { counterId: 'k1', mode: 'closed', stages: ['cek'], officer: null, ticketIds: [] },
      { counterId: 'k2', mode: 'closed', stages: ['cek', 'foto'], officer: null, ticketIds: [] },
      { counterId: 'k3', mode: 'closed', stages: ['foto'], officer: null, ticketIds: [] },
      { counterId: 'k4', mode: 'closed', stages: ['info'], officer: null, ticketIds: [] },
    ]);
    expect([s.tickets.size, s.nextSeq.size, s.recentCalls]).toEqual([0, 0, []]);
    expect(noChanges()).toEqual({
      tickets: [],
      holders: [],
      counters: [],
      streaks: [],
      durations: [],
      calls: [],
      audit: [],
    });
  });

  it('numbers continue per letter after the highest seen, also when tickets arrive out of order', () => {
    const h = office();
    const p1 = h.run((s, c) => engine.walkIn(s, 'pr', c)).tickets[0]!.ticket;
    const p2 = h.run((s, c) => engine.walkIn(s, 'pr', c)).tickets[0]!.ticket;
    const s = emptyState('2026-11-28', TEST_CONFIG);
    applyChanges(s, { ...noChanges(), tickets: [p2] });
    applyChanges(s, { ...noChanges(), tickets: [p1] });
    expect(Object.fromEntries(s.nextSeq)).toEqual({ P: 3 });
    expect([ticketLetter('A012'), ticketLetter('P1'), ticketLetter('AB0012')]).toEqual(['A', 'P', 'AB']);
  });

  it('only booked tickets are found by booking code; every ticket by its tracking token', () => {
    const h = office();
    const b = h.booking({ windowStart: '09:00', windowEnd: '10:00' });
    const booked = h.run((s, c) => engine.checkIn(s, [b], c)).tickets[0]!.ticket;
    const walk = h.run((s, c) => engine.walkIn(s, 'wk', c)).tickets[0]!.ticket;
    expect([...h.state.byBookingCode]).toEqual([[b.code, booked.id]]);
    expect(h.state.byTrackToken.get(walk.trackToken)).toBe(walk.id);
  });

  it('keeps the 25 most recent service times per stage', () => {
    const s = emptyState('2026-11-28', TEST_CONFIG);
    for (let i = 1; i <= 30; i++) applyChanges(s, { ...noChanges(), durations: [['cek', i]] });
    expect(s.durations.get('cek')).toEqual(Array.from({ length: 25 }, (_, i) => i + 6));
  });

  it('adds calls to the recent calls only when there are some', () => {
    const s = emptyState('2026-11-28', TEST_CONFIG);
    const before = s.recentCalls;
    applyChanges(s, noChanges());
    expect(s.recentCalls).toBe(before);
  });
});

describe('mergeChanges: one broadcast for a committed batch', () => {
  it('keeps the latest version of each ticket and counter in first-touch order, and every row', () => {
    const h = office();
    const outs: Changes[] = [];
    const run = <R>(cmd: Parameters<EngineHarness['run']>[0]) => {
      const out = cmd(h.state, h.ctx()) as { changes: Changes; result: R };
      h.run(() => out);
      outs.push(out.changes);
    };
    run((s, c) => engine.walkIn(s, 'in', c));
    run((s, c) => engine.walkIn(s, 'wk', c));
    run((s, c) => engine.openCounter(s, { counterId: 'k4', officer: 'ani' }, c));
    run((s, c) => engine.callNext(s, 'k4', c));
    const merged = mergeChanges(outs);
    expect(merged.tickets.map((t) => `${t.number}:${t.status}`)).toEqual(['I001:called', 'W001:waiting']);
    expect(merged.counters.map((c) => `${c.counterId}:${c.ticketIds.length}`)).toEqual(['k4:1']);
    expect(merged.audit.map((a) => a.action)).toEqual([
      'ticket.issued',
      'ticket.issued',
      'counter.opened',
      'ticket.called',
    ]);
    expect(merged.calls).toHaveLength(1);
    expect(merged.streaks).toEqual([['info', 0]]);
    expect(mergeChanges([outs[0]!])).toBe(outs[0]);
  });
});
