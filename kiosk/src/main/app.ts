import { IPC } from '../common/ipc.ts';
import type { KioskConfig } from './config.ts';
import { createIpcHandlers } from './ipc-handlers.ts';
import type { PairingStore } from './pairing-store.ts';
import type { LocalPrinter } from './printer.ts';
import { CrashRecovery, DEFAULT_RECOVERY, type RecoveryOptions, type Timers } from './recovery.ts';
import { kioskUrl, mayGrantPermission, mayNavigate, windowOptions, withCsp } from './security.ts';
import type { KioskShell, KioskWindow } from './shell.ts';

/** A source of scanned codes (the HID POS reader), if the kiosk has one. */
export interface ScanSource {
  onScan(listener: (code: string) => void): () => void;
}

export interface KioskDeps {
  config: KioskConfig;
  preloadPath: string;
  printer: LocalPrinter;
  pairing: PairingStore;
  timers: Timers;
  scanner?: ScanSource;
  recovery?: RecoveryOptions;
  log?: (line: string) => void;
}

export interface RunningKiosk {
  window: KioskWindow;
  recovery: CrashRecovery;
  dispose(): void;
}

/**
 * Wires the kiosk: one locked-down window on the server's kiosk page, IPC to the local printer and
 * pairing store, crash recovery. Returns null when another instance already runs (it gets focus).
 */
export function startKiosk(shell: KioskShell, deps: KioskDeps): RunningKiosk | null {
  const log = deps.log ?? (() => {});
  if (!shell.requestSingleInstanceLock()) {
    log('kiosk: another instance is running; quitting');
    shell.quit();
    return null;
  }
  const origin = deps.config.serverUrl;
  const url = kioskUrl(origin);

  shell.removeMenu();
  shell.blockWebviews();
  shell.setPermissionHandlers((permission, requestingUrl, details) => {
    const ok = mayGrantPermission(permission, requestingUrl, origin, details);
    if (!ok) log(`kiosk: denied permission ${permission} for ${requestingUrl}`);
    return ok;
  });
  shell.onHeadersReceived((_url, headers) => withCsp(headers, origin));

  const handlers = createIpcHandlers({
    serverOrigin: origin,
    printTickets: (tickets) => deps.printer.printTickets(tickets),
    printerStatus: () => deps.printer.status(),
    getToken: () => deps.pairing.get(),
    setToken: (token) => deps.pairing.set(token),
    log,
  });
  for (const [channel, handler] of Object.entries(handlers)) {
    shell.handle(channel as keyof typeof handlers, handler);
  }

  const win = shell.createWindow(
    windowOptions({
      preload: deps.preloadPath,
      kioskMode: deps.config.kioskMode,
      packaged: shell.isPackaged,
    }),
  );
  const load = (): void => {
    if (win.isDestroyed()) return;
    win.loadURL(url).catch((e: unknown) => log(`kiosk: load failed: ${(e as Error).message}`));
  };
  const recovery = new CrashRecovery(load, deps.timers, deps.recovery ?? DEFAULT_RECOVERY, log);

  win.onReadyToShow(() => {
    log(`kiosk: window ready (${url})`);
    win.show();
  });
  win.onNavigate((target, prevent) => {
    if (!mayNavigate(target, origin)) {
      log(`kiosk: blocked navigation to ${target}`);
      prevent();
    }
  });
  win.onWindowOpen((target) => {
    log(`kiosk: blocked new window ${target}`);
    return 'deny';
  });
  win.onRenderProcessGone((reason) => recovery.renderProcessGone(reason));
  win.onUnresponsive(() => recovery.unresponsive());
  win.onResponsive(() => recovery.responsive());
  // -3 is ERR_ABORTED: our own blocked navigations, not a failure.
  win.onLoadFailed((code, description) => {
    if (code !== -3) recovery.renderProcessGone(`load failed: ${description}`);
  });
  shell.onSecondInstance(() => {
    if (win.isDestroyed()) return;
    win.restore();
    win.focus();
  });
  const stopScan = deps.scanner?.onScan((code) => {
    if (!win.isDestroyed()) win.send(IPC.scan, code);
  });

  load();
  return {
    window: win,
    recovery,
    dispose: () => {
      recovery.dispose();
      stopScan?.();
    },
  };
}
