import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedTicket, ServiceLoad, TrackUpdate } from '@giliran/shared';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import {
  api,
  closeAll,
  connect,
  eventually,
  ok,
  TEST_CLOCK_START,
  type ClientSocket,
  type Connected,
} from '../support/clients.ts';
import { followTicket, type FollowedTicket } from '../support/phone-stream.ts';

/**
 * One wait estimate for every audience (issue 11 item 10): the printed ticket, the kiosk's done
 * screen, the board's service row and the phone page show the same minutes for the same ticket,
 * and a service nobody waits for shows no wait.
 *
 * No counter is open, so the estimator assumes the four configured counters for "verifikasi"
 * (loket 1–3 and the BAP + verifikasi loket 7), all free, 6 min each (the configured default):
 * tickets 1–4 are called at once (0 min), the 5th and 6th when the first ones are done (6 min).
 * Nothing in that depends on the running clock, so the figures are exact.
 */
describe('wait estimate: ticket, kiosk, board and phone agree', () => {
  let srv: ServerProcess;
  let board: Connected;
  let kiosk: ClientSocket;
  const sockets: ClientSocket[] = [];
  const phones: FollowedTicket[] = [];
  const issued: IssuedTicket[] = [];

  beforeAll(async () => {
    srv = await startServerProcess({ clockStart: TEST_CLOCK_START });
    board = await connect(srv.url, { token: 'demo-board-1' });
    kiosk = (await connect(srv.url, { token: 'demo-kiosk-1' })).socket;
    sockets.push(board.socket, kiosk);
    for (let i = 0; i < 6; i++)
      issued.push(...(await ok(kiosk, 'ticket:walkin', { serviceId: 'percepatan' })).tickets);
  });

  afterAll(async () => {
    closeAll(...sockets);
    for (const p of phones) p.close();
    await srv?.close();
  });

  it('prints what the kiosk shows: people ahead and minutes from the one estimator', () => {
    expect(issued.map((t) => t.ticket.number)).toEqual(['D001', 'D002', 'D003', 'D004', 'D005', 'D006']);
    expect(issued.map((t) => t.peopleAhead)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(issued.map((t) => t.estimatedWaitMinutes)).toEqual([0, 0, 0, 0, 6, 6]);
    for (const t of issued) {
      expect(t.print.peopleAhead).toBe(t.peopleAhead);
      expect(t.print.estimatedWaitMinutes).toBe(t.estimatedWaitMinutes);
    }
  });

  it('the board shows the last ticket’s wait for its service, and no wait where nobody waits', async () => {
    const latestLoads = () =>
      board.received
        .filter((e) => e.event === 'queue:changes')
        .map((e) => (e.args[0] as { loads: ServiceLoad[] | null }).loads)
        .filter((l): l is ServiceLoad[] => l !== null)
        .at(-1);
    const last = await eventually(
      () => {
        const l = latestLoads();
        return l?.some((x) => x.serviceId === 'percepatan' && x.waiting === 6) ? l : undefined;
      },
      3_000,
      'loads with six waiting',
    );
    expect(last.find((l) => l.serviceId === 'percepatan')).toEqual({
      serviceId: 'percepatan',
      waiting: 6,
      estimatedWaitMinutes: 6,
    });
    // M-Paspor applicants also start at verifikasi, where six wait — but none of them is waiting.
    expect(last.find((l) => l.serviceId === 'mpaspor')).toEqual({
      serviceId: 'mpaspor',
      waiting: 0,
      estimatedWaitMinutes: 0,
    });
    // A board connecting now gets the same in its snapshot.
    const late = await connect(srv.url, { token: 'demo-board-1' });
    sockets.push(late.socket);
    expect(late.snapshot?.loads.find((l) => l.serviceId === 'percepatan')?.estimatedWaitMinutes).toBe(6);
  });

  it('the phone page of the last ticket shows the same minutes, on its stream and over HTTP', async () => {
    const token = (issued[5] as IssuedTicket).print.trackingUrl.split('/').pop() ?? '';
    const phone = await followTicket(srv.url, token);
    phones.push(phone);
    const update = phone.updates[0] as TrackUpdate;
    expect(update.number).toBe('D006');
    expect(update.peopleAhead).toBe(5);
    expect(update.estimatedWaitMinutes).toBe(6);
    const http = await api<TrackUpdate>(srv.url, 'GET', `/api/track/${token}`);
    expect(http.body.estimatedWaitMinutes).toBe(6);
  });
});
