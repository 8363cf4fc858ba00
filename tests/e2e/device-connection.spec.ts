import { expect as baseExpect, test, type Page } from '@playwright/test';
import { api, login } from '../support/clients.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { newPage, requireDisplayBuild, scanBurst, today } from './support.ts';

/**
 * Devices and a lost connection, in Debian's Chromium against a real server process: a revoked
 * board or kiosk is back on its pairing screen within seconds, without a reload; a kiosk whose
 * server goes silent or away says so instead of hanging on "Mencari pendaftaran…".
 */

const expect = baseExpect.configure({ timeout: 10_000 });

let server: ServerProcess;
let admin: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  requireDisplayBuild();
  server = await startServerProcess({ clockStart: `${today}T10:00` });
  admin = await login(server.url, 'admin');
});

test.afterAll(async () => {
  await server?.close();
});

async function pairingCode(role: 'kiosk' | 'board', name: string): Promise<string> {
  const r = await api<{ code: string }>(server.url, 'POST', '/api/admin/pairing-codes', {
    token: admin,
    body: { role, name },
  });
  expect(r.status).toBe(200);
  return r.body.code;
}

async function deviceId(name: string): Promise<string> {
  const r = await api<{ id: string; name: string }[]>(server.url, 'GET', '/api/devices', { token: admin });
  const device = r.body.find((d) => d.name === name);
  expect(device, `device ${name} is listed`).toBeDefined();
  return device!.id;
}

/** Marks the page so a reload (which would clear the mark) is noticed. */
async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __noReload?: boolean }).__noReload = true;
  });
}

async function notReloaded(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);
}

test('a revoked board shows its pairing screen within seconds, without a reload', async ({ browser }) => {
  const [ctx, page] = await newPage(browser, 1280, 720);
  try {
    const code = await pairingCode('board', 'Layar Dicabut');
    await page.goto(`${server.url}/board`);
    await page.getByLabel('Kode pemasangan (6–8 angka)').fill(code);
    await page.getByRole('button', { name: 'Pasangkan' }).click();
    await expect(page.getByTestId('board-clock')).toBeVisible();
    await markPage(page);

    const revokedAt = Date.now();
    const del = await api(server.url, 'DELETE', `/api/admin/devices/${await deviceId('Layar Dicabut')}`, {
      token: admin,
    });
    expect(del.status).toBe(200);
    await expect(page.getByLabel('Kode pemasangan (6–8 angka)')).toBeVisible({ timeout: 5_000 });
    console.log(`board: revoked → pairing screen in ${Date.now() - revokedAt} ms`);
    expect(await notReloaded(page)).toBe(true);
    await expect(page.getByTestId('board-clock')).toHaveCount(0);
    expect(await page.evaluate(() => localStorage.getItem('giliran.token'))).toBeNull();
  } finally {
    await ctx.close();
  }
});

test('a revoked kiosk shows its pairing screen within seconds, without a reload', async ({ browser }) => {
  const [ctx, page] = await newPage(browser, 1080, 1920);
  try {
    const code = await pairingCode('kiosk', 'Kiosk Dicabut');
    await page.goto(`${server.url}/kiosk/`);
    await expect(page.locator('[data-screen="pairing"]')).toBeVisible();
    const keypad = page.getByRole('group', { name: 'Keypad' });
    for (const digit of code) await keypad.getByRole('button', { name: digit, exact: true }).click();
    await page.getByRole('button', { name: 'Pasangkan' }).click();
    await expect(page.locator('[data-screen="idle"]')).toBeVisible();
    await page.getByRole('button', { name: 'Ketik NIK' }).click();
    await expect(page.locator('[data-screen="nik"]')).toBeVisible();
    await markPage(page);

    const revokedAt = Date.now();
    const del = await api(server.url, 'DELETE', `/api/admin/devices/${await deviceId('Kiosk Dicabut')}`, {
      token: admin,
    });
    expect(del.status).toBe(200);
    await expect(page.locator('[data-screen="pairing"]')).toBeVisible({ timeout: 5_000 });
    console.log(`kiosk: revoked → pairing screen in ${Date.now() - revokedAt} ms`);
    expect(await notReloaded(page)).toBe(true);
    expect(await page.evaluate(() => localStorage.getItem('giliran.token'))).toBeNull();
  } finally {
    await ctx.close();
  }
});

test('a kiosk whose server stops answering, or drops the connection, says so and offers a retry', async ({
  browser,
}) => {
  const [ctx, page] = await newPage(browser, 1080, 1920);
  try {
    // Between the kiosk and the server: every frame passes, except that look-ups are swallowed
    // (a server that never answers) or cut the connection, as the test chooses.
    let onLookup: 'swallow' | 'drop' = 'swallow';
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      const srv = ws.connectToServer();
      ws.onMessage((frame) => {
        if (typeof frame === 'string' && frame.includes('"checkin:lookup"')) {
          if (onLookup === 'drop') void ws.close();
          return;
        }
        srv.send(frame);
      });
    });
    await page.goto(`${server.url}/kiosk/?token=demo-kiosk-1`);
    await expect(page.locator('[data-screen="idle"]')).toBeVisible();

    const scan = () => scanBurst(page, 'ZZ00000042');
    const offline = page.locator('[data-screen="refusal"][data-refusal="offline"]');

    // No answer: the request times out and the applicant is told plainly, with a way on.
    const askedAt = Date.now();
    await scan();
    await expect(page.getByText('Mencari pendaftaran…')).toBeVisible();
    await expect(offline).toBeVisible({ timeout: 12_000 });
    console.log(`kiosk: unanswered look-up → message in ${Date.now() - askedAt} ms`);
    await expect(offline.getByRole('heading', { level: 1 })).toHaveText('Tidak terhubung ke server');
    await expect(page.getByRole('button', { name: 'Coba lagi' })).toBeVisible();

    // The connection drops while the look-up is pending: told at once, not after the timeout.
    await page.getByRole('button', { name: 'Mulai dari awal' }).click();
    await expect(page.locator('[data-screen="idle"]')).toBeVisible();
    onLookup = 'drop';
    const droppedAt = Date.now();
    await scan(); // (the look-up screen may come and go too fast to see)
    await expect(offline).toBeVisible({ timeout: 4_000 });
    console.log(`kiosk: dropped connection → message in ${Date.now() - droppedAt} ms`);
  } finally {
    await ctx.close();
  }
});
