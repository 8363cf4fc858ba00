import { describe, expect, it } from 'vitest';
import { IPC } from '../src/common/ipc.ts';
import { startKiosk, type ScanSource } from '../src/main/app.ts';
import { DEFAULT_CONFIG } from '../src/main/config.ts';
import { PairingStore } from '../src/main/pairing-store.ts';
import { LocalPrinter } from '../src/main/printer.ts';
import { FakeShell, FakeTimers, TICKET } from './fakes.ts';

const config = { ...DEFAULT_CONFIG, serverUrl: 'http://10.0.0.2:8080', printerUri: 'tcp://10.0.0.21:9100' };

function boot(opts: { locked?: boolean; scanner?: ScanSource } = {}) {
  const shell = new FakeShell();
  shell.locked = opts.locked ?? true;
  const timers = new FakeTimers();
  const files = new Map<string, string>();
  const printed: string[] = [];
  const logs: string[] = [];
  const running = startKiosk(shell, {
    config,
    preloadPath: '/opt/giliran/preload.cjs',
    printer: new LocalPrinter(
      {
        encodeTicket: (d) => new TextEncoder().encode(d.number),
        printTicket: (uri, bytes) => {
          printed.push(`${uri} ${new TextDecoder().decode(bytes)}`);
          return Promise.resolve({ ok: true, durationMs: 1 });
        },
      },
      config.printerUri,
      80,
    ),
    pairing: new PairingStore(
      {
        read: (p) => files.get(p) ?? null,
        write: (p, t) => void files.set(p, t),
        remove: (p) => void files.delete(p),
      },
      '/u/pairing.json',
      () => 1,
    ),
    timers,
    recovery: { baseDelayMs: 1000, maxDelayMs: 30_000, stableAfterMs: 60_000, hangGraceMs: 5000 },
    log: (l) => logs.push(l),
    ...(opts.scanner ? { scanner: opts.scanner } : {}),
  });
  const win = shell.windows[0];
  return { shell, timers, running, win, printed, logs, files };
}

describe('startKiosk', () => {
  it('quits when another instance holds the lock, creating no window', () => {
    const { shell, running } = boot({ locked: false });
    expect(running).toBeNull();
    expect(shell.quitCalled).toBe(true);
    expect(shell.windows).toHaveLength(0);
  });

  it('opens one locked-down window on the server kiosk page, shown when ready', () => {
    const { shell, win } = boot();
    expect(shell.windows).toHaveLength(1);
    expect(win!.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(win!.options.webPreferences.preload).toBe('/opt/giliran/preload.cjs');
    expect(win!.options.webPreferences.devTools).toBe(false);
    expect(win!.loads).toEqual(['http://10.0.0.2:8080/kiosk/']);
    expect(shell.menuRemoved && shell.webviewsBlocked).toBe(true);
    expect(win!.shown).toBe(false);
    win!.readyToShow!();
    expect(win!.shown).toBe(true);
  });

  it('blocks navigation away from the kiosk app and every new window', () => {
    const { win } = boot();
    let prevented = 0;
    win!.navigate!('https://evil.example/', () => prevented++);
    win!.navigate!('http://10.0.0.2:8080/counter', () => prevented++);
    win!.navigate!('http://10.0.0.2:8080/kiosk/', () => prevented++);
    expect(prevented).toBe(2);
    expect(win!.windowOpen!('http://10.0.0.2:8080/kiosk/')).toBe('deny');
  });

  it('denies permissions by default and adds the CSP to every response', () => {
    const { shell } = boot();
    expect(shell.permission!('geolocation', 'http://10.0.0.2:8080/kiosk/', {})).toBe(false);
    expect(shell.permission!('notifications', 'http://10.0.0.2:8080/kiosk/', {})).toBe(false);
    const headers = shell.headers!('http://10.0.0.2:8080/kiosk/', { 'Content-Type': ['text/html'] });
    expect(headers['Content-Security-Policy']?.[0]).toContain("default-src 'self'");
  });

  it('reloads the kiosk page after a renderer crash, with backoff', () => {
    const { win, timers } = boot();
    win!.gone!('crashed');
    timers.advance(999);
    expect(win!.loads).toHaveLength(1);
    timers.advance(1);
    expect(win!.loads).toEqual(['http://10.0.0.2:8080/kiosk/', 'http://10.0.0.2:8080/kiosk/']);
    win!.gone!('oom');
    timers.advance(2000);
    expect(win!.loads).toHaveLength(3);
  });

  it('retries when the server is unreachable at boot, but not for its own blocked navigations', () => {
    const { win, timers } = boot();
    win!.loadFailed!(-3, 'ERR_ABORTED');
    timers.advance(10_000);
    expect(win!.loads).toHaveLength(1);
    win!.loadFailed!(-102, 'ERR_CONNECTION_REFUSED');
    timers.advance(1000);
    expect(win!.loads).toHaveLength(2);
  });

  it('reloads a hung page after the grace period', () => {
    const { win, timers } = boot();
    win!.unresponsive!();
    timers.advance(5000 + 1000);
    expect(win!.loads).toHaveLength(2);
  });

  it('focuses the window when a second instance starts', () => {
    const { shell, win } = boot();
    shell.secondInstance!();
    expect(win!.focused).toBe(1);
  });

  it('registers validated IPC handlers that reach the printer and pairing store', async () => {
    const { shell, printed, files } = boot();
    expect([...shell.handlers.keys()].sort()).toEqual(
      [IPC.printTickets, IPC.printerStatus, IPC.getToken, IPC.setToken].sort(),
    );
    const page = 'http://10.0.0.2:8080/kiosk/';
    expect(await shell.handlers.get(IPC.printTickets)!(page, { tickets: [TICKET] })).toEqual({
      ok: true,
      data: { ok: true, durationMs: 1 },
    });
    expect(printed).toEqual(['tcp://10.0.0.21:9100 A012']);
    await shell.handlers.get(IPC.setToken)!(page, { token: 'device-token-1' });
    expect(files.get('/u/pairing.json')).toContain('device-token-1');
    expect(
      await shell.handlers.get(IPC.printTickets)!('http://other:8080/kiosk/', { tickets: [TICKET] }),
    ).toMatchObject({
      ok: false,
    });
    expect(printed).toHaveLength(1);
  });

  it('forwards HID scanner codes to the page and stops on dispose', () => {
    let emit: ((code: string) => void) | null = null;
    let stopped = false;
    const scanner: ScanSource = {
      onScan: (l) => {
        emit = l;
        return () => {
          stopped = true;
        };
      },
    };
    const { win, running } = boot({ scanner });
    emit!('MP2611280001');
    expect(win!.sent).toEqual([{ channel: IPC.scan, payload: 'MP2611280001' }]);
    running!.dispose();
    expect(stopped).toBe(true);
  });
});
