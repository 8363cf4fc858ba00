import { sampleTicket } from '@giliran/hardware/test-support';
import type { TicketPrintData } from '@giliran/shared';
import type { InvokeChannel } from '../src/common/ipc.ts';
import type { IpcHandler } from '../src/main/ipc-handlers.ts';
import type { KioskWindowOptions } from '../src/main/security.ts';
import type { KioskShell, KioskWindow } from '../src/main/shell.ts';
import type { Timers } from '../src/main/recovery.ts';

/** Manual timers: `advance(ms)` runs what falls due, in order. */
export class FakeTimers implements Timers {
  private t = 0;
  private seq = 0;
  private queue: { id: number; at: number; fn: () => void }[] = [];
  now = (): number => this.t;
  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = ++this.seq;
    this.queue.push({ id, at: this.t + ms, fn });
    return id;
  };
  clearTimeout = (handle: unknown): void => {
    this.queue = this.queue.filter((q) => q.id !== handle);
  };
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      this.queue.sort((a, b) => a.at - b.at);
      const next = this.queue[0];
      if (!next || next.at > end) break;
      this.queue.shift();
      this.t = next.at;
      next.fn();
    }
    this.t = end;
  }
  get pending(): number {
    return this.queue.length;
  }
}

type Listener<A extends unknown[]> = ((...args: A) => void) | null;

export class FakeWindow implements KioskWindow {
  loads: string[] = [];
  shown = false;
  focused = 0;
  destroyed = false;
  sent: { channel: string; payload: unknown }[] = [];
  readyToShow: Listener<[]> = null;
  navigate: Listener<[string, () => void]> = null;
  windowOpen: ((url: string) => 'deny') | null = null;
  gone: Listener<[string]> = null;
  unresponsive: Listener<[]> = null;
  responsive: Listener<[]> = null;
  loadFailed: Listener<[number, string]> = null;

  constructor(readonly options: KioskWindowOptions) {}
  loadURL(url: string): Promise<void> {
    this.loads.push(url);
    return Promise.resolve();
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused += 1;
  }
  restore(): void {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  onReadyToShow(l: () => void): void {
    this.readyToShow = l;
  }
  onNavigate(l: (url: string, prevent: () => void) => void): void {
    this.navigate = l;
  }
  onWindowOpen(l: (url: string) => 'deny'): void {
    this.windowOpen = l;
  }
  onRenderProcessGone(l: (reason: string) => void): void {
    this.gone = l;
  }
  onUnresponsive(l: () => void): void {
    this.unresponsive = l;
  }
  onResponsive(l: () => void): void {
    this.responsive = l;
  }
  onLoadFailed(l: (code: number, description: string) => void): void {
    this.loadFailed = l;
  }
}

export class FakeShell implements KioskShell {
  isPackaged = true;
  userDataPath = '/var/lib/giliran-kiosk';
  locked = true;
  quitCalled = false;
  menuRemoved = false;
  webviewsBlocked = false;
  windows: FakeWindow[] = [];
  handlers = new Map<InvokeChannel, IpcHandler>();
  permission: ((p: string, url: string, d: { mediaTypes?: string[] }) => boolean) | null = null;
  headers: ((url: string, h: Record<string, string[]> | undefined) => Record<string, string[]>) | null = null;
  secondInstance: (() => void) | null = null;

  requestSingleInstanceLock(): boolean {
    return this.locked;
  }
  onSecondInstance(l: () => void): void {
    this.secondInstance = l;
  }
  quit(): void {
    this.quitCalled = true;
  }
  removeMenu(): void {
    this.menuRemoved = true;
  }
  createWindow(options: KioskWindowOptions): KioskWindow {
    const w = new FakeWindow(options);
    this.windows.push(w);
    return w;
  }
  setPermissionHandlers(d: (p: string, url: string, details: { mediaTypes?: string[] }) => boolean): void {
    this.permission = d;
  }
  onHeadersReceived(
    t: (url: string, h: Record<string, string[]> | undefined) => Record<string, string[]>,
  ): void {
    this.headers = t;
  }
  blockWebviews(): void {
    this.webviewsBlocked = true;
  }
  handle(channel: InvokeChannel, handler: IpcHandler): void {
    this.handlers.set(channel, handler);
  }
}

export const TICKET: TicketPrintData = sampleTicket();
