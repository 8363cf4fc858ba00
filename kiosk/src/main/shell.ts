import type { InvokeChannel } from '../common/ipc.ts';
import type { IpcHandler } from './ipc-handlers.ts';
import type { KioskWindowOptions } from './security.ts';

/**
 * Everything the kiosk needs from Electron, as a narrow interface. `main.ts` implements it with
 * the real `app`, `BrowserWindow`, `session` and `ipcMain`; tests implement it with plain objects,
 * so the kiosk's behaviour is tested under Node without the Electron binary.
 */
export interface KioskShell {
  readonly isPackaged: boolean;
  readonly userDataPath: string;
  requestSingleInstanceLock(): boolean;
  onSecondInstance(listener: () => void): void;
  quit(): void;
  /** Removes the application menu (no File/Edit/View, no accelerators like Ctrl+R or F12). */
  removeMenu(): void;
  createWindow(options: KioskWindowOptions): KioskWindow;
  /** Installs permission request and check handlers on the default session. */
  setPermissionHandlers(
    decide: (permission: string, requestingUrl: string, details: { mediaTypes?: string[] }) => boolean,
  ): void;
  /** Rewrites response headers of every request of the default session. */
  onHeadersReceived(
    transform: (url: string, headers: Record<string, string[]> | undefined) => Record<string, string[]>,
  ): void;
  /** Blocks `<webview>` everywhere. */
  blockWebviews(): void;
  handle(channel: InvokeChannel, handler: IpcHandler): void;
}

export interface KioskWindow {
  loadURL(url: string): Promise<void>;
  show(): void;
  focus(): void;
  restore(): void;
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
  onReadyToShow(listener: () => void): void;
  /** `will-navigate`, `will-redirect` and `will-frame-navigate`: call `prevent()` to block. */
  onNavigate(listener: (url: string, prevent: () => void) => void): void;
  /** `setWindowOpenHandler`: the kiosk never opens a second window. */
  onWindowOpen(listener: (url: string) => 'deny'): void;
  onRenderProcessGone(listener: (reason: string) => void): void;
  onUnresponsive(listener: () => void): void;
  onResponsive(listener: () => void): void;
  /** Main-frame load failures (server unreachable at boot, network gone mid-load). */
  onLoadFailed(listener: (errorCode: number, description: string) => void): void;
}
