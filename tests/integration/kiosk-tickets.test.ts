import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVirtualPrinter, receiptToText, type VirtualPrinter } from '@giliran/hardware';
import {
  createApp,
  DEFAULT_CONFIG_PATH,
  hardwarePrinter,
  loadOfficeConfig,
  ManualClock,
  seedDemo,
  type App,
} from '@giliran/server';
import { localToInstant, type BookingRow, type DeviceHealth } from '@giliran/shared';
import { closeAll, connect, login, ok, type ClientSocket, type Connected } from '../support/clients.ts';
import { tempDir } from '../support/temp-dir.ts';

/**
 * What a kiosk receives and what the server prints for it (browser kiosks): a real server on a
 * loopback port, a real SQLite file, the virtual printer over TCP decoding the real ESC/POS bytes.
 */

const DAY = '2026-03-10';
const config = loadOfficeConfig(DEFAULT_CONFIG_PATH);
const clock = new ManualClock(localToInstant(DAY, '10:05', config.office.timeZone));

/** One M-Paspor account, three people: long Balinese names, three birth dates. */
const FAMILY: BookingRow[] = [
  {
    booking_code: 'FAMA000001',
    nik: '5171010508850003',
    full_name: 'NYOMAN WIRAWAN ADI PUTRA',
    birth_date: '1985-08-05',
    application_type: 'penggantian',
  },
  {
    booking_code: 'FAMA000002',
    nik: '5171016412880004',
    full_name: 'NI LUH PUTU AYU SRI WAHYUNI',
    birth_date: '1988-12-24',
    application_type: 'baru',
  },
  {
    booking_code: 'FAMA000003',
    nik: '5171010103120005',
    full_name: 'I KETUT ARYA WIGUNA',
    birth_date: '2012-03-01',
    application_type: 'anak',
  },
].map((b) => ({
  ...b,
  application_type: b.application_type as BookingRow['application_type'],
  office_code: 'DPS',
  arrival_date: DAY,
  window_start: '10:00',
  window_end: '11:00',
  payment_status: 'paid' as const,
  account_id: 'ACC-FAMILY-TEST',
}));

/** Every string anywhere in a value (acks and events as the kiosk received them). */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

const REPRINT = 'CETAK ULANG / REPRINT';

