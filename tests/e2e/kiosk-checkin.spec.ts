import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { io } from 'socket.io-client';
import { receiptToText, type Receipt, type VirtualPrinter } from '@giliran/hardware';
import { generateDemoBookings } from '@giliran/server';
import { maskName, maskNik, officeDay, type AckResponse, type BookingRow } from '@giliran/shared';
import type { ServerProcess } from '../support/server-process.ts';
import { scanBurst, serverWithVirtualPrinter } from './support.ts';

/**
 * Issue 4 end to end: the kiosk renderer in Debian's Chromium (browser mode: no Electron bridge)
 * against a real server process that prints on the virtual printer. Each path ends at paper (or at
 * the screen that replaces it).
 */

const TZ = 'Asia/Makassar';
const repoRoot = resolve(import.meta.dirname, '../..');
const shots = join(repoRoot, 'tests/artifacts/screenshots');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const today = officeDay(Date.now(), TZ);
const rows = generateDemoBookings({ date: today, officeCode: 'DPS' });

let server: ServerProcess;
let printer: VirtualPrinter;
/** The booking the first test checks in, and its number (checked in again later: a reprint). */
let checkedIn: { booking: BookingRow; number: string } | null = null;

/** `1985-08-05` → `5 Agustus`: day and month as Chromium's own Indonesian calendar names them. */
function dayMonthId(birthDate: string): string {
  return new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(`${birthDate}T00:00:00Z`),
  );
}

// ─── Demo bookings picked by their properties ───────────────────────────────────────────────────

const accountSize = new Map<string, number>();
for (const r of rows) accountSize.set(r.account_id, (accountSize.get(r.account_id) ?? 0) + 1);
const used = new Set<string>();
const isToday = (r: BookingRow) => r.arrival_date === today && r.office_code === 'DPS';

function take(what: string, pred: (r: BookingRow) => boolean): BookingRow {
  const row = rows.find((r) => !used.has(r.booking_code) && pred(r));
  if (!row) throw new Error(`demo data for ${today} has no ${what}`);
  used.add(row.booking_code);
  return row;
}
const single = (r: BookingRow) => accountSize.get(r.account_id) === 1;
const okAt10 = (r: BookingRow) =>
  isToday(r) && r.payment_status === 'paid' && ['09:00', '10:00', '11:00'].includes(r.window_start);

function family(): BookingRow[] {
  for (const [account, n] of accountSize) {
    if (n < 2) continue;
    const members = rows.filter((r) => r.account_id === account);
    if (members.every(okAt10)) {
      members.forEach((m) => used.add(m.booking_code));
      return members;
    }
  }
  throw new Error('demo data has no paid family booked around 10:00 today');
}

// ─── Helpers ─────────────────────────────────────────────────────────────────────────────────────

async function openKiosk(page: Page, token = 'demo-kiosk-1'): Promise<void> {
  await page.goto(`${server.url}/kiosk/?token=${token}`);
  await expect(page.locator('[data-screen="idle"]')).toBeVisible();
}

/** A keyboard-wedge scanner: a fast burst of characters and Enter. */
async function scan(page: Page, payload: string): Promise<void> {
  await scanBurst(page, payload);
}

/** The real keyboard path: keys one by one over DevTools, as fast as it goes. */
async function typeScan(page: Page, payload: string): Promise<void> {
  await page.keyboard.type(payload, { delay: 5 });
  await page.keyboard.press('Enter');
}

async function tapKeys(page: Page, text: string): Promise<void> {
  for (const ch of text)
    await page.getByRole('group', { name: 'Keypad' }).getByRole('button', { name: ch, exact: true }).click();
}

function receiptText(r: Receipt): string {
  return receiptToText(r).replace(/\s+/g, ' ');
}

/** Printed text compared loosely: the printer wraps lines and transliterates to its codepage. */
function printable(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

async function expectNoSeriousAxeViolations(page: Page, label: string): Promise<void> {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            opts: object,
          ) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown }[] }[] }>;
        };
      }
    ).axe;
    const res = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
    });
    return res.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 3),
    }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `${label}: ${JSON.stringify(serious, null, 1)}`).toEqual([]);
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, name) });
}

// ─── Server and printer ──────────────────────────────────────────────────────────────────────────

test.use({ bypassCSP: true, viewport: { width: 1080, height: 1920 } });

let closeServer: () => Promise<void>;

test.beforeAll(async () => {
  ({ server, printer, close: closeServer } = await serverWithVirtualPrinter());
});

