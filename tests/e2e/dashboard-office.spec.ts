import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect as baseExpect, test, type BrowserContext, type Page } from '@playwright/test';
import { BOOKING_FIELDS, type BookingRow } from '@giliran/shared';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { api, connect, login, ok, type ClientSocket } from '../support/clients.ts';
import {
  demoBookingAt10,
  expectNoSeriousAxeViolations,
  newPage,
  requireDisplayBuild,
  shots,
  today,
} from './support.ts';

/**
 * The office dashboard against a real server process: sign-in by role, booking import (good and
 * rejected files), pairing and revoking a device, the live floor following a kiosk and counters,
 * the day's report and its CSV; axe-core and screenshots at 1366×768 and 1920×1080.
 */

const expect = baseExpect.configure({ timeout: 10_000 });

const HEADER = BOOKING_FIELDS.join(',');

let server: ServerProcess;
let context: BrowserContext;
let page: Page;
const sockets: ClientSocket[] = [];

const importRow = (n: number, over: Partial<BookingRow> = {}): BookingRow => ({
  booking_code: `DSH${String(n).padStart(7, '0')}`,
  nik: `517101${String(10 + n).padStart(2, '0')}0190${String(n).padStart(4, '0')}`,
  full_name: `Ni Made Dasbor ${n}`,
  birth_date: '1990-01-10',
  application_type: 'baru',
  office_code: 'DPS',
  arrival_date: today,
  window_start: '13:00',
  window_end: '14:00',
  payment_status: 'paid',
  account_id: `DSHACC${n}`,
  ...over,
});
const csv = (lines: string[]) => Buffer.from([HEADER, ...lines].join('\n') + '\n', 'utf8');
const csvLine = (r: BookingRow) => BOOKING_FIELDS.map((f) => r[f]).join(',');

async function socketFor(token: string): Promise<ClientSocket> {
  const { socket } = await connect(server.url, { token });
  sockets.push(socket);
  return socket;
}

async function tab(p: Page, name: string): Promise<void> {
  await p.getByRole('tab', { name }).click();
  await expect(p.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  requireDisplayBuild();
  server = await startServerProcess({ clockStart: `${today}T10:00` });
  [context, page] = await newPage(browser, 1366, 768);
});

test.afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await context?.close();
  await server?.close();
});

test('a counter officer is turned away; an admin signs in (Indonesian first, English one tap away)', async () => {
  await page.goto(`${server.url}/dashboard`);
  await page.getByLabel('Nama pengguna').fill('petugas1');
  await page.getByLabel('Kata sandi').fill('giliran-demo');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByTestId('login-error')).toContainText('tidak diizinkan');

  await page.getByLabel('Kata sandi').fill('giliran-demo');
  await page.getByLabel('Nama pengguna').fill('admin');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByTestId('dash-user')).toContainText('Admin');
  await expect(page.getByRole('tab')).toHaveText([
    'Lantai',
    'Impor',
    'Perangkat',
    'Laporan',
    'Perencanaan',
    'Survei (IKM)',
  ]);
  await page.getByTestId('lang-toggle').click();
  await expect(page.getByRole('tab')).toHaveText([
    'Floor',
    'Import',
    'Devices',
    'Reports',
    'Planning',
    'Survey (IKM)',
  ]);
  await page.getByTestId('lang-toggle').click();
  await expect(page.getByRole('tab', { name: 'Lantai' })).toHaveAttribute('aria-selected', 'true');
});

