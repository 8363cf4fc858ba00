import { join } from 'node:path';
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { localParts, type IssuedTicket } from '@giliran/shared';
import { DEMO_PASSWORD } from '@giliran/server';
import { api, connect, login, ok, type ClientSocket } from '../support/clients.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import {
  demoBookingAt10,
  expectNoSeriousAxeViolations,
  newPage,
  requireDisplayBuild,
  shots,
  today,
  TZ,
} from './support.ts';

/**
 * Issue 5 end to end: a real office server process, a kiosk check-in over Socket.IO, and the board,
 * counter consoles and phone page in separate browser contexts at once.
 */

// Several browsers and a server share a small CI machine: UI waits get some slack. Latency claims
// are asserted separately with their own bounds (call → board visible < 1 s).
const expect = baseExpect.configure({ timeout: 10_000 });

let server: ServerProcess;
let kiosk: ClientSocket;
const startedAt = Date.now();
const measurements: Record<string, number> = {};

async function checkInBooking(code: string): Promise<IssuedTicket> {
  const { candidates } = await ok(kiosk, 'checkin:lookup', { method: 'code', value: code });
  expect(candidates.map((c) => c.bookingCode)).toContain(code);
  const { tickets } = await ok(kiosk, 'checkin:confirm', { bookingCodes: [code] });
  expect(tickets).toHaveLength(1);
  return tickets[0]!;
}

async function walkIn(serviceId: string): Promise<IssuedTicket> {
  const { tickets } = await ok(kiosk, 'ticket:walkin', { serviceId });
  return tickets[0]!;
}

async function connectKiosk(url: string): Promise<ClientSocket> {
  return (await connect(url, { token: 'demo-kiosk-1' })).socket;
}