test.afterAll(async () => {
  await closeServer?.();
});

test.beforeEach(() => {
  printer.setFaults({});
});

// ─── Tests ───────────────────────────────────────────────────────────────────────────────────────

test('QR scan (keyboard wedge) → confirm → printed ticket with number and checklist', async ({ page }) => {
  const booking = take(
    'single paid booking at 10:00',
    (r) => okAt10(r) && single(r) && r.window_start === '10:00',
  );
  await openKiosk(page);
  await expectNoSeriousAxeViolations(page, 'idle');
  await screenshot(page, 'kiosk-idle-portrait.png');

  // The M-Paspor QR payload is opaque; the server extracts the code with its configured pattern.
  await typeScan(page, `${booking.booking_code}|DPS|${today}`);
  const confirm = page.locator('[data-screen="confirm"]');
  await expect(confirm).toBeVisible();
  await expect(confirm.getByTestId('masked-name')).toHaveText(maskName(booking.full_name));
  // Recognisable for an elderly applicant: the name they are called by, birth day and month.
  await expect(confirm.getByTestId('masked-name')).toContainText(
    booking.full_name.split(' ').find((w) => w.length > 2)!,
  );
  await expect(confirm.getByTestId('birth-day')).toHaveText(dayMonthId(booking.birth_date));
  await expect(confirm).not.toContainText(booking.birth_date.slice(0, 4));
  await expect(confirm).toContainText(maskNik(booking.nik).replace(/(.{4})(?=.)/g, '$1 '));
  await expect(confirm).toContainText('10:00–11:00');
  await expect(confirm).not.toContainText(booking.full_name);
  const checklist = await confirm.getByTestId('checklist').locator('li').allInnerTexts();
  expect(checklist.length).toBeGreaterThan(0);
  await expectNoSeriousAxeViolations(page, 'confirm');
  await screenshot(page, 'kiosk-confirm-portrait.png');

  const receiptPromise = printer.waitForReceipt(10_000);
  await page.getByTestId('confirm').click();
  const done = page.locator('[data-screen="done"]');
  await expect(done).toBeVisible();
  const number = (await done.getByTestId('ticket-number').innerText()).trim();
  expect(number).toMatch(/^A\d{3}$/);
  await expect(done.getByTestId('people-ahead')).toHaveText(/^\d+$/);
  await expect(done.getByTestId('estimated-wait')).toContainText(/menit/);

  checkedIn = { booking, number };
  const paper = receiptText(await receiptPromise);
  expect(paper).toContain(number);
  expect(paper).not.toContain('CETAK ULANG');
  for (const item of checklist) expect(printable(paper)).toContain(printable(item).slice(0, 20));
  expect(paper).toContain(maskName(booking.full_name).split(' ')[0]!);
  await expectNoSeriousAxeViolations(page, 'done');
  await screenshot(page, 'kiosk-done-portrait.png');

  // Done → back to idle by the applicant's own tap.
  await page.getByRole('button', { name: 'Selesai' }).click();
  await expect(page.locator('[data-screen="idle"]')).toBeVisible();
});

test('checking in again gives the same number, printed and shown as a reprint', async ({ page }) => {
  expect(checkedIn, 'the QR test checked a booking in first').not.toBeNull();
  const { booking, number } = checkedIn!;
  await openKiosk(page);
  await scan(page, booking.booking_code);
  const confirm = page.locator('[data-screen="confirm"]');
  await expect(confirm).toContainText(`Sudah terdaftar hari ini: nomor ${number}`);
  const receiptPromise = printer.waitForReceipt(10_000);
  await page.getByTestId('confirm').click();
  const done = page.locator('[data-screen="done"]');
  await expect(done.getByTestId('ticket-number')).toHaveText(number);
  await expect(done).toContainText('Cetak ulang');
  const lines = (await receiptPromise).lines.map((l) => l.text);
  expect(lines).toContain(number);
  expect(lines.filter((l) => l === 'CETAK ULANG / REPRINT')).toHaveLength(2);
});

