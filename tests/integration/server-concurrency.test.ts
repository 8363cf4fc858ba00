import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { tempDir } from '../support/temp-dir.ts';
import {
  closeAll,
  connect,
  login,
  ok,
  pairDevice,
  request,
  TEST_CLOCK_START,
  type ClientSocket,
} from '../support/clients.ts';

const repoRoot = resolve(import.meta.dirname, '../..');
const COUNTERS = 6;
const KIOSKS = 4;
const PER_KIOSK = 12;

/** Six counters that can serve `informasi` (the default office has at most four per stage). */
function sixCounterConfig(dir: string): string {
  const config = JSON.parse(readFileSync(join(repoRoot, 'server/config/denpasar.json'), 'utf8')) as {
    counters: { id: string; number: number; stages: string[] }[];
  };
  config.counters = config.counters.map((c, i) =>
    i < COUNTERS ? { ...c, stages: [...new Set([...c.stages, 'informasi'])] } : c,
  );
  const path = join(dir, 'office.json');
  writeFileSync(path, JSON.stringify(config));
  return path;
}

describe('server concurrency', () => {
  let srv: ServerProcess;
  const sockets: ClientSocket[] = [];
  const counters: ClientSocket[] = [];
  const kiosks: ClientSocket[] = [];

  const dir = tempDir('conc', afterAll);

  beforeAll(async () => {
    srv = await startServerProcess({
      clockStart: TEST_CLOCK_START,
      env: { GILIRAN_CONFIG: sixCounterConfig(dir) },
    });
    const admin = await login(srv.url, 'admin');
    const tokens = ['demo-kiosk-1', 'demo-kiosk-2'];
    for (let i = tokens.length; i < KIOSKS; i++)
      tokens.push((await pairDevice(srv.url, admin, 'kiosk', `Kiosk ${i + 1}`)).token);
    for (const token of tokens) kiosks.push((await connect(srv.url, { token })).socket);
    for (let i = 0; i < COUNTERS; i++) {
      const s = (await connect(srv.url, { token: await login(srv.url, `petugas${i + 1}`) })).socket;
      await ok(s, 'counter:open', { counterId: `loket-${i + 1}`, stages: ['informasi'] });
      counters.push(s);
    }
    sockets.push(...kiosks, ...counters);
  });

  afterAll(async () => {
    closeAll(...sockets);
    await srv?.close();
  });

  it('4 kiosks issuing walk-ins at once: no duplicate numbers, consecutive per letter', async () => {
    const services = ['informasi', 'pengambilan'];
    const acks = await Promise.all(
      kiosks.flatMap((k) =>
        Array.from({ length: PER_KIOSK }, (_, i) =>
          ok(k, 'ticket:walkin', { serviceId: i % 6 === 5 ? (services[1] as string) : 'informasi' }),
        ),
      ),
    );
    const numbers = acks.map((a) => a.tickets[0]?.ticket.number ?? '');
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const letter of ['F', 'E']) {
      const seqs = numbers
        .filter((n) => n.startsWith(letter))
        .map((n) => Number(n.slice(1)))
        .sort((a, b) => a - b);
      expect(seqs.length).toBeGreaterThan(0);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    }
  });

  it('6 counters calling at the same instant never share a ticket and hold at most one each', async () => {
    const expected = KIOSKS * PER_KIOSK - KIOSKS * (PER_KIOSK / 6);
    expect(expected).toBeGreaterThanOrEqual(40);
    const calledBy = new Map<string, number>();
    let rounds = 0;
    for (; rounds < 40; rounds++) {
      // Each counter fires two calls at once: one may win, the other must be refused (busy/empty).
      const acks = await Promise.all(
        counters.flatMap((c) => [request(c, 'ticket:call', {}), request(c, 'ticket:call', {})]),
      );
      let anyCalled = false;
      for (let i = 0; i < COUNTERS; i++) {
        const pair = [acks[2 * i], acks[2 * i + 1]];
        const won = pair.filter((a) => a?.ok);
        expect(won.length).toBeLessThanOrEqual(1);
        for (const a of pair) if (a && !a.ok) expect(['counter_busy', 'queue_empty']).toContain(a.error.code);
        const w = won[0];
        if (w?.ok) {
          expect(w.data.tickets).toHaveLength(1);
          expect(w.data.counter.ticketIds).toHaveLength(1);
          const id = w.data.tickets[0]?.id ?? '';
          expect(calledBy.has(id), `ticket ${id} called twice`).toBe(false);
          calledBy.set(id, i);
          anyCalled = true;
        }
      }
      if (!anyCalled) break;
      await Promise.all(
        counters.map(async (c) => {
          const r = await request(c, 'ticket:complete', {});
          if (!r.ok) expect(r.error.code).toBe('no_ticket_held');
        }),
      );
    }
    expect(calledBy.size).toBe(expected);
    // The work was spread over the counters, not serialised onto one.
    expect(new Set(calledBy.values()).size).toBe(COUNTERS);
    console.log(`[concurrency] ${calledBy.size} tickets called by ${COUNTERS} counters in ${rounds} rounds`);
  });
});
