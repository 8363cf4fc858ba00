import { expect as baseExpect, test, type Page } from '@playwright/test';
import type { VirtualPrinter } from '@giliran/hardware';
import { DEMO_PASSWORD } from '@giliran/server';
import type { ServerProcess } from '../support/server-process.ts';
import { newPage, requireDisplayBuild, serverWithVirtualPrinter } from './support.ts';

/**
 * Issue 11 #9: after a good print the dashboard says the kiosk's printer is ready ("siap"), for a
 * browser kiosk (the server printed: it records the printer's after-print state) and for an
 * Electron kiosk (it reports its own printer's DLE EOT state after printing, not only every minute).
 */

const expect = baseExpect.configure({ timeout: 10_000 });

let server: ServerProcess;
let printer: VirtualPrinter;
let close: () => Promise<void>;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  requireDisplayBuild();
  ({ server, printer, close } = await serverWithVirtualPrinter());
});

test.afterAll(async () => {
  await close?.();
});

async function devicesPage(page: Page): Promise<void> {
  await page.goto(`${server.url}/dashboard#devices`);
  await page.getByLabel('Nama pengguna').fill('supervisor');
  await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByTestId('devices')).toBeVisible();
}

async function printWalkIn(kiosk: Page): Promise<void> {
  await kiosk.locator('.walkin').filter({ hasText: 'Informasi' }).click();
  await kiosk.getByTestId('confirm').click();
  await expect(kiosk.locator('[data-screen="done"]')).toBeVisible({ timeout: 15_000 });
}

test('browser kiosk: the printer shows "siap" on the dashboard after the server printed', async ({
  browser,
}) => {
  const [dashCtx, dash] = await newPage(browser, 1366, 768);
  const [kioskCtx, kiosk] = await newPage(browser, 1080, 1920);
  try {
    await devicesPage(dash);
    const row = dash.getByTestId('device-demo-kiosk-1');
    await kiosk.goto(`${server.url}/kiosk/?token=demo-kiosk-1`);
    await expect(kiosk.locator('[data-screen="idle"]')).toBeVisible();
    await expect(row).toContainText('belum diketahui');
    const receipt = printer.waitForReceipt(10_000);
    await printWalkIn(kiosk);
    await receipt;
    await expect(row).toContainText('siap', { timeout: 5_000 });
    await expect(row).not.toContainText('belum diketahui');
  } finally {
    await Promise.all([dashCtx.close(), kioskCtx.close()]);
  }
});

test('Electron kiosk: its own printer, offline at start, shows "siap" within seconds of a good print', async ({
  browser,
}) => {
  const [dashCtx, dash] = await newPage(browser, 1366, 768);
  const [kioskCtx, kiosk] = await newPage(browser, 1080, 1920);
  try {
    // The preload bridge as Electron's main process answers it: a printer that is off at first.
    await kiosk.addInitScript(() => {
      const w = window as unknown as Record<string, unknown> & { __printerOn?: boolean };
      w.__printerOn = false;
      const status = () => ({
        online: w.__printerOn === true,
        paperNearEnd: false,
        paperOut: false,
        coverOpen: false,
        error: false,
      });
      w.giliranKiosk = {
        version: 1,
        printTickets: () => Promise.resolve({ ok: true, durationMs: 40 }),
        printerStatus: () => Promise.resolve({ ok: true, status: status() }),
        getToken: () => Promise.resolve('demo-kiosk-2'),
        setToken: () => Promise.resolve(),
        onScan: () => () => {},
      };
    });
    await devicesPage(dash);
    const row = dash.getByTestId('device-demo-kiosk-2');
    await kiosk.goto(`${server.url}/kiosk/`);
    await expect(kiosk.locator('[data-screen="idle"]')).toBeVisible();
    await expect(row).toContainText('luring'); // reported at connect: offline

    // A technician switches the printer on; the next ticket prints fine.
    await kiosk.evaluate(() => {
      (window as unknown as { __printerOn: boolean }).__printerOn = true;
    });
    await printWalkIn(kiosk);
    await expect(row).toContainText('siap', { timeout: 5_000 });
  } finally {
    await Promise.all([dashCtx.close(), kioskCtx.close()]);
  }
});
