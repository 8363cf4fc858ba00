/**
 * Kiosk scan → ticket bytes at the printer, over 100 check-ins (issue 4).
 *
 * What a browser-mode kiosk does after a QR scan, over a real Socket.IO connection to a real server
 * process: `checkin:lookup {method:'qr'}` → `checkin:confirm` → `ticket:print`, which the server
 * encodes and sends to the kiosk's network printer — here the virtual printer. The clock stops
 * when the printer has decoded the whole receipt (up to its cut), not at the acknowledgement
 * (which also waits for the printer's status read-back). The applicant's taps are not included.
 *
 * Run: `npx tsx tests/bench/kiosk-scan-to-print.ts [count]`; prints JSON, also written to
 * bench-results/kiosk-scan-to-print.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import { createVirtualPrinter, type Receipt } from '@giliran/hardware';
import { generateDemoBookings } from '@giliran/server';
import {
  officeDay,
  type AckResponse,
  type CheckinCandidate,
  type IssuedTicket,
  type PrintResult,
} from '@giliran/shared';
import { startServerProcess } from '../support/server-process.ts';

const count = Number(process.argv[2] ?? 100);
const repoRoot = resolve(import.meta.dirname, '../..');
const today = officeDay(Date.now(), 'Asia/Makassar');

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)]!;
}

function summary(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return { median: r(percentile(s, 50)), p99: r(percentile(s, 99)), min: r(s[0]!), max: r(s[s.length - 1]!) };
}

const printer = await createVirtualPrinter({ port: 0 });
const server = await startServerProcess({
  clockStart: `${today}T10:00`,
  env: { GILIRAN_DEMO_PRINTER: printer.uri },
});
const socket = io(server.url, { auth: { token: 'demo-kiosk-1' }, transports: ['websocket'], forceNew: true });

async function ask<T>(event: string, payload: unknown): Promise<T> {
  const res = (await socket.timeout(10_000).emitWithAck(event, payload)) as AckResponse<T>;
  if (!res.ok) throw new Error(`${event}: ${res.error.code} ${res.error.message}`);
  return res.data;
}

try {
  await new Promise<void>((ok, fail) => {
    socket.once('connect', () => ok());
    socket.once('connect_error', fail);
  });
  const bookings = generateDemoBookings({ date: today, officeCode: 'DPS' }).filter(
    (r) =>
      r.arrival_date === today &&
      r.office_code === 'DPS' &&
      r.payment_status === 'paid' &&
      ['09:00', '10:00', '11:00'].includes(r.window_start),
  );
  if (bookings.length < count) throw new Error(`only ${bookings.length} bookings can check in at 10:00`);

  const total: number[] = [];
  const lookup: number[] = [];
  const confirm: number[] = [];
  const toPaper: number[] = [];
  for (const b of bookings.slice(0, count)) {
    const t0 = performance.now();
    const { candidates } = await ask<{ candidates: CheckinCandidate[] }>('checkin:lookup', {
      method: 'qr',
      value: `${b.booking_code}|DPS|${today}`,
    });
    if (!candidates.some((c) => c.bookingCode === b.booking_code))
      throw new Error(`lookup missed ${b.booking_code}`);
    const t1 = performance.now();
    const { tickets } = await ask<{ tickets: IssuedTicket[] }>('checkin:confirm', {
      bookingCodes: [b.booking_code],
    });
    const t2 = performance.now();
    const paper = printer.waitForReceipt(10_000);
    const ack = ask<{ result: PrintResult }>('ticket:print', { ticketIds: tickets.map((t) => t.ticket.id) });
    const receipt: Receipt = await paper;
    const t3 = performance.now();
    const { result } = await ack;
    if (!result.ok) throw new Error(`print failed: ${result.reason}`);
    const number = tickets[0]!.print.number;
    if (!receipt.lines.some((l) => l.text.includes(number))) throw new Error(`receipt lacks ${number}`);
    total.push(t3 - t0);
    lookup.push(t1 - t0);
    confirm.push(t2 - t1);
    toPaper.push(t3 - t2);
  }
  const report = {
    benchmark: 'kiosk scan → ticket bytes at printer (browser mode, server prints, virtual printer on TCP)',
    checkIns: count,
    ms: {
      scanToPrinter: summary(total),
      lookup: summary(lookup),
      confirm: summary(confirm),
      printToReceipt: summary(toPaper),
    },
    node: process.version,
    at: new Date().toISOString(),
  };
  const out = join(repoRoot, 'bench-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'kiosk-scan-to-print.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(report, null, 2));
} finally {
  socket.close();
  await server.close();
  await printer.close();
}
