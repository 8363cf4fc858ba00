import { app, BrowserWindow, ipcMain, Menu, session } from 'electron';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { encodeTicket, openHidScanner, printTicket, queryPrinterStatus } from '@giliran/hardware';
import { startKiosk, type ScanSource } from './app.ts';
import { hidScannerTarget, resolveKioskConfig } from './config.ts';
import { PairingStore, type FileStore } from './pairing-store.ts';
import { LocalPrinter } from './printer.ts';
import type { KioskShell, KioskWindow } from './shell.ts';

// The only file that touches Electron: builds the real shell and hands it to `startKiosk`.

const files: FileStore = {
  read: (path) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return null;
    }
  },
  write: (path, text) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(`${path}.tmp`, text, { mode: 0o600 });
    renameSync(`${path}.tmp`, path);
  },
  remove: (path) => rmSync(path, { force: true }),
};

function wrapWindow(win: BrowserWindow): KioskWindow {
  const wc = win.webContents;
  return {
    loadURL: (url) => win.loadURL(url),
    show: () => win.show(),
    focus: () => win.focus(),
    restore: () => {
      if (win.isMinimized()) win.restore();
    },
    isDestroyed: () => win.isDestroyed(),
    send: (channel, payload) => wc.send(channel, payload),
    onReadyToShow: (fn) => win.once('ready-to-show', fn),
    onNavigate: (fn) => {
      wc.on('will-navigate', (e) => fn(e.url, () => e.preventDefault()));
      wc.on('will-redirect', (e) => fn(e.url, () => e.preventDefault()));
      wc.on('will-frame-navigate', (e) => fn(e.url, () => e.preventDefault()));
    },
    onWindowOpen: (fn) => wc.setWindowOpenHandler(({ url }) => ({ action: fn(url) })),
    onRenderProcessGone: (fn) => wc.on('render-process-gone', (_e, details) => fn(details.reason)),
    onUnresponsive: (fn) => win.on('unresponsive', fn),
    onResponsive: (fn) => win.on('responsive', fn),
    onLoadFailed: (fn) =>
      wc.on('did-fail-load', (_e, code, description, _url, isMainFrame) => {
        if (isMainFrame) fn(code, description);
      }),
  };
}

const shell: KioskShell = {
  isPackaged: app.isPackaged,
  userDataPath: app.getPath('userData'),
  requestSingleInstanceLock: () => app.requestSingleInstanceLock(),
  onSecondInstance: (fn) => app.on('second-instance', fn),
  quit: () => app.quit(),
  removeMenu: () => Menu.setApplicationMenu(null),
  createWindow: (options) => wrapWindow(new BrowserWindow(options)),
  setPermissionHandlers: (decide) => {
    session.defaultSession.setPermissionRequestHandler((wc, permission, callback, details) => {
      const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
      callback(decide(permission, details.requestingUrl ?? wc.getURL(), { mediaTypes }));
    });
    session.defaultSession.setPermissionCheckHandler((_wc, permission, requestingOrigin) =>
      decide(permission, requestingOrigin, {}),
    );
  },
  onHeadersReceived: (transform) =>
    session.defaultSession.webRequest.onHeadersReceived((details, callback) =>
      callback({ responseHeaders: transform(details.url, details.responseHeaders) }),
    ),
  blockWebviews: () =>
    app.on('web-contents-created', (_e, contents) => {
      contents.on('will-attach-webview', (event) => event.preventDefault());
    }),
  handle: (channel, handler) =>
    ipcMain.handle(channel, (event, arg: unknown) => handler(event.senderFrame?.url ?? '', arg)),
};

const configPath = process.env.GILIRAN_KIOSK_CONFIG ?? join(shell.userDataPath, 'kiosk.json');
const config = resolveKioskConfig({ env: process.env, fileText: files.read(configPath) });

/** The HID POS scanner, if configured; a missing or unplugged scanner only logs (the wedge still works). */
function hidScanSource(spec: string | null): ScanSource | undefined {
  if (spec === null) return undefined;
  const listeners = new Set<(code: string) => void>();
  openHidScanner({
    ...hidScannerTarget(spec),
    onScan: (scan) => listeners.forEach((l) => l(scan.data)),
    onError: (e) => console.error(`kiosk: HID scanner: ${e.message}`),
  }).catch((e: unknown) => console.error(`kiosk: HID scanner unavailable: ${(e as Error).message}`));
  return {
    onScan: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

void app.whenReady().then(() => {
  const running = startKiosk(shell, {
    config,
    preloadPath: join(import.meta.dirname, '../preload/preload.cjs'),
    printer: new LocalPrinter(
      {
        encodeTicket,
        printTicket: (uri, bytes) => printTicket(uri, bytes),
        readStatus: (uri) => queryPrinterStatus(uri),
      },
      config.printerUri,
      config.paperWidth,
    ),
    scanner: hidScanSource(config.hidScanner),
    pairing: new PairingStore(files, join(shell.userDataPath, 'pairing.json'), Date.now),
    timers: { setTimeout, clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout), now: Date.now },
    log: (line) => console.log(line),
  });
  app.on('before-quit', () => running?.dispose());
});
app.on('window-all-closed', () => app.quit());
