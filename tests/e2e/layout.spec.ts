import { join } from 'node:path';
import { expect as baseExpect, test, type Browser, type Page } from '@playwright/test';
import { createVirtualPrinter, type VirtualPrinter } from '@giliran/hardware';
import {
  clockStartingAt,
  createApp,
  DEFAULT_CONFIG_PATH,
  DEMO_PASSWORD,
  hardwarePrinter,
  loadOfficeConfig,
  seedDemo,
  type App,
} from '@giliran/server';
import type { BookingRow, IssuedTicket, Payload } from '@giliran/shared';
import { closeAll, connect, login, ok, type ClientSocket } from '../support/clients.ts';
import { makeTempDir, removeTempDir } from '../support/temp-dir.ts';
import { contrastViolations, englishOnScreen, layoutProblems, type LayoutRules } from './layout-check.ts';
import { newPage, requireDisplayBuild, scanBurst as scan, shots, today } from './support.ts';

/**
 * Issue 11 #5 and #7: every screen at its target sizes, filled with a realistic busy day (long
 * Balinese names, 3-digit waiting counts, a family called together, recalls, a paused counter, a
 * printer alert), checked for text that overflows, is cut off or leaves the screen, for English
 * left in the Indonesian UI, and — on the board — for WCAG AA contrast while a call flashes.
 * A real server on a loopback port (in this process, so the day can be seeded directly), the
 * virtual printer over TCP, Debian's Chromium.
 */

const expect = baseExpect.configure({ timeout: 10_000 });
const denpasar = loadOfficeConfig(DEFAULT_CONFIG_PATH);
/** Denpasar, but one seeding kiosk may issue the busy day's 60 walk-ins within a minute. */
const config = {
  ...denpasar,
  policy: {
    ...denpasar.policy,
    rateLimits: { ...denpasar.policy.rateLimits, ticketsPerKiosk: { max: 1000, perSeconds: 60 } },
  },
};

const LONG_NAMES = [
  'I Gusti Ngurah Bagus Putu Wirawan Adnyana Kusuma',
  'Ni Luh Putu Ayu Sri Wahyuni Kusumadewi Pradnyaswari',
  'Anak Agung Sagung Istri Mirah Cahyani Dewi Lestari',
  'Ida Bagus Made Oka Suryawan Adhi Pramana Putra',
  'Cokorda Istri Agung Ratna Kusuma Wardhani',
  'I Dewa Gede Ngurah Kresna Wijaya Kusuma Atmaja',
  'Ni Komang Ayu Trisna Dewi Paramitha Sanjiwani',
  'I Ketut Wirawan Adi Putra Mahendra Suryadinata',
];

/** A valid NIK for a birth date and a serial (Denpasar, district 01). */
function nik(birth: string, serial: number): string {
  const [y, m, d] = birth.split('-');
  return `517101${d}${m}${y!.slice(2)}${String(serial).padStart(4, '0')}`;
}

let serial = 0;
function booking(code: string, over: Partial<BookingRow> = {}): BookingRow {
  serial += 1;
  const birth = over.birth_date ?? `19${String(50 + (serial % 45)).padStart(2, '0')}-08-05`;
  return {
    booking_code: code,
    nik: nik(birth, serial),
    full_name: LONG_NAMES[serial % LONG_NAMES.length]!,
    birth_date: birth,
    application_type: (['baru', 'penggantian', 'hilang', 'umrah'] as const)[serial % 4]!,
    office_code: 'DPS',
    arrival_date: today,
    window_start: '10:00',
    window_end: '11:00',
    payment_status: 'paid',
    account_id: `LAYACC${String(serial).padStart(4, '0')}`,
    ...over,
  };
}

const family = (prefix: string, n: number): BookingRow[] =>
  Array.from({ length: n }, (_, i) =>
    booking(`${prefix}${String(i + 1).padStart(4, '0')}`, { account_id: `${prefix}ACC` }),
  );

/** What each kiosk orientation checks in: one applicant, a family of five, one too early. */
const kioskBookings = (o: 'P' | 'L') => ({
  single: booking(`LAYS${o}00001`),
  family: family(`LAYF${o}0`, 5),
  early: booking(`LAYE${o}00001`, { window_start: '15:00', window_end: '16:00' }),
});
const KIOSK = { portrait: kioskBookings('P'), landscape: kioskBookings('L') };
const CALLED_FAMILY = family('LAYGRP', 3);
const WAITING = Array.from({ length: 110 }, (_, i) => booking(`LAYW${String(i + 1).padStart(6, '0')}`));

