import { expect, test } from '@playwright/test';
import type { BookingRow } from '@giliran/shared';
import { DEMO_PASSWORD, generateDemoBookings } from '@giliran/server';
import { connect, ok, type ClientSocket } from '../support/clients.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { newPage, requireDisplayBuild, today } from './support.ts';

/**
 * The counter console shows its waiting list exactly in the server's call order (not sorted by
 * waiting time on the screen), "Selesai" says it hands the applicant on to the next stage, and an
 * officer can end a visit early with a reason.
 */
let server: ServerProcess;
let kiosk: ClientSocket;

function singles(window: string, count: number): BookingRow[] {
  const rows = generateDemoBookings({ date: today, officeCode: 'DPS' });
  const perAccount = new Map<string, number>();
  for (const r of rows) perAccount.set(r.account_id, (perAccount.get(r.account_id) ?? 0) + 1);
  return rows
    .filter(
      (r) =>
        r.payment_status === 'paid' &&
        r.office_code === 'DPS' &&
        r.arrival_date === today &&
        r.window_start === window &&
        perAccount.get(r.account_id) === 1,
    )
    .slice(0, count);
}

test.describe.configure({ mode: 'serial', timeout: 90_000 });

test.beforeAll(async () => {
  requireDisplayBuild();
  // 10:30: the 11:00 booking is early (it waits for its window), the 10:00 one is in its window.
  server = await startServerProcess({ clockStart: `${today}T10:30` });
  kiosk = (await connect(server.url, { token: 'demo-kiosk-1' })).socket;
});

test.afterAll(async () => {
  kiosk?.disconnect();
  await server?.close();
});

test('the waiting list is the call order; Selesai hands on; a visit can end early with a reason', async ({
  browser,
}) => {
  const [at11] = singles('11:00', 1);
  const [at10] = singles('10:00', 1);
  for (const b of [at11, at10])
    await ok(kiosk, 'checkin:confirm', { bookingCodes: [(b as BookingRow).booking_code] }); // A001, A002
  await ok(kiosk, 'ticket:walkin', { serviceId: 'percepatan' }); // D001: a regular walk-in at 10:30
  await ok(kiosk, 'ticket:walkin', { serviceId: 'prioritas' }); // B001

  const [context, page] = await newPage(browser, 1366, 768);
  await page.goto(`${server.url}/counter`);
  await page.getByLabel('Nama pengguna').fill('petugas1');
  await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByLabel('Loket', { exact: true }).selectOption('loket-1');
  await page.getByRole('button', { name: 'Buka loket' }).click();

  // Priority first; A002 (10:00 window) before D001 and A001 (booked 11:00, checked in first).
  const rows = page.getByTestId('waiting-row');
  await expect(rows).toHaveCount(4);
  await expect(rows.locator('td.mono')).toHaveText([/^B001/, /^A002/, /^D001/, /^A001/]);

  await page.getByTestId('action-call').click();
  await expect(page.getByTestId('current-number')).toHaveText('B001');
  await expect(page.getByTestId('action-complete')).toContainText('Selesai → tahap berikutnya');
  await page.getByTestId('action-complete').click();
  await expect(page.getByTestId('current-empty')).toBeVisible();
  await expect(rows.locator('td.mono')).toHaveText([/^A002/, /^D001/, /^A001/]);

  await page.getByTestId('action-call').click();
  await expect(page.getByTestId('current-number')).toHaveText('A002');
  await expect(page.getByTestId('holder-name')).toHaveText((at10 as BookingRow).full_name);
  await page.getByTestId('end-visit').locator('summary').click();
  await page.getByLabel('Alasan').selectOption('documents_incomplete');
  await page.getByTestId('end-visit-submit').click();
  await expect(page.getByTestId('current-empty')).toBeVisible();
  // Ended at verifikasi: A002 is done, not waiting at foto.
  await expect(rows.locator('td.mono')).toHaveText([/^D001/, /^A001/]);
  await context.close();
});