async function openBoard(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/board?token=demo-board-1`);
  await expect(page.getByTestId('board-clock')).toBeVisible();
}

async function signIn(page: Page, url: string, username: string, counterId: string): Promise<void> {
  await page.goto(`${url}/counter`);
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  // An officer who still has a counter open (e.g. across a server restart) goes straight to it.
  const chooser = page.getByLabel('Loket', { exact: true });
  const desk = page.getByTestId('console-counter');
  await expect(chooser.or(desk)).toBeVisible();
  if (await chooser.isVisible()) {
    await chooser.selectOption(counterId);
    await page.getByRole('button', { name: 'Buka loket' }).click();
  }
  await expect(desk).toBeVisible();
}

interface BoardProbe {
  history: string[];
  finished: number;
  failures: number;
  pending: number;
  lastSpoken: string | null;
  voiceMode: string;
}

async function boardProbe(page: Page): Promise<BoardProbe | null> {
  return page.evaluate(() => (window as unknown as { __giliranBoard?: BoardProbe }).__giliranBoard ?? null);
}

function clockStartNow(): string {
  // The server's demo clock started at 10:00 office time; a restart continues from about now.
  const elapsedMin = Math.ceil((Date.now() - startedAt) / 60_000) + 1;
  const parts = localParts(Date.parse(`${today}T10:00:00+08:00`) + elapsedMin * 60_000, TZ);
  return `${parts.date}T${parts.time}`;
}

test.describe.configure({ mode: 'serial', timeout: 120_000 });

test.beforeAll(async () => {
  requireDisplayBuild();
  server = await startServerProcess({ clockStart: `${today}T10:00` });
  kiosk = await connectKiosk(server.url);
});

test.afterAll(async () => {
  kiosk?.disconnect();
  await server?.close();
  console.log('measurements (ms):', JSON.stringify(measurements));
});

test('check-in → counter calls in the console → board shows and announces it; recall, transfer, no-show', async ({
  browser,
}) => {
  const booking = demoBookingAt10();
  const [boardCtx, board] = await newPage(browser, 1920, 1080);
  const [counterCtx, counter] = await newPage(browser, 1366, 768);
  const [fotoCtx, foto] = await newPage(browser, 1366, 768);
  const [phoneCtx, phone] = await newPage(browser, 390, 844);
  try {
    await openBoard(board, server.url);
    await signIn(counter, server.url, 'petugas1', 'loket-1');
    await signIn(foto, server.url, 'petugas4', 'loket-4');

    const issued = await checkInBooking(booking.booking_code);
    const number = issued.ticket.number;
    expect(number).toMatch(/^A\d{3}$/);

    // Phone page: its stream sends the ticket at once, then every change.
    const trackPath = new URL(issued.print.trackingUrl).pathname;
    await phone.goto(`${server.url}${trackPath}`);
    await expect(phone.getByTestId('phone-number')).toHaveText(number);
    await expect(phone.getByTestId('phone-ahead')).toHaveText('0');

    // The counter sees it waiting with its waiting time.
    await expect(counter.getByTestId('waiting-list')).toContainText(number);

    // F1 calls next; the board must show it within a second. The board page stamps the moment the
    // number appears in its DOM (a MutationObserver), so test-runner polling is not measured.
    await board.evaluate(() => {
      const w = window as unknown as { __shownAt?: Record<string, number> };
      w.__shownAt = {};
      const seen = () => {
        const text = document.querySelector('[data-testid="board-current-number"]')?.textContent;
        if (text && w.__shownAt && !(text in w.__shownAt)) w.__shownAt[text] = Date.now();
      };
      new MutationObserver(seen).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    });
    const before = Date.now();
    await counter.keyboard.press('F1');
    const shownAt = await board.waitForFunction(
      (n) => (window as unknown as { __shownAt?: Record<string, number> }).__shownAt?.[n],
      number,
      { timeout: 5_000 },
    );
    measurements.callToBoardVisible = ((await shownAt.jsonValue()) as number) - before;
    expect(measurements.callToBoardVisible, 'call → board visible (ms)').toBeLessThan(1_000);
    await expect(board.getByTestId('board-current-counter')).toHaveText(/Loket\s*1/);
    await expect(board.getByTestId('board-counter-loket-1')).toContainText(number);

    // Announced in Indonesian, through the queue.
    const expectedSpoken = /^Nomor antrean A .+, silakan menuju loket satu$/;
    await expect.poll(async () => (await boardProbe(board))?.history ?? []).toHaveLength(1);
    const probe = await boardProbe(board);
    expect(probe?.history[0]).toMatch(expectedSpoken);
    expect(probe?.voiceMode).toMatch(/^(speech|clips|text)$/);
    // The first announcement is really played (chime + voice) without failing.
    await expect
      .poll(async () => (await boardProbe(board))?.finished ?? 0, { timeout: 20_000 })
      .toBeGreaterThan(0);
    expect((await boardProbe(board))?.failures).toBe(0);

    // The counter console shows the booking, application type and checklist.
    await expect(counter.getByTestId('current-number')).toHaveText(number);
    await expect(counter.getByTestId('holder-name')).toHaveText(booking.full_name);
    await expect(counter.getByTestId('application-type')).toBeVisible();
    await expect(counter.getByTestId('checklist').locator('li')).not.toHaveCount(0);
    await expect(counter.getByText(booking.booking_code)).toBeVisible();

    // Phone: the big alert.
    await expect(phone.getByTestId('phone-called')).toHaveText('Anda dipanggil ke loket 1', {
      timeout: 4_000,
    });

    // A refusal is shown plainly: this counter still holds the ticket.
    await counter.keyboard.press('F1');
    await expect(counter.getByTestId('console-error')).toContainText(
      `Loket ini masih melayani ${number}. Selesaikan dahulu.`,
    );

    // Recall: announced again (not deduplicated).
    await counter.keyboard.press('r');
    await expect.poll(async () => (await boardProbe(board))?.history.length).toBe(2);
    expect((await boardProbe(board))?.history[1]).toBe((await boardProbe(board))?.history[0]);
    await expect(board.getByTestId('board-current-recall')).toHaveText('Panggilan ulang 1×');

    // Start, then transfer to the next stage (Foto & wawancara): it waits at loket 4's stage.
    await counter.keyboard.press('s');
    await expect(counter.getByTestId('current-status')).toHaveText('Dilayani');
    await counter.keyboard.press('t');
    await expect(counter.getByTestId('current-empty')).toBeVisible();
    await expect(board.getByTestId('board-counter-loket-1')).toContainText('Siap');
    await expect(foto.getByTestId('waiting-list')).toContainText(number);

    // Loket 4 calls it; no-show is refused before the required recalls, then accepted.
    await foto.getByTestId('action-call').click();
    await expect(board.getByTestId('board-current-number')).toHaveText(number);
    await expect(board.getByTestId('board-current-counter')).toHaveText(/Loket\s*4/);
    await foto.keyboard.press('n');
    await expect(foto.getByTestId('console-error')).toContainText(
      'Panggil ulang 2 kali sebelum menandai tidak hadir.',
    );
    await foto.keyboard.press('r');
    await expect(foto.getByTestId('current-ticket')).toContainText('1 panggilan ulang');
    await foto.keyboard.press('r');
    await expect(foto.getByTestId('current-ticket')).toContainText('2 panggilan ulang');
    await foto.keyboard.press('n');
    await expect(foto.getByTestId('current-empty')).toBeVisible();
    await expect(foto.getByTestId('console-error')).toHaveCount(0);
    await expect(board.getByTestId('board-counter-loket-4')).toContainText('Siap');
    await expect.poll(async () => (await boardProbe(board))?.history.length).toBe(5); // 2 calls + 3 recalls

    // No personal data ever reaches the board.
    const html = await board.content();
    expect(html).not.toContain(booking.full_name);
    expect(html).not.toContain(booking.nik);
    expect(html).not.toContain(booking.nik.slice(-4) + '"');
    const phoneHtml = await phone.content();
    expect(phoneHtml).not.toContain(booking.full_name);
    expect(phoneHtml).not.toContain(booking.nik);
  } finally {
    await Promise.all([boardCtx.close(), counterCtx.close(), fotoCtx.close(), phoneCtx.close()]);
  }
});

test('accessibility (axe) and screenshots of every screen', async ({ browser }) => {
  // A fuller floor for the pictures: a few walk-ins, one called at loket 8.
  const walkins = [await walkIn('informasi'), await walkIn('prioritas'), await walkIn('pengambilan')];
  await walkIn('bap');
  const [boardCtx, board] = await newPage(browser, 1920, 1080);
  const [counterCtx, counter] = await newPage(browser, 1366, 768);
  const [phoneCtx, phone] = await newPage(browser, 390, 844);
  try {
    await openBoard(board, server.url);
    await signIn(counter, server.url, 'petugas8', 'loket-8');
    // The button, not F1: shortcuts are covered by the flow test; a key sent while focus is still
    // settling after "Buka loket" was once lost in CI, and this test is about the pictures.
    await counter.getByRole('button', { name: /Panggil berikutnya/ }).click();
    await expect(counter.getByTestId('current-number')).toBeVisible();
    await expect(board.getByTestId('board-counter-loket-8')).not.toContainText('Siap');

    const waitingTicket = walkins[1]!;
    await phone.goto(`${server.url}${new URL(waitingTicket.print.trackingUrl).pathname}`);
    await expect(phone.getByTestId('phone-number')).toHaveText(waitingTicket.ticket.number);

    // The called number is at least 15% of the screen height (readable at 8 m).
    const fontPx = await board
      .getByTestId('board-current-number')
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(fontPx).toBeGreaterThanOrEqual(0.15 * 1080);
    await expect(board.getByTestId('board-clock')).toContainText('WITA');

    await board.waitForTimeout(3_200); // let the call flash finish for a calm picture
    await board.screenshot({ path: join(shots, 'board-1920x1080.png') });
    await expectNoSeriousAxeViolations(board, 'board 1920x1080');

    for (const [w, h] of [
      [1280, 720],
      [1080, 1920],
    ] as const) {
      await board.setViewportSize({ width: w, height: h });
      const px = await board
        .getByTestId('board-current-number')
        .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(px, `${w}x${h} number size`).toBeGreaterThanOrEqual(0.15 * h);
      const box = await board.getByTestId('board-current-number').boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= w, `${w}x${h}: number fits the screen`).toBe(true);
      await board.screenshot({ path: join(shots, `board-${w}x${h}.png`) });
    }

    await counter.screenshot({ path: join(shots, 'counter-1366x768.png') });
    await expectNoSeriousAxeViolations(counter, 'counter');

    await phone.screenshot({ path: join(shots, 'phone-390x844.png'), fullPage: true });
    await expectNoSeriousAxeViolations(phone, 'phone');

    // English is one tap away.
    await phone.getByTestId('lang-toggle').click();
    await expect(phone.getByText('Your queue number')).toBeVisible();
    await phone.screenshot({ path: join(shots, 'phone-390x844-en.png'), fullPage: true });

    // The phone's called alert, as a picture too.
    await counter.getByTestId('action-complete').click();
    await expect(counter.getByTestId('current-empty')).toBeVisible();
    const [phone2Ctx, phone2] = await newPage(browser, 390, 844);
    try {
      const called = walkins[2]!; // pengambilan, served at loket 8
      await phone2.goto(`${server.url}${new URL(called.print.trackingUrl).pathname}`);
      await counter.keyboard.press('F1');
      await expect(phone2.getByTestId('phone-called')).toBeVisible({ timeout: 4_000 });
      await phone2.screenshot({ path: join(shots, 'phone-390x844-called.png'), fullPage: true });
      await expectNoSeriousAxeViolations(phone2, 'phone (called)');
    } finally {
      await phone2Ctx.close();
    }
  } finally {
    await Promise.all([boardCtx.close(), counterCtx.close(), phoneCtx.close()]);
  }
});

test('supervisor: help request banner with acknowledge, and reinstating a no-show', async ({ browser }) => {
  const [boardCtx, board] = await newPage(browser, 1280, 720);
  const [supCtx, sup] = await newPage(browser, 1366, 768);
  try {
    await openBoard(board, server.url);
    await sup.goto(`${server.url}/counter`);
    await sup.getByLabel('Nama pengguna').fill('supervisor');
    await sup.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
    await sup.getByRole('button', { name: 'Masuk' }).click();
    await expect(sup.getByTestId('noshow-list')).toContainText('A001'); // the no-show of the first test

    await ok(kiosk, 'staff:call', { reason: 'help', detail: 'Pemohon lansia butuh bantuan' });
    const banner = sup.getByTestId('staff-alerts');
    await expect(banner).toContainText('Kiosk Lobi 1');
    await expect(banner).toContainText('Pemohon lansia butuh bantuan');
    await banner.getByRole('button', { name: 'Tangani' }).click();
    await expect(banner).toHaveCount(0);

    await expect(board.getByTestId('board-load-mpaspor').locator('td').first()).toHaveText('0');
    // Nobody waiting for the service: no wait shown, not "0 menit" (issue 11, item 10).
    await expect(board.getByTestId('board-load-mpaspor').locator('td').nth(1)).toHaveText('—');
    await sup.getByTestId('reinstate-A001').click();
    await expect(sup.getByTestId('reinstate-A001')).toHaveCount(0);
    await expect(sup.getByTestId('console-error')).toHaveCount(0);
    await expect(board.getByTestId('board-load-mpaspor').locator('td').first()).toHaveText('1');
    await expect(board.locator('body')).not.toContainText('Pemohon lansia'); // alerts are staff-only
  } finally {
    await Promise.all([boardCtx.close(), supCtx.close()]);
  }
});

test('a new board pairs with a code from an admin; a wrong code is refused plainly', async ({ browser }) => {
  const admin = await login(server.url, 'admin');
  const { status, body } = await api<{ code: string }>(server.url, 'POST', '/api/admin/pairing-codes', {
    token: admin,
    body: { role: 'board', name: 'Layar Uji' },
  });
  expect(status).toBe(200);
  const { code } = body;
  const [ctx, page] = await newPage(browser, 1280, 720);
  try {
    await page.goto(`${server.url}/board`);
    const input = page.getByLabel('Kode pemasangan (6–8 angka)');
    await input.fill(code === '00000000' ? '11111111' : '00000000');
    await page.getByRole('button', { name: 'Pasangkan' }).click();
    await expect(page.getByRole('alert')).toHaveText('Kode pemasangan salah atau kedaluwarsa.');
    await input.fill(code);
    await page.getByRole('button', { name: 'Pasangkan' }).click();
    await expect(page.getByTestId('board-clock')).toBeVisible();
    // The token survives a reload (a TV that reboots stays paired).
    await page.reload();
    await expect(page.getByTestId('board-clock')).toBeVisible();
  } finally {
    await ctx.close();
  }
});

test('board and phone offline: keep the last state with a mark, reconnect by themselves and resync', async ({
  browser,
}) => {
  const [boardCtx, board] = await newPage(browser, 1280, 720);
  const [phoneCtx, phone] = await newPage(browser, 390, 844);
  try {
    // A phone follows a new informasi ticket: loket 8's next call once it finishes its ticket.
    const followed = await walkIn('informasi');
    await phone.goto(`${server.url}${new URL(followed.print.trackingUrl).pathname}`);
    await expect(phone.getByTestId('phone-number')).toHaveText(followed.ticket.number);
    await expect(phone.getByTestId('offline-mark')).toHaveCount(0);
    await openBoard(board, server.url);
    const number = await board.getByTestId('board-current-number').textContent();
    const counters = await board.locator('.board-counters').innerText();
    // Waiting per service; the estimated minutes move on with the clock (a counter's applicant
    // nears the end of their service), so they are not compared across the restart.
    const waitingCells = board.locator('.board-services tbody tr td:first-of-type');
    const loads = await waitingCells.allInnerTexts();
    expect(number).toMatch(/^[A-F]\d{3}/);

    kiosk.disconnect();
    await server.stop();
    await expect(board.getByTestId('offline-mark')).toBeVisible({ timeout: 15_000 });
    await expect(board.getByTestId('board-current-number')).toHaveText(number!);
    await expect(phone.getByTestId('offline-mark')).toBeVisible({ timeout: 15_000 });
    await expect(phone.getByTestId('phone-number')).toHaveText(followed.ticket.number);
    await board.screenshot({ path: join(shots, 'board-1280x720-offline.png') });

    const restartedAt = Date.now();
    server = await startServerProcess({
      dataDir: server.dataDir,
      port: server.port,
      clockStart: clockStartNow(),
    });
    const healthyAt = Date.now();
    measurements.serverRestartToHealthy = healthyAt - restartedAt;
    await expect(board.getByTestId('offline-mark')).toHaveCount(0, { timeout: 10_000 });
    measurements.healthyToBoardInSync = Date.now() - healthyAt;
    expect(measurements.healthyToBoardInSync, 'server healthy → board back in sync (ms)').toBeLessThan(3_000);
    await expect(board.getByTestId('board-current-number')).toHaveText(number!);
    await expect.poll(() => board.locator('.board-counters').innerText()).toBe(counters);
    await expect.poll(() => waitingCells.allInnerTexts()).toEqual(loads);
    // The phone's stream comes back alone too (EventSource's retry, or the page's own backoff).
    await expect(phone.getByTestId('offline-mark')).toHaveCount(0, { timeout: 20_000 });
    measurements.healthyToPhoneStreaming = Date.now() - healthyAt;
    kiosk = await connectKiosk(server.url);

    // And it is live again: a new call appears.
    const [counterCtx, counter] = await newPage(browser, 1366, 768);
    try {
      await walkIn('informasi');
      await signIn(counter, server.url, 'petugas8', 'loket-8');
      // Loket 8 may still hold the ticket it called before the restart: finish it first.
      const held = counter.getByTestId('current-ticket');
      await expect(held.or(counter.getByTestId('current-empty'))).toBeVisible();
      if (await held.isVisible()) await counter.getByTestId('action-complete').click();
      await expect(counter.getByTestId('current-empty')).toBeVisible();
      await counter.keyboard.press('F1');
      await expect(counter.getByTestId('current-number')).toHaveText(followed.ticket.number);
      await expect(board.getByTestId('board-current-number')).toHaveText(followed.ticket.number);
      await expect(phone.getByTestId('phone-called')).toHaveText('Anda dipanggil ke loket 8', {
        timeout: 4_000,
      });
    } finally {
      await counterCtx.close();
    }
  } finally {
    await Promise.all([boardCtx.close(), phoneCtx.close()]);
  }
});

test('one ticket on more phones than the server keeps: the oldest page says so and can follow here', async ({
  browser,
}) => {
  const { ticket, print } = await walkIn('informasi');
  const path = new URL(print.trackingUrl).pathname;
  const phones: Awaited<ReturnType<typeof newPage>>[] = [];
  try {
    for (let i = 0; i < 5; i++) {
      const [ctx, page] = await newPage(browser, 390, 844);
      phones.push([ctx, page]);
      await page.goto(`${server.url}${path}`);
      await expect(page.getByTestId('phone-number')).toHaveText(ticket.number);
    }
    const oldest = phones[0]![1];
    await expect(oldest.getByTestId('phone-replaced')).toContainText(
      'Nomor antrean ini sedang diikuti di layar lain',
    );
    for (const [, page] of phones.slice(1)) await expect(page.getByTestId('phone-number')).toBeVisible();
    await oldest.getByRole('button', { name: 'Ikuti di sini' }).click();
    await expect(oldest.getByTestId('phone-number')).toHaveText(ticket.number);
    // Now the second-oldest is the one past the limit.
    await expect(phones[1]![1].getByTestId('phone-replaced')).toBeVisible();
  } finally {
    for (const [ctx] of phones) await ctx.close();
  }
});