test('NIK typed on the on-screen keypad, shown 4-4-4-4, checks in and prints', async ({ page }) => {
  const booking = take('single paid booking around 10:00', (r) => okAt10(r) && single(r));
  await openKiosk(page);
  await page.getByRole('button', { name: 'Ketik NIK' }).click();
  await expect(page.locator('[data-screen="nik"]')).toBeVisible();
  await tapKeys(page, booking.nik.slice(0, 9));
  const groups = page.getByTestId('nik-display').locator('.nik-group');
  await expect(groups.nth(0)).toHaveText(booking.nik.slice(0, 4));
  await expect(groups.nth(2)).toHaveText(`${booking.nik.slice(8, 9)}···`);
  await expect(page.getByRole('button', { name: 'Cari pendaftaran' })).toBeDisabled();
  await tapKeys(page, booking.nik.slice(9));
  await expect(groups.nth(3)).toHaveText(booking.nik.slice(12));
  await expectNoSeriousAxeViolations(page, 'nik entry');
  await page.getByRole('button', { name: 'Cari pendaftaran' }).click();
  await expect(page.locator('[data-screen="confirm"]')).toContainText(booking.booking_code);
  const receiptPromise = printer.waitForReceipt(10_000);
  await page.getByTestId('confirm').click();
  const number = (await page.getByTestId('ticket-number').innerText()).trim();
  expect(receiptText(await receiptPromise)).toContain(number);
});

test('booking code on the alphanumeric keypad, in English', async ({ page }) => {
  const booking = take('single paid booking around 10:00', (r) => okAt10(r) && single(r));
  await openKiosk(page);
  await page.getByTestId('lang').click();
  await expect(page.getByRole('heading', { name: 'Scan your M-Paspor QR code' })).toBeVisible();
  await page.getByRole('button', { name: 'Type booking code' }).click();
  await tapKeys(page, booking.booking_code);
  await expect(page.getByTestId('code-display')).toHaveText(booking.booking_code);
  await page.getByRole('button', { name: 'Find booking' }).click();
  await expect(page.getByRole('heading', { name: 'Check your booking' })).toBeVisible();
  const receiptPromise = printer.waitForReceipt(10_000);
  await page.getByTestId('confirm').click();
  await expect(page.getByRole('heading', { name: 'Your queue number' })).toBeVisible();
  const number = (await page.getByTestId('ticket-number').innerText()).trim();
  expect(receiptText(await receiptPromise)).toContain(number);
});

test('a family picks who is here and gets consecutive numbers, one ticket each', async ({ page }) => {
  const members = family();
  await openKiosk(page);
  await scan(page, members[0]!.booking_code);
  const confirm = page.locator('[data-screen="confirm"]');
  await expect(confirm).toBeVisible();
  for (const m of members) await expect(confirm).toContainText(m.booking_code);
  // Leave the last member out (not here yet), confirm the others together.
  const absent = members[members.length - 1]!;
  await page.getByTestId(`toggle-${absent.booking_code}`).click();
  const present = members.slice(0, -1);
  await expect(page.getByTestId('confirm')).toHaveText(
    present.length === 1 ? 'Ya, ini saya — ambil nomor' : `Ambil ${present.length} nomor antrean`,
  );
  const receipts = Array.from({ length: present.length }, () => printer.waitForReceipt(10_000));
  await page.getByTestId('confirm').click();
  await expect(page.locator('[data-screen="done"]')).toBeVisible();
  const numbers = (await page.getByTestId('ticket-number').allInnerTexts()).map((n) => n.trim());
  expect(numbers).toHaveLength(present.length);
  // Which number is whose: each ticket names its holder (masked), in the order chosen.
  const holders = await page.getByTestId('ticket-holder').allInnerTexts();
  expect(holders).toHaveLength(present.length);
  present.forEach((m, i) => {
    expect(holders[i]).toContain(m.full_name.split(' ').find((w) => w.length > 2)!);
    expect(holders[i]).not.toContain(m.full_name);
  });
  const seqs = numbers.map((n) => Number(n.slice(1)));
  seqs.forEach((s, i) => expect(s).toBe(seqs[0]! + i));
  const papers = (await Promise.all(receipts)).map(receiptText);
  numbers.forEach((n, i) => expect(papers[i]).toContain(n));
});

