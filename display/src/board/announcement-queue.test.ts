import { describe, expect, it, vi } from 'vitest';
import { AnnouncementQueue } from './announcement-queue.ts';

/** A speak function whose calls the test resolves or rejects by hand. */
function manualSpeaker() {
  const calls: { text: string; resolve: () => void; reject: (e: Error) => void }[] = [];
  const speak = (text: string) =>
    new Promise<void>((resolve, reject) => {
      calls.push({ text, resolve, reject });
    });
  return { calls, speak };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('AnnouncementQueue', () => {
  it('speaks strictly one at a time, in the order enqueued', async () => {
    const { calls, speak } = manualSpeaker();
    const q = new AnnouncementQueue({ speak });
    q.enqueue('satu');
    q.enqueue('dua');
    q.enqueue('tiga');
    await tick();
    expect(calls.map((c) => c.text)).toEqual(['satu']);
    expect(q.status()).toMatchObject({ speaking: 'satu', pending: 2 });

    calls[0]?.resolve();
    await tick();
    expect(calls.map((c) => c.text)).toEqual(['satu', 'dua']);
    expect(q.status()).toMatchObject({ speaking: 'dua', pending: 1, finished: 1 });

    calls[1]?.resolve();
    await tick();
    calls[2]?.resolve();
    await q.idle();
    expect(calls.map((c) => c.text)).toEqual(['satu', 'dua', 'tiga']);
    expect(q.status()).toMatchObject({ speaking: null, pending: 0, finished: 3, lastSpoken: 'tiga' });
  });

  it('never overlaps, even when calls arrive while speaking', async () => {
    let active = 0;
    let maxActive = 0;
    const spoken: string[] = [];
    const q = new AnnouncementQueue({
      speak: async (text) => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        await new Promise((r) => setTimeout(r, 2));
        spoken.push(text);
        active -= 1;
      },
    });
    for (let i = 0; i < 5; i++) q.enqueue(`panggilan ${i}`);
    await tick();
    q.enqueue('panggilan 5');
    await q.idle();
    expect(maxActive).toBe(1);
    expect(spoken).toEqual([0, 1, 2, 3, 4, 5].map((i) => `panggilan ${i}`));
  });

  it('does not deduplicate: a recall with the same text is spoken again', async () => {
    const spoken: string[] = [];
    const q = new AnnouncementQueue({ speak: (t) => Promise.resolve(void spoken.push(t)) });
    const text = 'Nomor antrean A dua belas, silakan menuju loket tiga';
    q.enqueue(text);
    q.enqueue(text);
    q.enqueue(text);
    await q.idle();
    expect(spoken).toEqual([text, text, text]);
    expect(q.status().history).toEqual([text, text, text]);
  });

  it('survives a failing speak (rejection or throw) and continues with the next', async () => {
    const spoken: string[] = [];
    const errors: string[] = [];
    const q = new AnnouncementQueue({
      speak: (t) => {
        if (t === 'throws') throw new Error('sync boom');
        if (t === 'rejects') return Promise.reject(new Error('async boom'));
        spoken.push(t);
        return Promise.resolve();
      },
      onError: (e, t) => errors.push(`${t}: ${(e as Error).message}`),
    });
    q.enqueue('a');
    q.enqueue('throws');
    q.enqueue('b');
    q.enqueue('rejects');
    q.enqueue('c');
    await q.idle();
    expect(spoken).toEqual(['a', 'b', 'c']);
    expect(errors).toEqual(['throws: sync boom', 'rejects: async boom']);
    expect(q.status()).toMatchObject({ failures: 2, finished: 5 });
  });

  it('gives up on a speak that hangs and moves on', async () => {
    vi.useFakeTimers();
    try {
      const spoken: string[] = [];
      const q = new AnnouncementQueue({
        speak: (t) => (t === 'hang' ? new Promise<void>(() => {}) : Promise.resolve(void spoken.push(t))),
        timeoutMs: 1_000,
      });
      q.enqueue('hang');
      q.enqueue('next');
      await vi.advanceTimersByTimeAsync(999);
      expect(spoken).toEqual([]);
      await vi.advanceTimersByTimeAsync(2);
      expect(spoken).toEqual(['next']);
      expect(q.status().failures).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reports every status change and restarts after going idle', async () => {
    const seen: number[] = [];
    const spoken: string[] = [];
    const q = new AnnouncementQueue({
      speak: (t) => Promise.resolve(void spoken.push(t)),
      onChange: (s) => seen.push(s.pending),
    });
    q.enqueue('x');
    await q.idle();
    q.enqueue('y');
    await q.idle();
    expect(spoken).toEqual(['x', 'y']);
    expect(seen.length).toBeGreaterThanOrEqual(6);
    expect(q.status().speaking).toBeNull();
  });

  it('keeps a bounded history', async () => {
    const q = new AnnouncementQueue({ speak: () => Promise.resolve(), historyLimit: 3 });
    for (const t of ['1', '2', '3', '4', '5']) q.enqueue(t);
    await q.idle();
    expect(q.status().history).toEqual(['3', '4', '5']);
  });
});
