import { AppError } from '@giliran/shared';
import { describe, expect, it, onTestFinished } from 'vitest';
import { BookingRepo } from '../bookings/booking-repo.ts';
import { loadOfficeConfig } from '../config.ts';
import { QueueStore } from './queue-store.ts';
import * as engine from '../engine/engine.ts';
import { SETTLE_AT_MOST_MS } from './queue-service.ts';
import { queueServiceForTest } from './test-queue-service.ts';
import { startQueueWriter } from './queue-writer-client.ts';

describe('QueueService group commit', () => {
  it('acknowledges and broadcasts only after the batch is committed, in one transaction', async () => {
    const { service, count } = queueServiceForTest();
    const broadcast: number[] = [];
    service.onCommitted(() => broadcast.push(count()));
    const a = service.execute('t', (s, c) => engine.walkIn(s, 'informasi', c));
    const b = service.execute('t', (s, c) => engine.walkIn(s, 'informasi', c));
    // Decided and visible to the next command, but neither stored nor broadcast yet.
    expect(count()).toBe(0);
    expect(broadcast).toEqual([]);
    const [ra, rb] = await Promise.all([a, b]);
    expect([ra.tickets[0]!.ticket.number, rb.tickets[0]!.ticket.number]).toEqual(['F001', 'F002']);
    expect(broadcast).toEqual([2]); // one broadcast for the batch, after both rows were written
  });

  it('refuses the whole batch and forgets it when the commit fails; numbers are not used up', async () => {
    const { db, service, count } = queueServiceForTest();
    db.pragma('query_only = ON'); // behaves like a read-only database file
    const results = await Promise.allSettled([
      service.execute('t', (s, c) => engine.walkIn(s, 'informasi', c)),
      service.execute('t', (s, c) => engine.walkIn(s, 'informasi', c)),
    ]);
    expect(results.map((r) => r.status === 'rejected' && (r.reason as AppError).code)).toEqual([
      'storage_unavailable',
      'storage_unavailable',
    ]);
    expect(service.state.tickets.size).toBe(0);
    db.pragma('query_only = OFF');
    const next = await service.execute('t', (s, c) => engine.walkIn(s, 'informasi', c));
    expect(next.tickets[0]!.ticket.number).toBe('F001');
    expect(count()).toBe(1);
  });

  it('a refusal throws at once and queues nothing', () => {
    const { service } = queueServiceForTest();
    expect(() => service.execute('t', (s, c) => engine.callNext(s, 'loket-1', c))).toThrow(AppError);
  });
});

describe('QueueService check-in', () => {
  const row = (code: string, account: string) => ({
    booking_code: code,
    nik: '5171014508900001',
    full_name: 'Ni Luh Ariani',
    birth_date: '1990-08-05',
    application_type: 'baru' as const,
    office_code: 'DPS',
    arrival_date: '2026-11-28',
    window_start: '09:00',
    window_end: '10:00',
    payment_status: 'paid' as const,
    account_id: account,
  });

  it('checks a family in only from one M-Paspor account: two accounts are refused, nothing created', async () => {
    const { db, service, count } = queueServiceForTest();
    const repo = new BookingRepo(db, Buffer.alloc(32));
    repo.upsertAll([row('MPFAM00001', 'ACC-A'), row('MPFAM00002', 'ACC-A'), row('MPOTHER001', 'ACC-B')], 0);
    await expect(service.confirm(['MPFAM00001', 'MPOTHER001'], 'kiosk:test')).rejects.toMatchObject({
      code: 'invalid_payload',
    });
    expect(count()).toBe(0);
    const family = await service.confirm(['MPFAM00001', 'MPFAM00002'], 'kiosk:test');
    expect(family.map((t) => t.ticket.number)).toEqual(['A001', 'A002']);
  });

  it('a restart brings back each booked ticket with its holder, none once retention erased it', async () => {
    const { db, service } = queueServiceForTest();
    const repo = new BookingRepo(db, Buffer.alloc(32));
    repo.upsertAll([row('MPKEEP0001', 'ACC-A'), row('MPGONE0001', 'ACC-B')], 0);
    await service.confirm(['MPKEEP0001'], 'kiosk:test');
    await service.confirm(['MPGONE0001'], 'kiosk:test');
    await service.execute('t', (s, c) => engine.walkIn(s, 'informasi', c));
    db.prepare("UPDATE bookings SET full_name = '', masked_nik = '' WHERE code = 'MPGONE0001'").run();
    const config = loadOfficeConfig();
    const loaded = new QueueStore(db, config.office.code).load('2026-11-28', config);
    const byNumber = [...loaded.tickets.values()]
      .map((t) => [t.number, loaded.holders.get(t.id) ?? null])
      .sort();
    expect(byNumber).toEqual([
      ['A001', { fullName: 'Ni Luh Ariani', maskedNik: '5171********0001', birthDate: '1990-08-05' }],
      ['A002', null],
      ['F001', null],
    ]);
  });
});