const refusalCases: { kind: string; title: string; pick: () => BookingRow | string }[] = [
  {
    kind: 'early',
    title: 'Anda datang terlalu awal',
    pick: () =>
      take('early booking', (r) => isToday(r) && r.payment_status === 'paid' && r.window_start >= '12:00'),
  },
  {
    kind: 'other_date',
    title: 'Jadwal Anda bukan hari ini',
    pick: () =>
      take(
        'booking for another date',
        (r) => r.arrival_date !== today && r.office_code === 'DPS' && r.payment_status !== 'cancelled',
      ),
  },
  {
    kind: 'other_office',
    title: 'Pendaftaran untuk kantor lain',
    pick: () =>
      take('booking for another office', (r) => r.office_code !== 'DPS' && r.payment_status !== 'cancelled'),
  },
  {
    kind: 'unpaid',
    title: 'Pembayaran belum diterima',
    pick: () => take('unpaid booking', (r) => isToday(r) && r.payment_status === 'unpaid'),
  },
  {
    kind: 'cancelled',
    title: 'Pendaftaran dibatalkan',
    pick: () => take('cancelled booking', (r) => r.payment_status === 'cancelled'),
  },
  { kind: 'booking_not_found', title: 'Pendaftaran tidak ditemukan', pick: () => 'ZZ00000000' },
];

for (const c of refusalCases) {
  test(`refusal screen: ${c.kind}, with next steps and walk-in options`, async ({ page }) => {
    const picked = c.pick();
    await openKiosk(page);
    await scan(page, typeof picked === 'string' ? picked : picked.booking_code);
    const screen = page.locator(`[data-screen="refusal"][data-refusal="${c.kind}"]`);
    await expect(screen).toBeVisible();
    await expect(screen.getByRole('heading', { level: 1 })).toHaveText(c.title);
    await expect(screen.locator('.steps li').first()).toBeVisible();
    await expect(screen.locator('.walkin')).toHaveCount(5);
    if (c.kind === 'other_date' && typeof picked !== 'string') {
      const [y, , d] = picked.arrival_date.split('-');
      await expect(screen).toContainText(`${Number(d)} `);
      await expect(screen).toContainText(y!);
    }
    if (c.kind === 'early') await expect(screen).toContainText(/pukul \d{2}:\d{2}/);
    await page.getByTestId('lang').click();
    await expect(screen.getByRole('heading', { level: 1 })).not.toHaveText(c.title);
    await page.getByTestId('lang').click();
    if (c.kind === 'unpaid') {
      await expectNoSeriousAxeViolations(page, 'refusal');
      await screenshot(page, 'kiosk-refusal-portrait.png');
    }
    // No dead end: a walk-in ticket straight from the refusal.
    await screen.locator('.walkin').filter({ hasText: 'Informasi' }).click();
    await expect(page.locator('[data-screen="walkin"]')).toBeVisible();
    const receiptPromise = printer.waitForReceipt(10_000);
    await page.getByTestId('confirm').click();
    await expect(page.getByTestId('ticket-number')).toHaveText(/^F\d{3}$/);
    await receiptPromise;
  });
}

test('refusal screen: invalid NIK (checked before anything is sent)', async ({ page }) => {
  await openKiosk(page);
  await page.getByRole('button', { name: 'Ketik NIK' }).click();
  await tapKeys(page, '9912345678900001');
  await page.getByRole('button', { name: 'Cari pendaftaran' }).click();
  const screen = page.locator('[data-screen="refusal"][data-refusal="invalid_nik"]');
  await expect(screen).toContainText('kode provinsi');
  await page.getByRole('button', { name: 'Coba lagi' }).click();
  await expect(page.locator('[data-screen="nik"]')).toBeVisible();
});

test('refusal screen: rate limited NIK look-ups', async ({ page }) => {
  // Spend kiosk 2's look-up budget over the socket, then try once more on its screen.
  const socket = io(server.url, {
    auth: { token: 'demo-kiosk-2' },
    transports: ['websocket'],
    forceNew: true,
  });
  try {
    let limited = false;
    for (let k = 0; k < 30 && !limited; k++) {
      const res = (await socket.timeout(5_000).emitWithAck('checkin:lookup', {
        method: 'nik',
        value: `517101410190${String(k + 1).padStart(4, '0')}`,
      })) as AckResponse<unknown>;
      limited = !res.ok && res.error.code === 'rate_limited';
    }
    expect(limited).toBe(true);
  } finally {
    socket.close();
  }
  await openKiosk(page, 'demo-kiosk-2');
  await page.getByRole('button', { name: 'Ketik NIK' }).click();
  await tapKeys(page, '5171014101909999');
  await page.getByRole('button', { name: 'Cari pendaftaran' }).click();
  await expect(page.locator('[data-screen="refusal"][data-refusal="rate_limited"]')).toBeVisible();
});