let app: App;
let dataDir: string;
let url: string;
let printer: VirtualPrinter;
const sockets: ClientSocket[] = [];
/** A ticket to follow on a phone: waiting far back. */
let waitingFarBack: IssuedTicket | undefined;

async function socket(token: string): Promise<ClientSocket> {
  const { socket: s } = await connect(url, { token });
  sockets.push(s);
  return s;
}

async function officer(name: string, counterId: string, stages?: string[]): Promise<ClientSocket> {
  const s = await socket(await login(url, name));
  await ok(s, 'counter:open', stages ? { counterId, stages } : { counterId });
  return s;
}

/** A busy 10:00: 113 booked applicants and 60 walk-ins waiting, eight counters in every state. */
async function seedBusyDay(): Promise<void> {
  const all = [
    ...CALLED_FAMILY,
    ...WAITING,
    ...Object.values(KIOSK).flatMap((k) => [k.single, ...k.family, k.early]),
  ];
  app.bookings.upsertAll(all, app.service.clock.now());
  await app.service.confirm(
    CALLED_FAMILY.map((b) => b.booking_code),
    'layout-seed',
  );
  for (const b of WAITING) await app.service.confirm([b.booking_code], 'layout-seed');

  const loket1 = await officer('petugas1', 'loket-1');
  await ok(loket1, 'ticket:call', {}); // the family, called together
  const loket2 = await officer('petugas2', 'loket-2');
  await ok(loket2, 'ticket:call', {});
  await ok(loket2, 'ticket:start', {});
  const loket3 = await officer('petugas3', 'loket-3');
  await ok(loket3, 'ticket:call', {});
  await ok(loket3, 'ticket:recall', {});
  await ok(loket3, 'ticket:recall', {});
  await ok(loket3, 'ticket:start', {});
  await ok(loket3, 'ticket:complete', {}); // on to Foto & wawancara
  const loket4 = await officer('petugas4', 'loket-4');
  await ok(loket4, 'ticket:call', {});
  await ok(loket4, 'ticket:start', {});
  await ok(loket4, 'ticket:complete', {}); // done: loket 4 is free again
  await ok(loket3, 'ticket:call', {});
  await officer('petugas5', 'loket-5');
  const loket6 = await officer('petugas6', 'loket-6');
  await ok(loket6, 'counter:pause', {});

  const kiosk2 = await socket('demo-kiosk-2');
  const walkIns: IssuedTicket[] = [];
  for (let i = 0; i < 12; i++)
    for (const serviceId of ['prioritas', 'bap', 'percepatan', 'pengambilan', 'informasi'])
      walkIns.push(...(await ok(kiosk2, 'ticket:walkin', { serviceId })).tickets);
  waitingFarBack = walkIns.at(-1);

  const loket7 = await officer('petugas7', 'loket-7', ['bap']);
  await ok(loket7, 'ticket:call', {});
  await ok(loket7, 'ticket:recall', {});
  await ok(loket7, 'ticket:recall', {});
  await ok(loket7, 'ticket:noShow', {});
  await ok(loket7, 'ticket:call', {});
  await ok(loket7, 'ticket:start', {});
  await ok(loket7, 'ticket:complete', {});
  await ok(loket7, 'ticket:call', {});
  const loket8 = await officer('petugas8', 'loket-8', ['informasi']);
  await ok(loket8, 'ticket:call', {});
  await ok(loket8, 'ticket:start', {});
  await ok(loket8, 'ticket:complete', {});
  // Service times at four stages by now, Informasi & pengaduan last: long chart labels.
  await ok(loket8, 'ticket:call', {});

  // A printer that ran out of paper (an alert for staff), then printed fine again.
  printer.setFaults({ paperOut: true });
  const print = (p: Payload<'ticket:print'>) => ok(kiosk2, 'ticket:print', p);
  await print({ ticketIds: [walkIns[0]!.ticket.id] });
  printer.setFaults({});
  await print({ ticketIds: [walkIns[1]!.ticket.id] });
  await ok(kiosk2, 'staff:call', { reason: 'help', detail: 'Pemohon lansia di kursi roda butuh bantuan' });
}

// Independent tests: after a failure the next one gets a fresh worker, so a fresh seeded day.
test.describe.configure({ timeout: 180_000 });

