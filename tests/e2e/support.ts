import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { createVirtualPrinter, type VirtualPrinter } from '@giliran/hardware';
import { officeDay, type BookingRow } from '@giliran/shared';
import { generateDemoBookings } from '@giliran/server';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

/** Helpers shared by the display e2e specs (board, counter, phone, dashboard). */

export const TZ = 'Asia/Makassar';
export const repoRoot = resolve(import.meta.dirname, '../..');
export const shots = join(repoRoot, 'tests/artifacts/screenshots');
export const today = officeDay(Date.now(), TZ);
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The display screens are served from display/dist; fail plainly if it was not built. */
export function requireDisplayBuild(): void {
  if (!existsSync(join(repoRoot, 'display/dist/index.html')))
    throw new Error('display/dist is missing: run `npm run build --workspace display` first');
  mkdirSync(shots, { recursive: true });
}

/** A paid booking for today at this office whose window admits a 10:00 arrival, alone on its account. */
export function demoBookingAt10(): BookingRow {
  const rows = generateDemoBookings({ date: today, officeCode: 'DPS' });
  const perAccount = new Map<string, number>();
  for (const r of rows) perAccount.set(r.account_id, (perAccount.get(r.account_id) ?? 0) + 1);
  const row = rows.find(
    (r) =>
      r.arrival_date === today &&
      r.office_code === 'DPS' &&
      r.payment_status === 'paid' &&
      r.window_start === '10:00' &&
      perAccount.get(r.account_id) === 1,
  );
  if (!row) throw new Error('demo data has no single paid 10:00 booking today');
  return row;
}

/** A fresh Indonesian-locale browser context and page at the given viewport. */
export async function newPage(
  browser: Browser,
  width: number,
  height: number,
): Promise<[BrowserContext, Page]> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'id-ID' });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`[page error ${width}x${height}]`, e.message));
  return [context, page];
}

/** Runs axe-core on the page; logs every violation, fails on serious or critical ones. */
export async function expectNoSeriousAxeViolations(page: Page, name: string): Promise<void> {
  // Evaluated through the DevTools protocol: the server's CSP forbids inline <script> tags.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    type AxeResults = {
      violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
    };
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<AxeResults> } }).axe;
    const r = await axe.run(document);
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  if (violations.length) console.log(`axe ${name}:`, JSON.stringify(violations));
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `${name}: serious/critical axe violations`).toEqual([]);
}

/**
 * A real server process from 10:00 today whose demo kiosks print on a virtual printer over TCP;
 * `close()` stops both and removes the server's data folder.
 */
export async function serverWithVirtualPrinter(): Promise<{
  server: ServerProcess;
  printer: VirtualPrinter;
  close: () => Promise<void>;
}> {
  const printer = await createVirtualPrinter({ port: 0 });
  const server = await startServerProcess({
    clockStart: `${today}T10:00`,
    env: { GILIRAN_DEMO_PRINTER: printer.uri },
  });
  return {
    server,
    printer,
    close: async () => {
      await server.close();
      await printer.close();
    },
  };
}

/**
 * A keyboard-wedge scanner's burst: every key of `payload`, then Enter, within one task of the
 * page, as a scanner sends them (1–20 ms apart). Driving keys over DevTools one by one can be
 * stretched past the kiosk's gap limit on a loaded machine and split one code in two; the real
 * keyboard path is covered by the QR test in kiosk-checkin.spec.ts and the detector's unit tests.
 */
export async function scanBurst(page: Page, payload: string): Promise<void> {
  await page.evaluate(
    (keys) => {
      for (const key of [...keys, 'Enter'])
        document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    },
    [...payload],
  );
}