test('walk-in service from the idle screen prints its checklist', async ({ page }) => {
  await openKiosk(page);
  await page.locator('.walkin').filter({ hasText: 'Prioritas' }).click();
  await expect(page.locator('[data-screen="walkin"]')).toBeVisible();
  const receiptPromise = printer.waitForReceipt(10_000);
  await page.getByTestId('confirm').click();
  await expect(page.getByTestId('ticket-number')).toHaveText(/^B\d{3}$/);
  expect(receiptText(await receiptPromise)).toContain(await page.getByTestId('ticket-number').innerText());
});

test('printer out of paper: number and QR on screen, staff alerted, print again works', async ({ page }) => {
  const booking = take('single paid booking around 10:00', (r) => okAt10(r) && single(r));
  const staff = io(server.url, {
    auth: { token: await supervisorToken() },
    transports: ['websocket'],
    forceNew: true,
  });
  const alerts: { reason: string }[] = [];
  staff.on('staff:alert', (a: { reason: string }) => alerts.push(a));
  try {
    await new Promise<void>((ok) => staff.once('queue:snapshot', () => ok()));
    printer.setFaults({ paperOut: true });
    await openKiosk(page);
    await scan(page, booking.booking_code);
    await page.getByTestId('confirm').click();
    const failed = page.locator('[data-screen="print-failed"]');
    await expect(failed).toBeVisible({ timeout: 15_000 });
    await expect(failed).toContainText('kertas printer habis');
    const number = (await failed.getByTestId('ticket-number').innerText()).trim();
    expect(number).toMatch(/^A\d{3}$/);
    const qr = failed.getByTestId('tracking-qr');
    await expect(qr).toBeVisible();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await expect.poll(() => alerts.some((a) => a.reason === 'printer')).toBe(true);
    await expectNoSeriousAxeViolations(page, 'print failed');
    await screenshot(page, 'kiosk-print-failed-portrait.png');

    printer.setFaults({});
    const receiptPromise = printer.waitForReceipt(10_000);
    await page.getByTestId('print-again').click();
    await expect(page.locator('[data-screen="done"]')).toBeVisible();
    expect(receiptText(await receiptPromise)).toContain(number);
  } finally {
    staff.close();
  }
});

async function supervisorToken(): Promise<string> {
  const res = await fetch(`${server.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'supervisor', password: 'giliran-demo' }),
  });
  const body = (await res.json()) as { token: string };
  return body.token;
}

test('inactivity: a visible countdown, "I need more time", then back to idle', async ({ page }) => {
  await page.clock.install();
  await openKiosk(page);
  await page.getByRole('button', { name: 'Ketik NIK' }).click();
  await tapKeys(page, '5171');
  await page.clock.fastForward(61_000);
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('idle-countdown')).toContainText(/dalam \d+ detik/);
  await dialog.getByRole('button', { name: 'Saya perlu waktu lagi' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('nik-display').locator('.nik-group').first()).toHaveText('5171');
  await page.clock.fastForward(61_000);
  await expect(dialog).toBeVisible();
  await page.clock.fastForward(21_000);
  await expect(page.locator('[data-screen="idle"]')).toBeVisible();
});

test('call staff button raises a help alert', async ({ page }) => {
  await openKiosk(page);
  await page.getByTestId('call-staff').click();
  await expect(page.getByTestId('toast')).toContainText('Petugas sudah dipanggil');
});

test('pairing screen when there is no token; a bad code is refused plainly', async ({ page }) => {
  await page.goto(`${server.url}/kiosk/`);
  await expect(page.locator('[data-screen="pairing"]')).toBeVisible();
  await tapKeys(page, '000000');
  await page.getByRole('button', { name: 'Pasangkan' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expectNoSeriousAxeViolations(page, 'pairing');
});

test('landscape 1920×1080 screenshots of idle, confirm, done and refusal', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  const booking = take('single paid booking around 10:00', (r) => okAt10(r) && single(r));
  await openKiosk(page);
  await screenshot(page, 'kiosk-idle-landscape.png');
  await expectNoSeriousAxeViolations(page, 'idle landscape');
  await scan(page, booking.booking_code);
  await expect(page.locator('[data-screen="confirm"]')).toBeVisible();
  await screenshot(page, 'kiosk-confirm-landscape.png');
  await page.getByTestId('confirm').click();
  await expect(page.locator('[data-screen="done"]')).toBeVisible();
  await screenshot(page, 'kiosk-done-landscape.png');
  await page.getByRole('button', { name: 'Selesai' }).click();
  await scan(page, 'ZZ00000001');
  await expect(page.locator('[data-screen="refusal"]')).toBeVisible();
  await screenshot(page, 'kiosk-refusal-landscape.png');
});
