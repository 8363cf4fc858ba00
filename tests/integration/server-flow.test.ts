import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BookingRow, CallAnnouncement, IssuedTicket, TrackUpdate } from '@giliran/shared';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import {
  api,
  closeAll,
  connect,
  demoBookings,
  inWindow,
  login,
  ok,
  pairDevice,
  pickBookings,
  request,
  TEST_CLOCK_START,
  TEST_DATE,
  waitForCall,
  type ClientSocket,
  type Connected,
} from '../support/clients.ts';
import { followTicket, type FollowedTicket } from '../support/phone-stream.ts';

/** The whole day at one office through real sockets: kiosk → counter → board → phone. */
describe('server flow', () => {
  let srv: ServerProcess;
  let board: Connected;
  let kiosk: ClientSocket;
  let kioskReceived: Connected['received'];
  let adminToken: string;
  const sockets: ClientSocket[] = [];
  const phones: FollowedTicket[] = [];
  const rows = demoBookings(TEST_DATE);
  const taken = new Set<string>();
  /** Bookings checked in during this run: their personal data must never reach the board. */
  const checkedIn: BookingRow[] = [];
  const trackTokens: string[] = [];
  const accountSize = new Map<string, number>();
  for (const r of rows) accountSize.set(r.account_id, (accountSize.get(r.account_id) ?? 0) + 1);
  const single = (r: BookingRow) => inWindow(r) && accountSize.get(r.account_id) === 1;

  const officer = async (username: string, counterId: string): Promise<ClientSocket> => {
    const token = await login(srv.url, username);
    const c = await connect(srv.url, { token });
    sockets.push(c.socket);
    await ok(c.socket, 'counter:open', { counterId });
    return c.socket;
  };
  const newKiosk = async (name: string): Promise<ClientSocket> => {
    const { token } = await pairDevice(srv.url, adminToken, 'kiosk', name);
    const c = await connect(srv.url, { token });
    sockets.push(c.socket);
    return c.socket;
  };
  const remember = (issued: IssuedTicket[]) => {
    for (const t of issued) trackTokens.push(t.print.trackingUrl.split('/').pop() ?? '');
  };

  beforeAll(async () => {
    srv = await startServerProcess({ clockStart: TEST_CLOCK_START });
    adminToken = await login(srv.url, 'admin');
    board = await connect(srv.url, { token: 'demo-board-1' });
    const k = await connect(srv.url, { token: 'demo-kiosk-1' });
    kiosk = k.socket;
    kioskReceived = k.received;
    sockets.push(board.socket, kiosk);
  });

  afterAll(async () => {
    closeAll(...sockets);
    for (const p of phones) p.close();
    await srv?.close();
  });

  let byCode: IssuedTicket;
  let byNik: IssuedTicket;
  let walkin: IssuedTicket;

  it('checks in a booking by code: lookup then confirm', async () => {
    const [b] = pickBookings(rows, single, taken) as [BookingRow];
    const look = await ok(kiosk, 'checkin:lookup', { method: 'code', value: b.booking_code });
    expect(look.candidates).toHaveLength(1);
    expect(look.candidates[0]?.assessment.kind).toBe('ok');
    expect(look.candidates[0]?.maskedName).not.toBe(b.full_name);
    const conf = await ok(kiosk, 'checkin:confirm', { bookingCodes: [b.booking_code] });
    expect(conf.tickets).toHaveLength(1);
    byCode = conf.tickets[0] as IssuedTicket;
    expect(byCode.ticket.number).toMatch(/^A\d{3}$/);
    expect(byCode.print.reprint).toBe(false);
    checkedIn.push(b);
    remember(conf.tickets);
  });

  it('checks in a booking by NIK', async () => {
    const [b] = pickBookings(rows, single, taken) as [BookingRow];
    const look = await ok(kiosk, 'checkin:lookup', { method: 'nik', value: b.nik });
    expect(look.candidates.map((c) => c.bookingCode)).toEqual([b.booking_code]);
    expect(look.candidates[0]?.maskedNik).not.toContain(b.nik);
    const conf = await ok(kiosk, 'checkin:confirm', { bookingCodes: [b.booking_code] });
    byNik = conf.tickets[0] as IssuedTicket;
    expect(byNik.ticket.number).toMatch(/^A\d{3}$/);
    expect(byNik.ticket.number).not.toBe(byCode.ticket.number);
    checkedIn.push(b);
    remember(conf.tickets);
  });

  it('issues a walk-in ticket', async () => {
    const conf = await ok(kiosk, 'ticket:walkin', { serviceId: 'informasi' });
    walkin = conf.tickets[0] as IssuedTicket;
    expect(walkin.ticket.number).toBe('F001');
    remember(conf.tickets);
  });

  it('reprints, never re-issues, a booking already checked in', async () => {
    // A supervisor's snapshot holds every ticket of the day (a board's only those on counters).
    const supervisor = await login(srv.url, 'supervisor');
    const before = await connect(srv.url, { token: supervisor });
    sockets.push(before.socket);
    const b = checkedIn[0] as BookingRow;
    const look = await ok(kiosk, 'checkin:lookup', { method: 'code', value: b.booking_code });
    expect(look.candidates[0]?.assessment).toEqual({ kind: 'already', ticketNumber: byCode.ticket.number });
    const again = await ok(kiosk, 'checkin:confirm', { bookingCodes: [b.booking_code] });
    expect(again.tickets).toHaveLength(1);
    expect(again.tickets[0]?.ticket.number).toBe(byCode.ticket.number);
    expect(again.tickets[0]?.ticket.id).toBe(byCode.ticket.id);
    expect(again.tickets[0]?.print.reprint).toBe(true);
    const after = await connect(srv.url, { token: supervisor });
    sockets.push(after.socket);
    expect(after.snapshot?.tickets.length).toBe(before.snapshot?.tickets.length);
  });

  it('calls, recalls, refuses an early no-show, reinstates, transfers and completes', async () => {
    const c1 = await officer('petugas1', 'loket-1');
    const calledP = waitForCall(board.socket, (c) => c.counterId === 'loket-1' && c.recall === 0);
    const call = await ok(c1, 'ticket:call', {});
    expect(call.tickets).toHaveLength(1);
    const t = call.tickets[0];
    if (!t) throw new Error('no ticket called');
    expect([byCode.ticket.id, byNik.ticket.id]).toContain(t.id);
    const announced = await calledP;
    expect(announced.numbers).toEqual([t.number]);
    expect(announced.counterNumber).toBe(1);

    const recallP = waitForCall(board.socket, (c) => c.recall === 1);
    await ok(c1, 'ticket:recall', {});
    expect((await recallP).numbers).toEqual([t.number]);

    const early = await request(c1, 'ticket:noShow', {});
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.error.code).toBe('no_show_too_early');

    await ok(c1, 'ticket:recall', {});
    const ns = await ok(c1, 'ticket:noShow', {});
    expect(ns.tickets[0]?.status).toBe('no_show');
    expect(ns.counter.ticketIds).toEqual([]);

    const sup = await connect(srv.url, { token: await login(srv.url, 'supervisor') });
    sockets.push(sup.socket);
    const back = await ok(sup.socket, 'ticket:reinstate', { ticketId: t.id });
    expect(back.ticket.status).toBe('waiting');
    const again = await request(sup.socket, 'ticket:reinstate', { ticketId: t.id });
    expect(again.ok).toBe(false);

    // It keeps its original place: called again before the other booked ticket checked in later.
    const call2 = await ok(c1, 'ticket:call', {});
    expect(call2.tickets.map((x) => x.id)).toEqual([t.id]);
    expect(call2.tickets[0]?.servingSince).toBeNull();
    const serving = await ok(c1, 'ticket:start', {});
    expect(serving.tickets[0]?.status).toBe('serving');
    expect(serving.tickets[0]?.servingSince).toEqual(expect.any(Number));
    const moved = await ok(c1, 'ticket:transfer', {});
    expect(moved.tickets[0]?.stageId).toBe('foto');
    expect(moved.tickets[0]?.status).toBe('waiting');
    expect(moved.counter.ticketIds).toEqual([]);

    const c4 = await officer('petugas4', 'loket-4');
    const call4 = await ok(c4, 'ticket:call', {});
    expect(call4.tickets.map((x) => x.id)).toEqual([t.id]);
    expect(call4.counter.counterId).toBe('loket-4');
    await ok(c4, 'ticket:start', {});
    const last = await request(c4, 'ticket:transfer', {});
    expect(last.ok).toBe(false);
    if (!last.ok) expect(last.error.code).toBe('no_next_stage');
    const done = await ok(c4, 'ticket:complete', {});
    expect(done.tickets[0]?.status).toBe('done');
  });

  it('checks a family in together and calls it as one group', async () => {
    const fam = [...accountSize].find(
      ([acc, n]) =>
        n >= 2 &&
        rows.filter((r) => r.account_id === acc).every((r) => inWindow(r) && !taken.has(r.booking_code)),
    );
    if (!fam) throw new Error('no demo family in window');
    const members = rows.filter((r) => r.account_id === fam[0]);
    for (const m of members) taken.add(m.booking_code);
    const look = await ok(kiosk, 'checkin:lookup', { method: 'code', value: members[0]?.booking_code ?? '' });
    expect(look.candidates.map((c) => c.bookingCode).sort()).toEqual(
      members.map((m) => m.booking_code).sort(),
    );
    const conf = await ok(kiosk, 'checkin:confirm', {
      bookingCodes: look.candidates.map((c) => c.bookingCode),
    });
    checkedIn.push(...members);
    remember(conf.tickets);
    const seqs = conf.tickets.map((t) => Number(t.ticket.number.slice(1)));
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBe((seqs[i - 1] as number) + 1);
    const group = conf.tickets[0]?.ticket.groupId;
    expect(group).toBeTruthy();
    for (const t of conf.tickets) expect(t.ticket.groupId).toBe(group);

    const famIds = conf.tickets.map((t) => t.ticket.id).sort();
    const c2 = await officer('petugas2', 'loket-2');
    let found = false;
    for (let i = 0; i < 10 && !found; i++) {
      const calledP = waitForCall(board.socket, (c) => c.counterId === 'loket-2');
      const r = await ok(c2, 'ticket:call', {});
      const ann: CallAnnouncement = await calledP;
      if (r.tickets.some((t) => t.groupId === group)) {
        expect(r.tickets.map((t) => t.id).sort()).toEqual(famIds);
        expect(r.counter.ticketIds.slice().sort()).toEqual(famIds);
        expect(ann.numbers.slice().sort()).toEqual(conf.tickets.map((t) => t.ticket.number).sort());
        found = true;
      }
      await ok(c2, 'ticket:complete', {});
    }
    expect(found).toBe(true);
  });

  it('refuses unpaid, cancelled, other-date and other-office bookings with the right assessment', async () => {
    const k = await newKiosk('Kiosk refusals');
    const cases: [string, (r: BookingRow) => boolean][] = [
      [
        'unpaid',
        (r) => r.payment_status === 'unpaid' && r.arrival_date === TEST_DATE && r.office_code === 'DPS',
      ],
      ['cancelled', (r) => r.payment_status === 'cancelled'],
      ['other_date', (r) => r.arrival_date !== TEST_DATE && r.payment_status === 'paid'],
      ['other_office', (r) => r.office_code !== 'DPS' && r.payment_status === 'paid'],
    ];
    for (const [kind, pred] of cases) {
      const [b] = pickBookings(rows, pred, taken) as [BookingRow];
      const look = await ok(k, 'checkin:lookup', { method: 'code', value: b.booking_code });
      const mine = look.candidates.find((c) => c.bookingCode === b.booking_code);
      expect(mine?.assessment.kind, kind).toBe(kind);
      const conf = await request(k, 'checkin:confirm', { bookingCodes: [b.booking_code] });
      expect(conf.ok, kind).toBe(false);
      if (!conf.ok) expect(conf.error.code, kind).toBe('booking_not_eligible');
    }
    const unknown = await request(k, 'checkin:lookup', { method: 'code', value: 'ZZ99999999' });
    expect(unknown.ok ? null : unknown.error.code).toBe('booking_not_found');
    const badNik = await request(k, 'checkin:lookup', { method: 'nik', value: '1234567890123456' });
    expect(badNik.ok ? null : badNik.error.code).toBe('invalid_nik');
    const unknownConfirm = await request(k, 'checkin:confirm', { bookingCodes: ['ZZ99999999'] });
    expect(unknownConfirm.ok ? null : unknownConfirm.error.code).toBe('booking_not_found');
  });

  it('rate-limits NIK look-ups per kiosk', async () => {
    const k = await newKiosk('Kiosk rate');
    const nik = (rows.find((r) => r.payment_status === 'cancelled') as BookingRow).nik;
    const codes: string[] = [];
    for (let i = 0; i < 11; i++) {
      const r = await request(k, 'checkin:lookup', { method: 'nik', value: nik });
      codes.push(r.ok ? 'ok' : r.error.code);
    }
    expect(codes.slice(0, 10)).not.toContain('rate_limited');
    expect(codes[10]).toBe('rate_limited');
    // Another kiosk is not affected.
    const other = await newKiosk('Kiosk rate 2');
    const r = await request(other, 'checkin:lookup', { method: 'nik', value: nik });
    expect(r.ok ? 'ok' : r.error.code).not.toBe('rate_limited');
  });

  it('follows a ticket on a phone: position, then the call alert within 2 s; HTTP the same', async () => {
    const token = walkin.print.trackingUrl.split('/').pop() ?? '';
    expect(token.length).toBeGreaterThan(10);
    const phone = await followTicket(srv.url, token);
    phones.push(phone);
    const initial = phone.updates[0];
    expect(initial?.number).toBe('F001');
    expect(initial?.peopleAhead).toBe(0);
    expect(initial?.status).toBe('waiting');
    // The phone shows times in the office's zone, whatever zone the phone itself is set to.
    expect(initial?.timeZone).toBe('Asia/Makassar');

    const http = await api<TrackUpdate>(srv.url, 'GET', `/api/track/${token}`);
    expect(http.status).toBe(200);
    expect(http.body.number).toBe('F001');
    expect(http.body.peopleAhead).toBe(0);

    const c8 = await officer('petugas8', 'loket-8');
    const alertP = phone.next((u) => u.status === 'called', 2_500);
    const t0 = Date.now();
    const call = await ok(c8, 'ticket:call', {});
    expect(call.tickets[0]?.number).toBe('F001');
    const alert = await alertP;
    const latency = Date.now() - t0;
    expect(alert?.counterNumber).toBe(8);
    expect(latency).toBeLessThan(2_000);
    const httpCalled = await api<TrackUpdate>(srv.url, 'GET', `/api/track/${token}`);
    expect(httpCalled.body.counterNumber).toBe(8);
    expect((await api(srv.url, 'GET', '/api/track/nope-not-a-token')).status).toBe(404);

    const phoneJson = JSON.stringify(phone.updates) + JSON.stringify(http.body);
    expectNoPersonalData(
      phoneJson,
      'phone',
      trackTokens.filter((t) => t !== token),
    );
  });

  it('"Selesai" at verifikasi sends the applicant on to foto; the phone says waiting, not done', async () => {
    const [b] = pickBookings(rows, single, taken) as [BookingRow];
    const conf = await ok(kiosk, 'checkin:confirm', { bookingCodes: [b.booking_code] });
    checkedIn.push(b);
    remember(conf.tickets);
    const mine = conf.tickets[0] as IssuedTicket;
    const phone = await followTicket(srv.url, mine.print.trackingUrl.split('/').pop() ?? '');
    phones.push(phone);
    const c3 = await officer('petugas3', 'loket-3');
    for (let i = 0; i < 20; i++) {
      const r = await ok(c3, 'ticket:call', {});
      if (r.tickets.some((t) => t.id === mine.ticket.id)) break;
      await ok(c3, 'ticket:complete', {});
    }
    await ok(c3, 'ticket:start', {});
    const movedP = phone.next((u) => u.stageName.id === 'Foto & wawancara', 3_000);
    const done = await ok(c3, 'ticket:complete', {});
    expect(done.tickets.map((t) => [t.id, t.status, t.stageId])).toEqual([
      [mine.ticket.id, 'waiting', 'foto'],
    ]);
    const update = await movedP;
    expect(update?.status).toBe('waiting');
  });

  it('never sends personal data to a board', () => {
    expect(checkedIn.length).toBeGreaterThanOrEqual(4);
    expect(board.received.some((e) => e.event === 'queue:changes')).toBe(true);
    const json = JSON.stringify(board.snapshot) + JSON.stringify(board.received);
    expectNoPersonalData(json, 'board', trackTokens);
  });

  it('sends kiosks no queue broadcasts, only their snapshot (they print the wait at issue time)', () => {
    expect(board.received.filter((e) => e.event === 'queue:changes').length).toBeGreaterThan(0);
    expect(kioskReceived.map((e) => e.event).filter((e) => e !== 'queue:snapshot')).toEqual([]);
  });

  function expectNoPersonalData(json: string, who: string, tokens: string[]): void {
    for (const b of checkedIn) {
      expect(json, `${who}: full name`).not.toContain(b.full_name);
      expect(json, `${who}: NIK`).not.toContain(b.nik);
      expect(json, `${who}: masked NIK`).not.toContain(`${b.nik.slice(0, 4)}********`);
      expect(json, `${who}: booking code`).not.toContain(b.booking_code);
    }
    expect(json, `${who}: any masked NIK`).not.toMatch(/\d{4}\*{4,}\d{4}/);
    for (const t of tokens) expect(json, `${who}: track token`).not.toContain(t);
  }
});
