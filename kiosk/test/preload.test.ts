import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BRIDGE_KEY, IPC, type KioskBridge } from '../src/common/ipc.ts';
import { TICKET } from './fakes.ts';

// The real preload file, with Electron's two preload APIs replaced: it must expose exactly one
// object, and every call must go through a channel from the constants module.
const exposed: Record<string, unknown> = {};
const invoke = vi.fn<(channel: string, arg?: unknown) => Promise<unknown>>();
const listeners = new Map<string, (event: unknown, payload: unknown) => void>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void (exposed[key] = api) },
  ipcRenderer: {
    invoke: (channel: string, arg?: unknown) => invoke(channel, arg),
    on: (channel: string, l: (event: unknown, payload: unknown) => void) => void listeners.set(channel, l),
    removeListener: (channel: string) => void listeners.delete(channel),
  },
}));

describe('preload bridge', () => {
  beforeEach(async () => {
    invoke.mockReset();
    await import('../src/preload/preload.ts');
  });

  it('exposes one object under the bridge key', () => {
    expect(Object.keys(exposed)).toEqual([BRIDGE_KEY]);
    const bridge = exposed[BRIDGE_KEY] as KioskBridge;
    expect(bridge.version).toBe(1);
  });

  it('prints through the print channel and never throws', async () => {
    const bridge = exposed[BRIDGE_KEY] as KioskBridge;
    invoke.mockResolvedValueOnce({ ok: true, data: { ok: true, durationMs: 3 } });
    expect(await bridge.printTickets([TICKET])).toEqual({ ok: true, durationMs: 3 });
    expect(invoke).toHaveBeenCalledWith(IPC.printTickets, { tickets: [TICKET] });
    invoke.mockResolvedValueOnce({ ok: false, error: { code: 'invalid_payload', message: 'bad' } });
    expect(await bridge.printTickets([TICKET])).toEqual({ ok: false, reason: 'error', detail: 'bad' });
  });

  it('reads and stores the token, and relays scanner codes until unsubscribed', async () => {
    const bridge = exposed[BRIDGE_KEY] as KioskBridge;
    invoke.mockResolvedValueOnce({ ok: true, data: 'tok-1' });
    expect(await bridge.getToken()).toBe('tok-1');
    invoke.mockResolvedValueOnce({ ok: true, data: null });
    await bridge.setToken('tok-2');
    expect(invoke).toHaveBeenLastCalledWith(IPC.setToken, { token: 'tok-2' });
    const codes: string[] = [];
    const stop = bridge.onScan((c) => codes.push(c));
    listeners.get(IPC.scan)?.({}, 'MP1');
    listeners.get(IPC.scan)?.({}, 42);
    stop();
    expect(codes).toEqual(['MP1']);
    expect(listeners.has(IPC.scan)).toBe(false);
  });
});
