import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { PrintResult, TicketPrintData } from '@giliran/shared';
import {
  BRIDGE_KEY,
  IPC,
  type IpcResponse,
  type KioskBridge,
  type PrinterStatusResult,
} from '../common/ipc.ts';

// Sandboxed preload: only `electron` is available, so this file imports nothing else at runtime
// (the bundler inlines the channel constants). It exposes exactly one object.

async function invoke<T>(channel: string, arg?: unknown): Promise<T> {
  const res = (await ipcRenderer.invoke(channel, arg)) as IpcResponse<T>;
  if (!res.ok) throw new Error(res.error.message);
  return res.data;
}

const bridge = {
  version: 1,
  printTickets: async (tickets: TicketPrintData[]): Promise<PrintResult> => {
    try {
      return await invoke<PrintResult>(IPC.printTickets, { tickets });
    } catch (e) {
      return { ok: false, reason: 'error', detail: (e as Error).message };
    }
  },
  printerStatus: () => invoke<PrinterStatusResult>(IPC.printerStatus),
  getToken: () => invoke<string | null>(IPC.getToken),
  setToken: async (token: string | null) => {
    await invoke<null>(IPC.setToken, { token });
  },
  onScan: (listener: (code: string) => void) => {
    const wrapped = (_event: IpcRendererEvent, code: unknown): void => {
      if (typeof code === 'string') listener(code);
    };
    ipcRenderer.on(IPC.scan, wrapped);
    return () => {
      ipcRenderer.removeListener(IPC.scan, wrapped);
    };
  },
} as const satisfies KioskBridge;

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
