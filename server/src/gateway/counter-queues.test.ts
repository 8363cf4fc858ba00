import type { CounterQueue, CounterState, Ticket } from '@giliran/shared';
import { describe, expect, it, vi } from 'vitest';
import * as engine from '../engine/engine.ts';
import { queueServiceForTest } from '../store/test-queue-service.ts';
import { showsSame, startCounterQueues, type Shown } from './counter-queues.ts';
import type { GiliranServer, GiliranSocket } from './types.ts';

/** Whether a counter's queue view must be sent again: any of its four parts changed. */
describe('showsSame', () => {
  const counter = (ticketIds: string[]): CounterState => ({
    counterId: 'loket-1',
    mode: 'open',
    stages: ['verifikasi'],
    officer: 'petugas1',
    ticketIds,
  });
  const order = (ids: string[], total: number) => ({
    first: ids.map((id) => ({ id }) as Ticket),
    total,
  });
  const shown: Shown = { counterId: 'loket-1', held: ['h1'], total: 3, head: ['a', 'b', 'c'] };

  it('is the same view when counter, held tickets, total and head all match', () => {
    expect(showsSame(shown, counter(['h1']), order(['a', 'b', 'c'], 3))).toBe(true);
  });

  it('is another view when any one part differs', () => {
    expect(showsSame(shown, { ...counter(['h1']), counterId: 'loket-2' }, order(['a', 'b', 'c'], 3))).toBe(
      false,
    );
    expect(showsSame(shown, counter([]), order(['a', 'b', 'c'], 3))).toBe(false);
    expect(showsSame(shown, counter(['h1']), order(['a', 'b', 'c'], 4))).toBe(false);
    // The same tickets in another order: the next call brings someone else.
    expect(showsSame(shown, counter(['h1']), order(['b', 'a', 'c'], 3))).toBe(false);
    expect(showsSame(shown, counter(['h1']), order(['a', 'b'], 3))).toBe(false);
  });

  it('is never the same as nothing sent yet, or as "no counter"', () => {
    expect(showsSame(null, counter(['h1']), order(['a', 'b', 'c'], 3))).toBe(false);
    expect(showsSame('none', counter(['h1']), order(['a', 'b', 'c'], 3))).toBe(false);
  });
});

/**
 * Another screen of the same officer connecting while a commit is being written: its snapshot comes
 * from memory, which already holds the command, so it has a ticket the first screen has not been
 * sent yet. The next queue must still bring that ticket to every screen of the officer.
 */
describe("an officer's second screen connecting between a commit and its queue", () => {
  it('the next queue brings the first screen the ticket the second one got in its snapshot', async () => {
    // The writer commits at once but reports it only when the test releases it: the commit window.
    const held: (() => void)[] = [];
    let holding = false;
    const { service } = queueServiceForTest((store) => (batch) => {
      store.commitBatch(batch);
      if (!holding) return Promise.resolve();
      return new Promise<void>((ok) => held.push(ok));
    });

    // Each screen keeps the tickets every queue brought it, as the console's reducer does.
    const screens = { a: new Set<string>(), b: new Set<string>() };
    const receive = (screen: Set<string>, q: CounterQueue | null) =>
      q?.tickets.forEach((t) => screen.add(t.id));
    const inRoom: Set<string>[] = [];
    const io = {
      to: (room: string) => ({
        emit: (_event: string, q: CounterQueue | null) => {
          expect(room).toBe('officer:petugas1');
          for (const s of inRoom) receive(s, q);
        },
      }),
    } as unknown as GiliranServer;
    const connect = (screen: Set<string>) => {
      inRoom.push(screen);
      return {
        data: { principal: { username: 'petugas1' } },
        emit: (_event: string, q: CounterQueue | null) => receive(screen, q),
      } as unknown as GiliranSocket;
    };
    const counterQueues = startCounterQueues(io, service);
    const settled = () => new Promise<void>((ok) => service.onSettled(() => ok()));
    const walkIn = () => service.execute('kiosk', (s, c) => engine.walkIn(s, 'informasi', c));

    await service.execute('petugas1', (s, c) =>
      engine.openCounter(s, { counterId: 'loket-8', stages: ['informasi'], officer: 'petugas1' }, c),
    );
    const first = await walkIn();
    counterQueues.send(connect(screens.a));
    let round = settled();
    await walkIn();
    await round;

    holding = true;
    const entering = walkIn(); // decided and in memory at once
    await vi.waitFor(() => expect(held).toHaveLength(1)); // being committed, not yet reported
    counterQueues.send(connect(screens.b)); // B's snapshot is taken from that memory
    expect([screens.a.size, screens.b.size]).toEqual([2, 3]);
    round = settled();
    for (const ok of held.splice(0)) ok();
    const third = await entering;
    await round;

    const ids = [first, third].map((r) => r.tickets[0]?.ticket.id);
    expect(ids.every((id) => id !== undefined)).toBe(true);
    expect(screens.b.has(ids[1] as string)).toBe(true);
    expect(screens.a.has(ids[0] as string)).toBe(true);
    expect(screens.a.has(ids[1] as string)).toBe(true); // without the intersection rule A never gets it
    expect(screens.a.size).toBe(3);
    expect(screens.b.size).toBe(3);
  });
});
