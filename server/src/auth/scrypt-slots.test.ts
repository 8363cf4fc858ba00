import { describe, expect, it } from 'vitest';
import { AppError } from '@giliran/shared';
import { ScryptSlots } from './scrypt-slots.ts';

/** A job that finishes when the test says so, recording when it started. */
function gate(log: string[], name: string) {
  let open = () => {};
  const done = new Promise<void>((r) => (open = r));
  return { job: () => (log.push(name), done.then(() => name)), open: () => open() };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('ScryptSlots', () => {
  it('runs at most `concurrent` at once, queues `waiting`, refuses the rest with server_busy', async () => {
    const slots = new ScryptSlots(2, 2);
    const started: string[] = [];
    const gates = ['a', 'b', 'c', 'd'].map((n) => gate(started, n));
    const runs = gates.map((g) => slots.run(g.job));
    await tick();
    expect(started).toEqual(['a', 'b']);
    await expect(slots.run(() => Promise.resolve('e'))).rejects.toMatchObject({ code: 'server_busy' });
    await expect(slots.run(() => Promise.resolve('e'))).rejects.toBeInstanceOf(AppError);
    gates[0]?.open();
    await tick();
    expect(started).toEqual(['a', 'b', 'c']);
    for (const g of gates) g.open();
    expect(await Promise.all(runs)).toEqual(['a', 'b', 'c', 'd']);
    expect(await slots.run(() => Promise.resolve('after'))).toBe('after');
  });

  it('serves urgent runs (a known officer) first, in a queue of their own', async () => {
    const slots = new ScryptSlots(1, 1);
    const started: string[] = [];
    const first = gate(started, 'storm-1');
    const queued = gate(started, 'storm-2');
    const officer = gate(started, 'officer');
    const runs = [slots.run(first.job), slots.run(queued.job), slots.run(officer.job, true)];
    await tick();
    // The storm's queue is full, the officer still gets in — and goes next.
    await expect(slots.run(() => Promise.resolve('storm-3'))).rejects.toMatchObject({ code: 'server_busy' });
    first.open();
    await tick();
    expect(started).toEqual(['storm-1', 'officer']);
    officer.open();
    queued.open();
    await Promise.all(runs);
    expect(started).toEqual(['storm-1', 'officer', 'storm-2']);
  });
});