test('import: a good file shows its counts; a bad one its line numbers, and nothing changed', async () => {
  await tab(page, 'Impor');
  await expect(page.getByTestId('import-header')).toHaveText(HEADER);
  const good = csv([csvLine(importRow(1)), csvLine(importRow(2))]);
  const submit = page.getByRole('button', { name: 'Impor', exact: true });

  await page
    .getByTestId('import-file')
    .setInputFiles({ name: 'mpaspor.csv', mimeType: 'text/csv', buffer: good });
  await submit.click();
  await expect(page.getByTestId('import-inserted')).toHaveText('2');
  await expect(page.getByTestId('import-updated')).toHaveText('0');

  // Line 2 would update booking 1 (a new name) but lines 3 and 4 are bad: all of it is refused.
  const bad = csv([
    csvLine(importRow(1, { full_name: 'Nama Baru' })),
    csvLine(importRow(3, { nik: '12345' })),
    csvLine(importRow(4, { arrival_date: '2026-02-30' })),
  ]);
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: 'rusak.csv', mimeType: 'text/csv', buffer: bad });
  await submit.click();
  const rejected = page.getByTestId('import-rejected');
  await expect(rejected).toContainText('Tidak ada data yang diubah');
  await expect(page.getByTestId('import-errors').locator('tbody td.num')).toHaveText(['3', '4']);
  // Each line's problems in the page's language: Indonesian here, English after the toggle.
  await expect(page.getByTestId('import-errors').locator('tbody td:not(.num)')).toHaveText([
    'nik: NIK harus 16 angka',
    'arrival_date: harus tanggal yang ada, format YYYY-MM-DD',
  ]);
  await expectNoSeriousAxeViolations(page, 'dashboard import (rejected)');
  await page.screenshot({ path: join(shots, 'dashboard-import-1366x768.png'), fullPage: true });
  await page.getByTestId('lang-toggle').click();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('import-errors').locator('tbody td:not(.num)')).toHaveText([
    'nik: the NIK must have 16 digits',
    'arrival_date: must be a real date as YYYY-MM-DD',
  ]);
  await page.getByTestId('lang-toggle').click();

  // The good file again: both unchanged, so the rejected file did not touch booking 1.
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: 'mpaspor.csv', mimeType: 'text/csv', buffer: good });
  await submit.click();
  await expect(page.getByTestId('import-unchanged')).toHaveText('2');
  await expect(page.getByTestId('import-updated')).toHaveText('0');
});

test('devices: create a pairing code, the device pairs and connects, then is revoked', async () => {
  await tab(page, 'Perangkat');
  await expect(page.getByTestId('device-demo-board-1')).toBeVisible();

  await page.getByLabel('Nama perangkat').fill('Kiosk Uji Dasbor');
  await page.getByRole('button', { name: 'Buat kode' }).click();
  const shown = page.getByTestId('pairing-code');
  await expect(shown).toContainText('Berlaku sampai');
  const code = ((await shown.locator('.dash-pin').textContent()) ?? '').replace(/\s/g, '');
  expect(code).toMatch(/^\d{8}$/);

  const paired = await api<{ token: string }>(server.url, 'POST', '/api/pair', { body: { code } });
  expect(paired.status).toBe(200);
  await socketFor(paired.body.token);
  const row = page.getByRole('row', { name: /Kiosk Uji Dasbor/ });
  await expect(row.getByTestId('device-state')).toHaveText('Tersambung');
  await expectNoSeriousAxeViolations(page, 'dashboard devices');
  await page.screenshot({ path: join(shots, 'dashboard-devices-1366x768.png'), fullPage: true });

  await row.getByRole('button', { name: 'Cabut Kiosk Uji Dasbor' }).click();
  await expect(row).toContainText('Perangkat langsung terputus');
  await row.getByRole('button', { name: 'Ya, cabut' }).click();
  await expect(row.getByTestId('device-state')).toHaveText('Dicabut');
  const after = await api(server.url, 'GET', '/api/me', { token: paired.body.token });
  expect(after.status).toBe(401);
});

