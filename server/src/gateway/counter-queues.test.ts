import type { CounterState, Ticket } from '@giliran/shared';
import { describe, expect, it } from 'vitest';
import { showsSame, type Shown } from './counter-queues.ts';

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