describe('kiosk check-in and server printing', () => {
  const dir = tempDir('kiosk-tickets', afterAll); // removed last (hooks run last-first)
  let printer: VirtualPrinter;
  let app: App;
  let url: string;
  let kiosk: Connected;
  /** Every acknowledgement the kiosk got, beside `kiosk.received` (every event). */
  const acks: unknown[] = [];
  const ask: typeof ok = async (socket, event, payload) => {
    const data = await ok(socket, event, payload);
    acks.push(data);
    return data;
  };

  beforeAll(async () => {
    printer = await createVirtualPrinter({ port: 0 });
    app = createApp({ config, dataDir: dir, clock, printer: await hardwarePrinter() });
    await seedDemo(app, { kioskPrinterUri: printer.uri });
    app.bookings.upsertAll(FAMILY, clock.now());
    url = `http://127.0.0.1:${await app.listen(0, '127.0.0.1')}`;
    kiosk = await connect(url, { token: 'demo-kiosk-1' });
  });

  afterAll(async () => {
    closeAll(kiosk?.socket);
    await app?.close();
    await printer?.close();
  });

  it('shows a family recognisably: masked names, birth day and month, window; never more', async () => {
    const { candidates } = await ask(kiosk.socket, 'checkin:lookup', { method: 'code', value: 'FAMA000001' });
    expect(
      candidates.map((c) => [c.bookingCode, c.maskedName, c.birthDayMonth, c.window.start, c.window.end]),
    ).toEqual([
      ['FAMA000001', 'NYOMAN W*** A*** P***', '08-05', '10:00', '11:00'],
      ['FAMA000002', 'NI LUH P*** A*** S*** W***', '12-24', '10:00', '11:00'],
      ['FAMA000003', 'I KETUT A*** W***', '03-01', '10:00', '11:00'],
    ]);
    const byNik = await ask(kiosk.socket, 'checkin:lookup', { method: 'nik', value: '5171016412880004' });
    expect(byNik.candidates.map((c) => c.maskedName)).toContain('NI LUH P*** A*** S*** W***');

    // The family result says which number is whose, on screen and on paper.
    const receipts = [0, 1, 2].map(() => printer.waitForReceipt(10_000));
    const { tickets } = await ask(kiosk.socket, 'checkin:confirm', {
      bookingCodes: FAMILY.map((b) => b.booking_code),
    });
    expect(tickets.map((t) => [t.print.number, t.print.maskedName])).toEqual([
      ['A001', 'NYOMAN W*** A*** P***'],
      ['A002', 'NI LUH P*** A*** S*** W***'],
      ['A003', 'I KETUT A*** W***'],
    ]);
    const { result } = await ask(kiosk.socket, 'ticket:print', {
      ticketIds: tickets.map((t) => t.ticket.id),
    });
    expect(result.ok).toBe(true);
    const papers = (await Promise.all(receipts)).map((r) => receiptToText(r));
    expect(papers.map((p) => [p.includes('A001'), p.includes('A002'), p.includes('A003')])).toEqual([
      [true, false, false],
      [false, true, false],
      [false, false, true],
    ]);
    expect(papers[0]).toContain('Atas nama: NYOMAN W*** A*** P***');
    expect(papers[1]).toContain('Atas nama: NI LUH P*** A*** S*** W***');
    expect(papers[2]).toContain('Atas nama: I KETUT A*** W***');
    for (const p of papers) expect(p).not.toContain(REPRINT);

    // Nothing the kiosk received names anyone in full or gives a birth year.
    const seen = strings([acks, kiosk.received]).join('\n');
    for (const word of ['WIRAWAN', 'ADI PUTRA', 'WAHYUNI', 'SRI', 'ARYA', 'WIGUNA'])
      expect(seen).not.toContain(word);
    for (const b of FAMILY) {
      expect(seen).not.toContain(b.full_name);
      expect(seen).not.toContain(b.birth_date);
      expect(seen).not.toContain(b.birth_date.slice(0, 4)); // no year in any form
      expect(seen).not.toContain(b.nik);
    }
  });

  it('marks a reprint as such on paper when an applicant checks in again (browser kiosk)', async () => {
    const { candidates } = await ask(kiosk.socket, 'checkin:lookup', { method: 'code', value: 'FAMA000002' });
    expect(candidates.find((c) => c.bookingCode === 'FAMA000002')?.assessment).toEqual({
      kind: 'already',
      ticketNumber: 'A002',
    });
    const { tickets } = await ask(kiosk.socket, 'checkin:confirm', { bookingCodes: ['FAMA000002'] });
    expect(tickets.map((t) => [t.print.number, t.print.reprint])).toEqual([['A002', true]]);
    const receipt = printer.waitForReceipt(10_000);
    const ids = tickets.map((t) => t.ticket.id);
    await ask(kiosk.socket, 'ticket:print', { ticketIds: ids, reprints: ids });
    const lines = (await receipt).lines.map((l) => l.text);
    expect(lines.filter((l) => l === REPRINT)).toHaveLength(2); // above and below the ticket
    expect(lines).toContain('A002');

    // A first print of a new ticket stays unmarked.
    const next = printer.waitForReceipt(10_000);
    const walkin = await ask(kiosk.socket, 'ticket:walkin', { serviceId: 'informasi' });
    await ask(kiosk.socket, 'ticket:print', {
      ticketIds: walkin.tickets.map((t) => t.ticket.id),
      reprints: [],
    });
    expect((await next).lines.map((l) => l.text)).not.toContain(REPRINT);
  });

  it('records the printer as ready after a good print, a fault after a failed one, ready again after', async () => {
    const supervisor = await connect(url, { token: await login(url, 'supervisor') });
    const kiosk2 = await connect(url, { token: 'demo-kiosk-2' });
    try {
      const health: DeviceHealth[][] = [];
      supervisor.socket.on('device:health', (h) => health.push(h));
      const printerOf = () => health.at(-1)?.find((d) => d.deviceId === 'demo-kiosk-2');
      const printWalkIn = async (socket: ClientSocket) => {
        const { tickets } = await ok(socket, 'ticket:walkin', { serviceId: 'pengambilan' });
        return (await ok(socket, 'ticket:print', { ticketIds: tickets.map((t) => t.ticket.id) })).result;
      };
      const READY = { online: true, paperNearEnd: false, paperOut: false, coverOpen: false, error: false };

      expect((await printWalkIn(kiosk2.socket)).ok).toBe(true);
      await expect.poll(() => printerOf()).toMatchObject({ printer: READY, printerFault: null });

      printer.setFaults({ paperOut: true });
      expect(await printWalkIn(kiosk2.socket)).toMatchObject({ ok: false, reason: 'paper_out' });
      await expect.poll(() => printerOf()?.printerFault).toBe('paper_out');

      printer.setFaults({ paperNearEnd: true });
      expect((await printWalkIn(kiosk2.socket)).ok).toBe(true);
      await expect
        .poll(() => printerOf())
        .toMatchObject({ printer: { ...READY, paperNearEnd: true }, printerFault: null });
    } finally {
      printer.setFaults({});
      closeAll(supervisor.socket, kiosk2.socket);
    }
  });
});
