import { describe, expect, it } from 'vitest';
import { KeyboardWedgeDetector } from './keyboard-wedge.ts';
import type { WedgeResult } from './keyboard-wedge.ts';

/** Types `text` starting at `start`, one key every `gap` ms; returns all results and the end time. */
function type(d: KeyboardWedgeDetector, keys: string[], start: number, gap: number): [WedgeResult[], number] {
  const out: WedgeResult[] = [];
  let t = start;
  for (const key of keys) {
    out.push(...d.feed({ key, timeMs: t }));
    t += gap;
  }
  return [out, t - gap];
}

const chars = (s: string): string[] => [...s];

describe('KeyboardWedgeDetector', () => {
  it('recognises a scanner burst ended by Enter', () => {
    const d = new KeyboardWedgeDetector();
    const [out] = type(d, [...chars('https://x.id/t/abc'), 'Enter'], 1000, 8);
    expect(out).toEqual([
      { kind: 'scan', data: 'https://x.id/t/abc', terminator: 'Enter', startMs: 1000, endMs: 1144 },
    ]);
  });

  it('handles Tab terminators and ignores Shift around capitals', () => {
    const d = new KeyboardWedgeDetector();
    const [out] = type(d, ['Shift', 'A', '0', '1', '2', 'Shift', 'B', 'C', 'Tab'], 0, 5);
    expect(out).toMatchObject([{ kind: 'scan', data: 'A012BC', terminator: 'Tab' }]);
  });

  it('leaves human typing as typed keys, Enter included', () => {
    const d = new KeyboardWedgeDetector();
    const [out, end] = type(d, [...chars('3171'), 'Enter'], 0, 180);
    const all = [...out, ...d.poll(end + 200)];
    expect(all.flatMap((r) => (r.kind === 'typed' ? r.keys : []))).toEqual(['3', '1', '7', '1', 'Enter']);
    expect(all.some((r) => r.kind === 'scan')).toBe(false);
  });

  it('treats a short fast run (a quick typist) as typing', () => {
    const d = new KeyboardWedgeDetector();
    const [out] = type(d, ['o', 'k', 'e', 'Enter'], 0, 20);
    expect(out).toEqual([{ kind: 'typed', keys: ['o', 'k', 'e', 'Enter'] }]);
  });

  it('flushes a burst without terminator after the idle time, not before', () => {
    const d = new KeyboardWedgeDetector({ idleMs: 80 });
    const [out, end] = type(d, chars('B0042X'), 0, 10);
    expect(out).toEqual([]);
    expect(d.poll(end + 40)).toEqual([]);
    expect(d.poll(end + 81)).toEqual([
      { kind: 'scan', data: 'B0042X', terminator: null, startMs: 0, endMs: 50 },
    ]);
    expect(d.pending).toBe(false);
  });

  it('separates typing that runs straight into a scan', () => {
    const d = new KeyboardWedgeDetector();
    const [a, t] = type(d, chars('ab'), 0, 200);
    const [b] = type(d, [...chars('A012-XYZ'), 'Enter'], t + 300, 6);
    expect([...a, ...b]).toEqual([
      { kind: 'typed', keys: ['a'] },
      { kind: 'typed', keys: ['b'] },
      { kind: 'scan', data: 'A012-XYZ', terminator: 'Enter', startMs: 500, endMs: 548 },
    ]);
  });

  it('does not call a burst with one slow gap a scan', () => {
    const d = new KeyboardWedgeDetector();
    const out = [...type(d, chars('abc'), 0, 10)[0], ...type(d, [...chars('def'), 'Enter'], 100, 10)[0]];
    expect(out.some((r) => r.kind === 'scan')).toBe(false);
    expect(out.flatMap((r) => (r.kind === 'typed' ? r.keys : []))).toEqual([...chars('abcdef'), 'Enter']);
  });
});
