import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BookingRow, CounterQueue } from '@giliran/shared';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import {
  closeAll,
  connect,
  demoBookings,
  eventually,
  inWindow,
  login,
  ok,
  pickBookings,
  TEST_DATE,
  type ClientSocket,
  type Connected,
} from '../support/clients.ts';

/**
 * A counter's waiting list is the server's call order (issue: the console sorted by waiting time
 * while the server called by effective time and priority rules), and a counter receives names only
 * for the ticket it serves and the next three it will call.
 */
describe('counter queue', () => {
  let srv: ServerProcess;
  let counter: Connected;
  let supervisor: Connected;
  const sockets: ClientSocket[] = [];
  const rows = demoBookings(TEST_DATE);
  const taken = new Set<string>();
  const accountSize = new Map<string, number>();
  for (const r of rows) accountSize.set(r.account_id, (accountSize.get(r.account_id) ?? 0) + 1);
  let booked: BookingRow[] = [];

  const latestQueue = (c: Connected): CounterQueue | null | undefined =>
    c.received.filter((e) => e.event === 'counter:queue').at(-1)?.args[0] as CounterQueue | null | undefined;

  beforeAll(async () => {
    // 10:30: the 10:00 bookings are in their window, the 11:00 ones early (effective 11:00).
    srv = await startServerProcess({ clockStart: `${TEST_DATE}T10:30` });
    const kiosk = await connect(srv.url, { token: 'demo-kiosk-1' });
    sockets.push(kiosk.socket);
    // Booked at 11:00 then at 10:00, then priority walk-ins: the call order is none of
    // "by number", "by check-in" or "by waiting time".
    const at11 = pickBookings(
      rows,
      (r) => inWindow(r) && r.window_start === '11:00' && accountSize.get(r.account_id) === 1,
      taken,
      4,
    );
    const at10 = pickBookings(
      rows,
      (r) => inWindow(r) && r.window_start === '10:00' && accountSize.get(r.account_id) === 1,
      taken,
      4,
    );
    booked = [...at11, ...at10];
    for (const b of booked) await ok(kiosk.socket, 'checkin:confirm', { bookingCodes: [b.booking_code] });
    await ok(kiosk.socket, 'ticket:walkin', { serviceId: 'prioritas' });
    await ok(kiosk.socket, 'ticket:walkin', { serviceId: 'prioritas' });

    counter = await connect(srv.url, { token: await login(srv.url, 'petugas1') });
    supervisor = await connect(srv.url, { token: await login(srv.url, 'supervisor') });
    sockets.push(counter.socket, supervisor.socket);
    await ok(counter.socket, 'counter:open', { counterId: 'loket-1' });
  });

  afterAll(async () => {
    closeAll(...sockets);
    await srv?.close();
  });

  it('lists the waiting tickets in the order the counter then really calls them', async () => {
    const first = await eventually(() => latestQueue(counter) ?? undefined, 3_000, 'counter:queue');
    expect(first.counterId).toBe('loket-1');
    expect(first.total).toBe(10);
    // The first queue brings every ticket it lists (the counter's snapshot has none waiting).
    const numberOf = (id: string) => first.tickets.find((x) => x.id === id)?.number ?? id;
    // Priority first; then the 10:00 bookings, though they checked in after the 11:00 ones (A001–
    // A004 checked in first but wait until their window starts).
    const shown = first.ticketIds.map(numberOf);
    expect(shown).toEqual(['B001', 'B002', 'A005', 'A006', 'A007', 'A008', 'A001', 'A002', 'A003', 'A004']);

    const called: string[] = [];
    for (let i = 0; i < 10; i++) {
      const before = latestQueue(counter);
      const r = await ok(counter.socket, 'ticket:call', {});
      expect(r.tickets.map((t) => t.id)).toEqual([before?.ticketIds[0]]);
      called.push(r.tickets[0]?.number ?? '?');
      await ok(counter.socket, 'ticket:complete', {});
      // The next queue arrives with the broadcast of the same committed batch.
      await eventually(() => (latestQueue(counter)?.total === 9 - i ? true : undefined), 3_000, `queue ${i}`);
    }
    expect(called).toEqual(shown);
  });

  it('names reach a counter only for what it holds and its next three; supervisors see all', () => {
    const counterJson = JSON.stringify(counter.snapshot) + JSON.stringify(counter.received);
    const supervisorJson = JSON.stringify(supervisor.snapshot) + JSON.stringify(supervisor.received);
    // Every booked applicant was held by the counter at some point, so each name reached it;
    // but none arrived in the broadcast (queue:changes) or the snapshot ahead of its turn.
    const broadcasts = JSON.stringify(counter.received.filter((e) => e.event === 'queue:changes'));
    for (const b of booked) {
      expect(supervisorJson).toContain(b.full_name);
      expect(counterJson).toContain(b.full_name);
      expect(broadcasts).not.toContain(b.full_name);
    }
    const queues = counter.received
      .filter((e) => e.event === 'counter:queue')
      .map((e) => e.args[0] as CounterQueue | null)
      .filter((q) => q !== null);
    expect(queues.length).toBeGreaterThan(10);
    for (const q of queues)
      expect(Object.keys(q.holders).length, JSON.stringify(q.ticketIds)).toBeLessThanOrEqual(1 + 3);
    const named = counter.snapshot?.tickets.filter((t) => 'holder' in t && t.holder !== null) ?? [];
    expect(named).toEqual([]); // connected before opening its counter: no names at all
  });
});
