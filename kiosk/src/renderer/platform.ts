import type { IssuedTicket, Lang, Payload, PrintResult } from '@giliran/shared';
import { request, ServerError, storeToken, takeTokenFromUrl, type GiliranSocket } from '@giliran/client';
import { BRIDGE_KEY, type KioskBridge } from '../common/ipc.ts';

/**
 * Where the kiosk runs. In Electron the preload bridge prints on the kiosk's own printer and keeps
 * the token in a file; in plain Chromium (browser mode) the server prints on the device's network
 * printer and the token lives in localStorage. The screens never know which.
 */
export interface KioskPlatform {
  readonly mode: 'electron' | 'browser';
  loadToken(): Promise<string | null>;
  saveToken(token: string | null): Promise<void>;
  /**
   * Prints the tickets. `staffAlerted` is true when the server already raised a printer alert for
   * a failure (browser mode: the server printed), so the kiosk does not raise a second one.
   */
  print(
    socket: GiliranSocket,
    tickets: readonly IssuedTicket[],
    lang: Lang,
  ): Promise<{ result: PrintResult; staffAlerted: boolean }>;
  /** HID scanner codes (Electron only); returns an unsubscribe function. */
  onHardwareScan(listener: (code: string) => void): () => void;
  /**
   * The kiosk's own printer state for the dashboard (`device:report`), read by DLE EOT through the
   * bridge; null in browser mode, where the server prints and records printer faults itself.
   */
  printerReport(): Promise<Payload<'device:report'> | null>;
}

export function findBridge(win: Window): KioskBridge | null {
  const candidate = (win as unknown as Record<string, unknown>)[BRIDGE_KEY];
  return candidate && typeof candidate === 'object' ? (candidate as KioskBridge) : null;
}

function electronPlatform(bridge: KioskBridge): KioskPlatform {
  return {
    mode: 'electron',
    loadToken: async () => {
      // A `?token=` link still works in Electron (first setup by a technician); the file keeps it.
      const fromUrl = new URL(window.location.href).searchParams.get('token');
      if (fromUrl) {
        await bridge.setToken(fromUrl);
        const url = new URL(window.location.href);
        url.searchParams.delete('token');
        window.history.replaceState(null, '', url.toString());
      }
      return bridge.getToken();
    },
    saveToken: (token) => bridge.setToken(token),
    print: async (_socket, tickets) => ({
      result: await bridge.printTickets(tickets.map((t) => t.print)),
      staffAlerted: false,
    }),
    onHardwareScan: (listener) => bridge.onScan(listener),
    printerReport: async () => {
      const r = await bridge.printerStatus();
      return r.ok
        ? { printer: r.status }
        : { printer: null, detail: `${r.reason}: ${r.detail}`.slice(0, 200) };
    },
  };
}

const browserPlatform: KioskPlatform = {
  mode: 'browser',
  loadToken: () => Promise.resolve(takeTokenFromUrl()),
  saveToken: (token) => {
    storeToken(token);
    return Promise.resolve();
  },
  print: async (socket, tickets, lang) => {
    try {
      const { result } = await request(
        socket,
        'ticket:print',
        {
          ticketIds: tickets.map((t) => t.ticket.id),
          // The server prints what it is asked: a ticket issued before must say it is a reprint.
          reprints: tickets.filter((t) => t.print.reprint).map((t) => t.ticket.id),
          lang,
        },
        15_000,
      );
      // The server raises the printer alert itself when its print attempt fails.
      return { result, staffAlerted: !result.ok };
    } catch (e) {
      const code = e instanceof ServerError ? e.code : 'internal';
      const reason = code === 'no_printer' ? 'unreachable' : 'error';
      return { result: { ok: false, reason, detail: (e as Error).message }, staffAlerted: false };
    }
  },
  onHardwareScan: () => () => {},
  printerReport: () => Promise.resolve(null),
};

export function detectPlatform(win: Window = window): KioskPlatform {
  const bridge = findBridge(win);
  return bridge ? electronPlatform(bridge) : browserPlatform;
}