test.beforeAll(async () => {
  requireDisplayBuild();
  printer = await createVirtualPrinter({ port: 0 });
  // Made here, not at the top of the file: Playwright also loads spec files to list their tests.
  dataDir = makeTempDir('layout');
  app = createApp({
    config,
    dataDir,
    clock: clockStartingAt(`${today}T10:00`, config.office.timeZone),
    printer: await hardwarePrinter(),
  });
  await seedDemo(app, { kioskPrinterUri: printer.uri });
  url = `http://127.0.0.1:${await app.listen(0, '127.0.0.1')}`;
  await seedBusyDay();
});

test.afterAll(async () => {
  closeAll(...sockets);
  await app?.close();
  await printer?.close();
  if (dataDir) removeTempDir(dataDir);
});

/**
 * Checks the screen as it is now: no overflowing, clipped or off-screen text, no English left in
 * the Indonesian UI; saves its picture. Soft: one run lists every broken screen.
 */
async function check(page: Page, name: string, rules: LayoutRules = {}): Promise<void> {
  await page.screenshot({ path: join(shots, `layout-${name}.png`), fullPage: rules.mayScroll ?? false });
  expect.soft(await layoutProblems(page, rules), `${name}: layout`).toEqual([]);
  if ((await page.evaluate(() => document.documentElement.lang)) !== 'en')
    expect.soft(await englishOnScreen(page), `${name}: English in the Indonesian UI`).toEqual([]);
}

async function fresh(browser: Browser, width: number, height: number) {
  return newPage(browser, width, height);
}

// ─── Board ───────────────────────────────────────────────────────────────────────────────────────

const FLASH_TIMES_MS = [0, 250, 450, 700, 900, 1200, 1350, 1600, 1800, 2100, 2400, 2900];

test('board 1920×1080, 1280×720 and portrait: everything fits, a flashing call keeps AA contrast', async ({
  browser,
}) => {
  const loket8 = await officer('petugas8', 'loket-8', ['informasi']);
  for (const [w, h] of [
    [1920, 1080],
    [1280, 720],
    [1080, 1920],
  ] as const) {
    const [ctx, page] = await fresh(browser, w, h);
    try {
      await page.goto(`${url}/board?token=demo-board-1`);
      await expect(page.getByTestId('board-current-number')).toBeVisible();
      await expect(page.getByTestId('board-load-mpaspor').locator('td').first()).toHaveText(/^\d{3}$/);
      // A new call flashes for 3 s: freeze it at moments through the flash and check contrast.
      await ok(loket8, 'ticket:complete', {});
      await ok(loket8, 'ticket:call', {});
      await expect(page.locator('.board-call-body.flash')).toBeVisible();
      for (const t of FLASH_TIMES_MS) {
        await page.evaluate((at) => {
          for (const a of document.getAnimations())
            if ((a as CSSAnimation).animationName?.startsWith('call-flash')) {
              a.pause();
              a.currentTime = at;
            }
        }, t);
        expect
          .soft(await contrastViolations(page, '.board-call'), `board ${w}×${h} flash at ${t} ms`)
          .toEqual([]);
      }
      await page.evaluate(() => {
        for (const a of document.getAnimations())
          if ((a as CSSAnimation).animationName?.startsWith('call-flash')) a.finish();
      });
      await check(page, `board-${w}x${h}`, { allowClipped: ['.board-marquee'] });
      // English is one tap away and must fit too.
      await page.getByTestId('lang-toggle').click();
      await expect(page.getByRole('heading', { name: 'Now calling' })).toBeVisible();
      await check(page, `board-${w}x${h}-en`, { allowClipped: ['.board-marquee'] });
    } finally {
      await ctx.close();
    }
  }
});

test('board pairing screen at 1920×1080 and 1280×720', async ({ browser }) => {
  for (const [w, h] of [
    [1920, 1080],
    [1280, 720],
  ] as const) {
    const [ctx, page] = await fresh(browser, w, h);
    try {
      await page.goto(`${url}/board`);
      await expect(page.getByLabel('Kode pemasangan (6–8 angka)')).toBeVisible();
      await check(page, `board-pairing-${w}x${h}`);
    } finally {
      await ctx.close();
    }
  }
});

// ─── Kiosk ───────────────────────────────────────────────────────────────────────────────────────

