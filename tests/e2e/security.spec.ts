import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '@giliran/server';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { connect, ok } from '../support/clients.ts';
import { newPage, requireDisplayBuild, today } from './support.ts';

/**
 * The server's Content-Security-Policy must fit the built apps: every screen, used for real, in
 * Chromium, with not one violation (a script, style, image, sound or socket the policy blocks).
 * And a phone page with a token the server does not know says so plainly.
 */
let server: ServerProcess;

test.beforeAll(async () => {
  requireDisplayBuild();
  server = await startServerProcess({ clockStart: `${today}T10:00` });
});
test.afterAll(async () => {
  await server?.close();
});

/** Collects CSP violations the page reports (the DOM event and Chromium's console message). */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('__reportCsp', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCsp(v: string): void }).__reportCsp(
        `${e.violatedDirective} ${e.blockedURI} at ${location.pathname} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

test('every screen runs under the server’s CSP without a violation', async ({ browser }) => {
  const kioskSocket = (await connect(server.url, { token: 'demo-kiosk-2' })).socket;
  const walkin = await ok(kioskSocket, 'ticket:walkin', { serviceId: 'informasi' });
  kioskSocket.close();
  const trackPath = new URL(walkin.tickets[0]?.print.trackingUrl ?? '').pathname;

  const [ctx, page] = await newPage(browser, 1366, 768);
  const violations = await watchCsp(page);
  try {
    const res = await page.goto(`${server.url}/board?token=demo-board-1`);
    expect(res?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await expect(page.getByTestId('board-clock')).toBeVisible();

    await page.goto(`${server.url}/counter`);
    await page.getByLabel('Nama pengguna').fill('petugas8');
    await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByLabel('Loket', { exact: true }).selectOption('loket-8');
    await page.getByRole('button', { name: 'Buka loket' }).click();
    await expect(page.getByTestId('console-counter')).toBeVisible();

    // The dashboard (code-split: its own script and stylesheet), signed in as the supervisor.
    await page.evaluate(() => localStorage.clear());
    await page.goto(`${server.url}/dashboard`);
    await page.getByLabel('Nama pengguna').fill('supervisor');
    await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await expect(page.getByRole('tab', { name: 'Lantai' })).toBeVisible();
    await page.getByRole('tab', { name: 'Laporan' }).click();
    await expect(page.getByText(/^Ringkasan /)).toBeVisible();

    await page.goto(`${server.url}${trackPath}`);
    await expect(page.getByTestId('phone-number')).toHaveText(walkin.tickets[0]?.ticket.number ?? '');

    // The browser kiosk: a walk-in to the done screen (number and tracking QR on screen).
    await page.goto(`${server.url}/kiosk/?token=demo-kiosk-1`);
    await expect(page.locator('[data-screen="idle"]')).toBeVisible();
    await page.locator('.walkin').filter({ hasText: 'Informasi' }).click();
    await page.getByTestId('confirm').click();
    await expect(page.getByTestId('ticket-number')).toHaveText(/^F\d{3}$/);
  } finally {
    await ctx.close();
  }
  expect(violations).toEqual([]);
});

test('a phone with an unknown tracking token is told the number is not found or expired', async ({
  browser,
}) => {
  const [ctx, page] = await newPage(browser, 390, 844);
  try {
    await page.goto(`${server.url}/t/not-a-ticket-of-today`);
    await expect(page.getByTestId('phone-unknown')).toHaveText(
      'Nomor antrean tidak ditemukan atau sudah kedaluwarsa.',
    );
  } finally {
    await ctx.close();
  }
});
