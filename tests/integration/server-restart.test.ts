import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PublicTicket, QueueSnapshot, StaffTicket } from '@giliran/shared';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import {
  closeAll,
  connect,
  demoBookings,
  inWindow,
  login,
  ok,
  pickBookings,
  TEST_CLOCK_START,
  TEST_DATE,
  waitFor,
  type ClientSocket,
} from '../support/clients.ts';

type Snap = QueueSnapshot<PublicTicket | StaffTicket>;
const comparable = (s: Snap | null) => ({
  day: s?.day,
  // Order is not part of the contract (screens sort by their own rules); content is.
  tickets: [...(s?.tickets ?? [])].sort((a, b) => a.number.localeCompare(b.number)),
  counters: [...(s?.counters ?? [])].sort((a, b) => a.counterId.localeCompare(b.counterId)),
  recentCalls: s?.recentCalls,
});

/** kill -9 in the middle of a day: nothing acknowledged is lost, screens come back by themselves. */
describe('server restart', () => {
  const sockets: ClientSocket[] = [];
  let srv: ServerProcess | undefined;

  afterAll(async () => {
    closeAll(...sockets);
    await srv?.close();
  });

  it('keeps the queue, numbers, held tickets and audit across SIGKILL; the board resyncs alone', async () => {
    srv = await startServerProcess({ clockStart: TEST_CLOCK_START });
    const { dataDir, port } = srv;
    const kiosk = (await connect(srv.url, { token: 'demo-kiosk-1' })).socket;
    sockets.push(kiosk);
    const rows = demoBookings(TEST_DATE);
    const taken = new Set<string>();
    const codes = pickBookings(rows, inWindow, taken, 3).map((r) => r.booking_code);
    for (const code of codes) await ok(kiosk, 'checkin:confirm', { bookingCodes: [code] });
    const walkins: string[] = [];
    for (let i = 0; i < 3; i++)
      walkins.push(
        (await ok(kiosk, 'ticket:walkin', { serviceId: 'informasi' })).tickets[0]?.ticket.number ?? '',
      );
    expect(walkins).toEqual(['F001', 'F002', 'F003']);

    const officerToken = await login(srv.url, 'petugas1');
    const counter = (await connect(srv.url, { token: officerToken })).socket;
    sockets.push(counter);
    await ok(counter, 'counter:open', { counterId: 'loket-1' });
    const held = (await ok(counter, 'ticket:call', {})).tickets[0];
    if (!held) throw new Error('nothing called');
    const c8 = (await connect(srv.url, { token: await login(srv.url, 'petugas8') })).socket;
    sockets.push(c8);
    await ok(c8, 'counter:open', { counterId: 'loket-8' });
    await ok(c8, 'ticket:call', {});
    await ok(c8, 'ticket:complete', {});

    // A supervisor's screen holds every ticket of the day; a board only those on counters.
    const supervisor = await connect(
      srv.url,
      { token: await login(srv.url, 'supervisor') },
      { reconnection: true },
    );
    sockets.push(supervisor.socket);
    const before = supervisor.snapshot;
    expect(before?.tickets.length).toBe(6);
    const board = await connect(srv.url, { token: 'demo-board-1' }, { reconnection: true });
    sockets.push(board.socket);
    const boardBefore = board.snapshot;
    expect(boardBefore?.tickets.map((t) => t.number)).toEqual([held.number]);

    const resynced = waitFor(supervisor.socket, 'queue:snapshot', () => true, 15_000);
    const boardResynced = waitFor(board.socket, 'queue:snapshot', () => true, 15_000);
    const killedAt = Date.now();
    await srv.stop('SIGKILL');
    counter.close();
    c8.close();

    // The audit log is on disk, read while the server is down.
    const db = new Database(join(dataDir, 'giliran.db'), { readonly: true, fileMustExist: true });
    const actions = db.prepare('SELECT action, COUNT(*) AS n FROM audit_log GROUP BY action').all() as {
      action: string;
      n: number;
    }[];
    const count = (a: string) => actions.find((x) => x.action === a)?.n ?? 0;
    expect(count('ticket.issued')).toBe(6);
    expect(count('ticket.called')).toBe(2);
    expect(count('ticket.completed')).toBe(1);
    expect(count('counter.opened')).toBe(2);
    db.close();

    srv = await startServerProcess({ clockStart: TEST_CLOCK_START, dataDir, port });
    const healthyAt = Date.now();
    const [[after], [boardAfter]] = await Promise.all([resynced, boardResynced]);
    const syncedAt = Date.now();
    console.log(
      `[restart] board and supervisor resynced ${syncedAt - healthyAt} ms after the server was healthy again (${syncedAt - killedAt} ms after kill -9)`,
    );
    expect(syncedAt - healthyAt).toBeLessThan(3_000);
    expect(comparable(after)).toEqual(comparable(before));
    expect(comparable(boardAfter)).toEqual(comparable(boardBefore));

    // The officer's session survived; the counter still holds its ticket and can finish it.
    const back = await connect(srv.url, { token: officerToken });
    sockets.push(back.socket);
    expect(back.snapshot?.viewer.counterId).toBe('loket-1');
    expect(back.snapshot?.counters.find((c) => c.counterId === 'loket-1')?.ticketIds).toEqual([held.id]);
    const done = await ok(back.socket, 'ticket:complete', {});
    expect(done.tickets.map((t) => t.id)).toEqual([held.id]);

    // Numbers continue; none is reused.
    const k2 = (await connect(srv.url, { token: 'demo-kiosk-1' })).socket;
    sockets.push(k2);
    const next = await ok(k2, 'ticket:walkin', { serviceId: 'informasi' });
    expect(next.tickets[0]?.ticket.number).toBe('F004');
    const again = await ok(k2, 'checkin:confirm', { bookingCodes: [codes[0] as string] });
    expect(again.tickets[0]?.print.reprint).toBe(true);
    const [newBooking] = pickBookings(rows, inWindow, taken);
    const fresh = await ok(k2, 'checkin:confirm', { bookingCodes: [newBooking?.booking_code ?? ''] });
    const aNumbers = before?.tickets.filter((t) => t.number.startsWith('A')).map((t) => t.number) ?? [];
    expect(aNumbers).toHaveLength(3);
    expect(aNumbers).not.toContain(fresh.tickets[0]?.ticket.number);
    expect(fresh.tickets[0]?.ticket.number).toBe('A004');
  });
});