test('floor: a kiosk check-in and counter calls appear live; alert acknowledged, no-show reinstated', async ({
  browser,
}) => {
  await tab(page, 'Lantai');
  const kiosk = await socketFor('demo-kiosk-1');
  const loket1 = await socketFor(await login(server.url, 'petugas1'));
  const loket8 = await socketFor(await login(server.url, 'petugas8'));
  await ok(loket1, 'counter:open', { counterId: 'loket-1' });
  await ok(loket8, 'counter:open', { counterId: 'loket-8' });
  await expect(page.getByTestId('floor-counter-loket-1')).toContainText('Buka');
  await expect(page.getByTestId('floor-counter-loket-1')).toContainText('petugas1');

  const mpaspor = page.getByTestId('floor-service-mpaspor').getByTestId('waiting');
  await expect(mpaspor).toHaveText('0');
  const booking = demoBookingAt10();
  await ok(kiosk, 'checkin:lookup', { method: 'code', value: booking.booking_code });
  const { tickets } = await ok(kiosk, 'checkin:confirm', { bookingCodes: [booking.booking_code] });
  const number = tickets[0]!.ticket.number;
  await expect(mpaspor).toHaveText('1');

  await ok(loket1, 'ticket:call', {});
  await expect(page.getByTestId('floor-counter-loket-1')).toContainText(number);
  await expect(page.getByTestId('floor-calls').locator('li').first()).toContainText(`${number} → Loket 1`);
  await expect(mpaspor).toHaveText('0');
  await ok(loket1, 'ticket:start', {});
  await ok(loket1, 'ticket:transfer', {});
  await expect(page.getByTestId('floor-stage-foto')).toContainText('1');

  // Loket 8: one served to the end, one no-show after the required recalls.
  await ok(kiosk, 'ticket:walkin', { serviceId: 'pengambilan' });
  await ok(loket8, 'ticket:call', {});
  await ok(loket8, 'ticket:start', {});
  await ok(loket8, 'ticket:complete', {});
  const { tickets: info } = await ok(kiosk, 'ticket:walkin', { serviceId: 'informasi' });
  const missed = info[0]!.ticket.number;
  await ok(loket8, 'ticket:call', {});
  await ok(loket8, 'ticket:recall', {});
  await ok(loket8, 'ticket:recall', {});
  await ok(loket8, 'ticket:noShow', {});
  await expect(page.getByTestId('floor-noshows')).toContainText(missed);

  await ok(kiosk, 'staff:call', { reason: 'printer', detail: 'Kertas macet' });
  const alerts = page.getByTestId('floor-alerts');
  await expect(alerts).toContainText('Kiosk Lobi 1');
  await expect(alerts).toContainText('Kertas macet');
  await expect(page.getByRole('tab', { name: 'Lantai' })).toContainText('1 Permintaan bantuan');
  await expectNoSeriousAxeViolations(page, 'dashboard floor');
  await page.screenshot({ path: join(shots, 'dashboard-floor-1366x768.png'), fullPage: true });
  const [bigCtx, big] = await newPage(browser, 1920, 1080);
  try {
    // The same browser profile would share the session; a fresh one signs in as the supervisor.
    await big.goto(`${server.url}/dashboard`);
    await big.getByLabel('Nama pengguna').fill('supervisor');
    await big.getByLabel('Kata sandi').fill('giliran-demo');
    await big.getByRole('button', { name: 'Masuk' }).click();
    await expect(big.getByTestId('floor-alerts')).toContainText('Kertas macet');
    // A supervisor has no import tab (floor, devices, reports, planning, survey).
    await expect(big.getByRole('tab')).toHaveCount(5);
    await expect(big.getByRole('tab', { name: 'Impor' })).toHaveCount(0);
    await big.screenshot({ path: join(shots, 'dashboard-floor-1920x1080.png') });
  } finally {
    await bigCtx.close();
  }

  await alerts.getByRole('button', { name: 'Tangani' }).click();
  await expect(alerts).toContainText('Tidak ada permintaan terbuka');

  await page.getByRole('button', { name: `Kembalikan ke antrean ${missed}` }).click();
  await expect(page.getByTestId('floor-noshows')).toHaveCount(0);
  await expect(page.getByTestId('floor-service-informasi').getByTestId('waiting')).toHaveText('1');
});

test('reports: today in the office zone, numbers and charts, the CSV downloads', async () => {
  await tab(page, 'Laporan');
  await expect(page.getByTestId('report-date')).toHaveValue(today);
  await expect(page.getByTestId('report-issued')).toHaveText('3');
  await expect(page.getByTestId('report-completed')).toHaveText('1');
  await expect(page.getByTestId('chart-waits')).toBeVisible();
  await expect(page.getByTestId('chart-waits').locator('title')).toHaveText(/waktu tunggu per jam/);
  await expect(page.getByTestId('chart-waits').locator('rect')).toHaveCount(1);
  await expect(page.getByTestId('chart-counters').locator('rect')).toHaveCount(2);
  await page.getByText('Lihat sebagai tabel').first().click();
  await expect(page.getByRole('row', { name: /10:00/ })).toBeVisible();
  await expectNoSeriousAxeViolations(page, 'dashboard reports');
  await page.screenshot({ path: join(shots, 'dashboard-reports-1366x768.png'), fullPage: true });

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Unduh CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`giliran-DPS-${today}.csv`);
  const text = readFileSync(await download.path(), 'utf8');
  expect(text.split('\n')[0]).toBe(
    'number,service,application_type,status,checked_in,first_called,wait_minutes',
  );
  expect(text.trim().split('\n')).toHaveLength(4);

  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: join(shots, 'dashboard-reports-1920x1080.png') });

  // Another day (no tickets): zeros, not an error.
  await page.getByTestId('report-date').fill('2020-01-02');
  await expect(page.getByTestId('report-issued')).toHaveText('0');
});
