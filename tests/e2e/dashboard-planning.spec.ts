import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect as baseExpect, test, type BrowserContext, type Page } from '@playwright/test';
import { generateDemoBookings } from '@giliran/server';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { api, login } from '../support/clients.ts';
import { expectNoSeriousAxeViolations, newPage, requireDisplayBuild, shots, today } from './support.ts';

/**
 * The capacity planner ("Perencanaan") in Chromium against a real server: tomorrow's imported
 * bookings simulated under two plans side by side, a plan edited and simulated again, the
 * fewest-counters suggestion, the CSV export, the print layout, English; axe-core and a screenshot.
 */

// A simulation on the server takes seconds on a busy 2-core machine.
const expect = baseExpect.configure({ timeout: 60_000 });

let server: ServerProcess;
let context: BrowserContext;
let page: Page;

const tomorrow = (() => {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
})();

/** The number in a figures-table cell: row `row` (0 = counter-hours, 2 = p90 wait), plan A or B. */
async function figure(p: Page, row: number, plan: 'A' | 'B'): Promise<number> {
  return Number(await p.getByTestId(`fig-${row}-${plan}`).innerText());
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  requireDisplayBuild();
  server = await startServerProcess({ clockStart: `${today}T10:00` });
  // Tomorrow's M-Paspor export: 250 paid bookings in hourly windows 08:00–15:00.
  const rows = generateDemoBookings({ date: tomorrow, officeCode: 'DPS', count: 250, withProblems: false });
  const imported = await api(server.url, 'POST', '/api/admin/bookings/import', {
    token: await login(server.url, 'admin'),
    body: JSON.stringify(rows),
    contentType: 'application/json',
  });
  expect(imported.status).toBe(200);
  [context, page] = await newPage(browser, 1366, 768);
  await page.goto(`${server.url}/dashboard#planning`);
  await page.getByLabel('Nama pengguna').fill('supervisor');
  await page.getByLabel('Kata sandi').fill('giliran-demo');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('tab', { name: 'Perencanaan' })).toHaveAttribute('aria-selected', 'true');
});

test.afterAll(async () => {
  await context?.close();
  await server?.close();
});

test('simulates tomorrow’s bookings under two plans and shows them side by side', async () => {
  await expect(page.getByRole('heading', { name: 'Perencanaan loket' })).toBeVisible();
  await expect(page.getByTestId('planning-date')).toHaveValue(tomorrow);
  await page.getByTestId('planning-simulate').click();
  const source = page.getByTestId('planning-source');
  await expect(source).toContainText(`pendaftaran diimpor untuk ${tomorrow}`);
  // The 250 imported, plus the demo day's few bookings for tomorrow.
  expect(Number(/(\d+) pendaftaran/.exec(await source.innerText())?.[1])).toBeGreaterThanOrEqual(250);
  // The same plan twice: the same day twice.
  expect(await figure(page, 2, 'B')).toBe(await figure(page, 2, 'A'));
  await expect(page.getByTestId('chart-waiting-A')).toBeVisible();
  await expect(page.getByTestId('chart-distribution-B')).toBeVisible();

  // Plan B: five photo counters from 08:00 (row 1 is "Foto & wawancara", column 0 is 07:00).
  for (let column = 1; column <= 8; column++) await page.getByTestId(`plan-B-1-${column}`).fill('5');
  await expect(page.getByTestId('planning-figures')).toHaveCount(0); // old figures are gone
  await page.getByTestId('planning-simulate').click();
  await expect(page.getByTestId('planning-figures')).toBeVisible();
  expect(await figure(page, 0, 'B')).toBe((await figure(page, 0, 'A')) + 16);
  expect(await figure(page, 2, 'B')).toBeLessThan(await figure(page, 2, 'A'));
});

test('suggests the fewest counters meeting the target, and exports and prints the plans', async () => {
  await page.getByTestId('planning-target').fill('45');
  await page.getByTestId('planning-suggest').click();
  await expect(page.getByTestId('planning-note')).toContainText('Saran dimasukkan sebagai rencana B');
  await expect(page.getByTestId('fig-3-B')).toHaveText('Ya');
  expect(await figure(page, 2, 'B')).toBeLessThanOrEqual(45);
  await expect(page.getByTestId('plan-B')).toContainText('Saran / Suggested');

  const downloading = page.waitForEvent('download');
  await page.getByTestId('planning-csv').click();
  const file = await downloading;
  expect(file.suggestedFilename()).toBe(`giliran-DPS-rencana-${tomorrow}.csv`);
  const csv = readFileSync(await file.path(), 'utf8').split('\n');
  expect(csv[0]).toBe(`Perencanaan loket,${tomorrow},Kantor Imigrasi Kelas I TPI Denpasar`);
  expect(csv[1]).toBe('Rencana,Loket untuk,07:00,08:00,09:00,10:00,11:00,12:00,13:00,14:00,15:00');
  expect(csv).toContain('A Semua loket / All counters,Foto & wawancara,3,3,3,3,3,3,3,3,3');
  expect(csv.find((l) => l.startsWith('Tunggu p90 (menit),'))).toMatch(
    /^Tunggu p90 \(menit\),[\d.]+,[\d.]+$/,
  );

  await expectNoSeriousAxeViolations(page, 'dashboard planning');
  await page.screenshot({ path: join(shots, 'dashboard-planning-1366x768.png'), fullPage: true });

  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('planning-simulate')).toBeHidden();
  await expect(page.getByRole('tablist')).toBeHidden();
  await expect(page.getByTestId('planning-figures')).toBeVisible();
  await page.emulateMedia({ media: 'screen' });
});

test('speaks English one tap away', async () => {
  await page.getByRole('button', { name: 'Ganti bahasa ke English' }).click();
  await expect(page.getByRole('heading', { name: 'Counter planning' })).toBeVisible();
  await expect(page.getByTestId('planning-figures')).toContainText('p90 wait (min)');
  await page.getByRole('button', { name: 'Switch language to Bahasa Indonesia' }).click();
});