describe('QueueService with the queue writer thread', () => {
  it('commits on the thread: acknowledged only once stored, later commands in the next batch, in order', async () => {
    let writer: ReturnType<typeof startQueueWriter> | null = null;
    const { service, count } = queueServiceForTest((store, path) => {
      writer = startQueueWriter(store, path, 'DPS');
      return writer.write;
    });
    onTestFinished(() => writer?.stop());
    const broadcasts: number[] = [];
    service.onCommitted((changes) => broadcasts.push(changes.tickets.length));
    const first = service.execute('t', (s, c) => engine.walkIn(s, 'informasi', c));
    await new Promise((r) => setImmediate(r)); // the first batch is now in flight on the thread
    const second = service.execute('t', (s, c) => engine.walkIn(s, 'informasi', c));
    const third = service.execute('t', (s, c) => engine.walkIn(s, 'informasi', c));
    const a = await first;
    expect(a.tickets[0]!.ticket.number).toBe('F001');
    expect(count()).toBeGreaterThanOrEqual(1); // on disk when acknowledged
    const [b, c] = await Promise.all([second, third]);
    expect([b.tickets[0]!.ticket.number, c.tickets[0]!.ticket.number]).toEqual(['F002', 'F003']);
    expect(count()).toBe(3);
    expect(broadcasts).toEqual([1, 2]); // two batches: the one in flight, then the two queued behind it
    await service.settled();
  });

  it('a failed batch refuses it and every command decided on top of it; memory is what is stored', async () => {
    let fail = true;
    const { service, count } = queueServiceForTest((store) => async (batch) => {
      await new Promise((r) => setTimeout(r, 5));
      if (fail) throw new Error('disk I/O error');
      store.commitBatch(batch);
    });
    const first = service.execute('t', (s, c) => engine.walkIn(s, 'informasi', c));
    await new Promise((r) => setImmediate(r));
    const second = service.execute('t', (s, c) => engine.walkIn(s, 'informasi', c)); // decided on top of F001
    const results = await Promise.allSettled([first, second]);
    expect(results.map((r) => r.status === 'rejected' && (r.reason as AppError).code)).toEqual([
      'storage_unavailable',
      'storage_unavailable',
    ]);
    expect(service.state.tickets.size).toBe(0);
    fail = false;
    const next = await service.execute('t', (s, c) => engine.walkIn(s, 'informasi', c));
    expect(next.tickets[0]!.ticket.number).toBe('F001');
    expect(count()).toBe(1);
  });

  /**
   * A service whose writer the test completes by hand (each batch waits until `release()` or its
   * `inFlight` callback), with what each settled run saw: tickets in memory, tickets on disk.
   */
  function settledRig() {
    const inFlight: (() => void)[] = [];
    const { service, count } = queueServiceForTest(
      (store) => (batch) => new Promise<void>((ok) => inFlight.push(() => (store.commitBatch(batch), ok()))),
    );
    const seen: [number, number][] = [];
    service.onSettled((state) => seen.push([state.tickets.size, count()]));
    return {
      service,
      seen,
      inFlight,
      walkIn: () => service.execute('t', (s, c) => engine.walkIn(s, 'informasi', c)),
      async release() {
        inFlight.shift()?.();
        for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
      },
    };
  }
  const nextTurn = () => new Promise((r) => setImmediate(r));

  it('shows settled listeners memory as stored only: never a command still being written', async () => {
    const rig = settledRig();
    const first = rig.walkIn();
    await nextTurn(); // F001 in flight
    const second = rig.walkIn(); // F002 decided
    await rig.release(); // F001 stored and acknowledged; F002 now written
    await first;
    expect(rig.seen).toEqual([]); // memory holds F002, not yet stored: nothing worked out from it
    await rig.release();
    await second;
    expect(rig.seen).toEqual([[2, 2]]); // once, for both batches, as stored
    await rig.service.settled();
  });

  it('…nor a command decided right after an acknowledgement, before its batch is even written', async () => {
    const rig = settledRig();
    const first = rig.walkIn();
    // The officer's next command, as soon as the first is acknowledged: in memory, not yet written.
    const second = first.then(() => rig.walkIn());
    await nextTurn();
    await rig.release();
    expect(rig.seen).toEqual([]);
    await rig.release();
    await second;
    expect(rig.seen).toEqual([[2, 2]]);
    await rig.service.settled();
  });

  it('runs settled listeners once for batches committed in the same turn', async () => {
    const rig = settledRig();
    const first = rig.walkIn();
    await nextTurn(); // F001 in flight
    const second = rig.walkIn();
    rig.inFlight.shift()?.(); // F001 written: F002's batch starts at once
    for (let i = 0; i < 5 && !rig.inFlight.length; i++) await Promise.resolve();
    rig.inFlight.shift()?.(); // and is written before the turn ends
    await Promise.all([first, second]);
    await nextTurn();
    expect(rig.seen).toEqual([[2, 2]]);
  });

  it(`runs settled listeners at most ${SETTLE_AT_MOST_MS} ms late under a stream of commands`, async () => {
    const rig = settledRig();
    const runs: number[] = [];
    rig.service.onSettled(() => runs.push(performance.now()));
    const started = performance.now();
    const acks: Promise<unknown>[] = [rig.walkIn()];
    await nextTurn();
    // A command arrives during every write: memory is never quite as stored.
    while (performance.now() - started < SETTLE_AT_MOST_MS + 300 && !runs.length) {
      acks.push(rig.walkIn());
      await rig.release();
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(runs).toHaveLength(1);
    expect((runs[0] as number) - started).toBeGreaterThanOrEqual(SETTLE_AT_MOST_MS);
    while (rig.inFlight.length) await rig.release();
    await Promise.all(acks);
  });
});
