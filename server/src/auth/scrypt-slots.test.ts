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
  it('runs all but one slot of ordinary runs, queues `waiting`, refuses the rest with server_busy', async () => {
    const slots = new ScryptSlots(3, 2);
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

  it('keeps a slot for an urgent run (a known officer): it starts at once during a storm', async () => {
    const slots = new ScryptSlots(2, 1);
    const started: string[] = [];
    const storm = [gate(started, 'storm-1'), gate(started, 'storm-2')];
    const runs = storm.map((g) => slots.run(g.job));
    await tick();
    await expect(slots.run(() => Promise.resolve('storm-3'))).rejects.toMatchObject({ code: 'server_busy' });
    const officer = gate(started, 'officer');
    runs.push(slots.run(officer.job, true));
    await tick();
    expect(started).toEqual(['storm-1', 'officer']);
    // A second officer while both slots are busy waits in the urgent queue, served before the storm.
    const second = gate(started, 'officer-2');
    runs.push(slots.run(second.job, true));
    storm[0]?.open();
    await tick();
    expect(started).toEqual(['storm-1', 'officer', 'officer-2']);
    for (const g of [...storm, officer, second]) g.open();
    await Promise.all(runs);
    expect(started).toEqual(['storm-1', 'officer', 'officer-2', 'storm-2']);
  });
});