for (const [orientation, w, h] of [
  ['portrait', 1080, 1920],
  ['landscape', 1920, 1080],
] as const) {
  test(`kiosk ${w}×${h}: idle, NIK entry, confirm (one, a family), done, refusal, walk-in, print failure`, async ({
    browser,
  }) => {
    const data = KIOSK[orientation];
    const [ctx, page] = await fresh(browser, w, h);
    const name = (s: string) => `kiosk-${s}-${orientation}`;
    const screen = (s: string) => page.locator(`[data-screen="${s}"]`);
    try {
      await page.goto(`${url}/kiosk/?token=demo-kiosk-1`);
      await expect(screen('idle')).toBeVisible();
      await check(page, name('idle'));
      await page.getByTestId('lang').click();
      await expect(page.getByRole('heading', { name: 'Scan your M-Paspor QR code' })).toBeVisible();
      await check(page, name('idle-en'));
      await page.getByTestId('lang').click();

      await page.getByRole('button', { name: 'Ketik NIK' }).click();
      const keypad = page.getByRole('group', { name: 'Keypad' });
      for (const d of data.single.nik) await keypad.getByRole('button', { name: d, exact: true }).click();
      await expect(page.getByTestId('nik-display')).toContainText(data.single.nik.slice(12));
      await check(page, name('nik'));

      await page.getByRole('button', { name: 'Cari pendaftaran' }).click();
      await expect(screen('confirm')).toBeVisible();
      await check(page, name('confirm'));
      await page.getByTestId('confirm').click();
      await expect(screen('done')).toBeVisible();
      await check(page, name('done'));

      await page.getByRole('button', { name: 'Selesai' }).click();
      await scan(page, data.family[0]!.booking_code);
      await expect(screen('confirm').getByTestId('masked-name')).toHaveCount(5);
      await check(page, name('confirm-family'), { mayScroll: true });
      await page.getByTestId('confirm').click();
      await expect(screen('done').getByTestId('ticket-number')).toHaveCount(5);
      // Five tickets fit a portrait kiosk; landscape scrolls, its "Selesai" kept in view.
      await check(page, name('done-family'), { mayScroll: orientation === 'landscape' });

      await page.getByRole('button', { name: 'Selesai' }).click();
      await scan(page, data.early.booking_code);
      await expect(page.locator('[data-refusal="early"]')).toBeVisible();
      await check(page, name('refusal'));

      await page.getByRole('button', { name: 'Mulai dari awal' }).click();
      await page.locator('.walkin').filter({ hasText: 'Prioritas' }).click();
      await expect(screen('walkin')).toBeVisible();
      await check(page, name('walkin'));
      printer.setFaults({ paperOut: true });
      await page.getByTestId('confirm').click();
      await expect(screen('print-failed')).toBeVisible({ timeout: 15_000 });
      await check(page, name('print-failed'), { mayScroll: true });
    } finally {
      printer.setFaults({});
      await ctx.close();
    }
  });
}

test('kiosk pairing screen, portrait and landscape', async ({ browser }) => {
  for (const [w, h] of [
    [1080, 1920],
    [1920, 1080],
  ] as const) {
    const [ctx, page] = await fresh(browser, w, h);
    try {
      await page.goto(`${url}/kiosk/`);
      await expect(page.locator('[data-screen="pairing"]')).toBeVisible();
      await check(page, `kiosk-pairing-${w}x${h}`);
    } finally {
      await ctx.close();
    }
  }
});

// ─── Staff ───────────────────────────────────────────────────────────────────────────────────────

async function signIn(page: Page, path: string, username: string): Promise<void> {
  await page.goto(`${url}${path}`);
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
}

test('counter console 1366×768: sign-in, a long name being served, a long waiting list; supervisor', async ({
  browser,
}) => {
  const [ctx, page] = await fresh(browser, 1366, 768);
  try {
    await page.goto(`${url}/counter`);
    await expect(page.getByLabel('Nama pengguna')).toBeVisible();
    await check(page, 'counter-signin');
    await signIn(page, '/counter', 'petugas2');
    await expect(page.getByTestId('holder-name')).toBeVisible();
    await expect(page.getByTestId('waiting-list').locator('tbody tr')).not.toHaveCount(0);
    await check(page, 'counter-desk', { mayScroll: true });
  } finally {
    await ctx.close();
  }
  const [supCtx, sup] = await fresh(browser, 1366, 768);
  try {
    await signIn(sup, '/counter', 'supervisor');
    await expect(sup.getByTestId('staff-alerts')).toBeVisible();
    await expect(sup.getByTestId('noshow-list')).toBeVisible();
    await check(sup, 'counter-supervisor', { mayScroll: true });
  } finally {
    await supCtx.close();
  }
});

test('dashboard 1366×768: floor, import, devices (with a pairing code), reports, survey (IKM)', async ({
  browser,
}) => {
  const [ctx, page] = await fresh(browser, 1366, 768);
  try {
    await signIn(page, '/dashboard', 'admin');
    await expect(page.getByTestId('floor-alerts')).toContainText('Kiosk Lobi 2');
    await check(page, 'dashboard-floor', { mayScroll: true });
    for (const [tab, ready] of [
      ['Impor', page.getByRole('button', { name: 'Impor', exact: true })],
      ['Perangkat', page.getByTestId('devices')],
      ['Laporan', page.getByRole('img').first()],
      ['Survei (IKM)', page.getByTestId('ikm-chart')],
    ] as const) {
      await page.getByRole('tab', { name: tab }).click();
      await expect(ready).toBeVisible();
      if (tab === 'Perangkat') {
        await expect(page.getByTestId('device-demo-kiosk-2')).toContainText('siap');
        await page.getByLabel('Nama perangkat').fill('Layar Ruang Tunggu Lantai Dua Sayap Timur');
        await page.getByRole('button', { name: 'Buat kode' }).click();
        await expect(page.getByTestId('pairing-code')).toBeVisible();
      }
      await check(page, `dashboard-${tab.toLowerCase().replace(/\W+/g, '-').replace(/-$/, '')}`, {
        mayScroll: true,
      });
    }
  } finally {
    await ctx.close();
  }
});

// ─── Phone ───────────────────────────────────────────────────────────────────────────────────────

test('phone 360×740: waiting far back, called, unknown ticket, followed on another screen', async ({
  browser,
}) => {
  const [ctx, page] = await fresh(browser, 360, 740);
  try {
    await page.goto(`${url}${new URL(waitingFarBack!.print.trackingUrl).pathname}`);
    await expect(page.getByTestId('phone-ahead')).toHaveText(/^\d+$/);
    await check(page, 'phone-waiting', { mayScroll: true });
    // Whatever loket 8 holds now (earlier tests may have called on).
    const state = app.service.state;
    const called = state.tickets.get(state.counters.get('loket-8')!.ticketIds[0]!)!;
    await page.goto(`${url}/t/${called.trackToken}`);
    await expect(page.getByTestId('phone-called')).toBeVisible();
    await check(page, 'phone-called', { mayScroll: true });
    await page.goto(`${url}/t/unknown-ticket-token`);
    await expect(page.getByTestId('phone-unknown')).toBeVisible();
    await check(page, 'phone-unknown', { mayScroll: true });
    // The same ticket opened on four more phones: this, the oldest page, is told so.
    const waitingPath = new URL(waitingFarBack!.print.trackingUrl).pathname;
    await page.goto(`${url}${waitingPath}`);
    await expect(page.getByTestId('phone-ahead')).toBeVisible();
    for (let i = 0; i < 4; i++) {
      const other = await ctx.newPage();
      await other.goto(`${url}${waitingPath}`);
      await expect(other.getByTestId('phone-ahead')).toBeVisible();
    }
    await expect(page.getByTestId('phone-replaced')).toBeVisible();
    await check(page, 'phone-replaced', { mayScroll: true });
  } finally {
    await ctx.close();
  }
});

test('English left in the Indonesian UI is found (the check itself)', async ({ browser }) => {
  const [ctx, page] = await fresh(browser, 800, 600);
  try {
    await page.setContent('<p>Nomor antrean</p><p>Printer: paper_out. Nothing was printed.</p>');
    expect(await englishOnScreen(page)).toEqual(['paper_out', 'Nothing was printed']);
    await page.setContent('<p>Nomor dipanggil <span lang="en">· Now calling</span></p>');
    expect(await englishOnScreen(page)).toEqual([]);
    await page.setContent(
      '<div style="width:100px;overflow:hidden;white-space:nowrap">Pengambilan paspor hari ini</div>',
    );
    const problems = (await layoutProblems(page)).map((p) => p.problem);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^text wider than its box \(\d+ > 100 px\)$/);
  } finally {
    await ctx.close();
  }
});
