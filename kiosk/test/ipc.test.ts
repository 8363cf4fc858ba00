import type { PrintResult, TicketPrintData } from '@giliran/shared';
import { describe, expect, it } from 'vitest';
import { IPC } from '../src/common/ipc.ts';
import { createIpcHandlers } from '../src/main/ipc-handlers.ts';
import { TICKET } from './fakes.ts';

const origin = 'http://127.0.0.1:8080';
const page = `${origin}/kiosk/`;

function setup() {
  const printed: TicketPrintData[][] = [];
  let token: string | null = null;
  const result: PrintResult = { ok: true, durationMs: 5 };
  const logs: string[] = [];
  const handlers = createIpcHandlers({
    serverOrigin: origin,
    printTickets: (t) => {
      printed.push(t);
      return Promise.resolve(result);
    },
    printerStatus: () =>
      Promise.resolve({
        ok: true,
        status: { online: true, paperNearEnd: false, paperOut: false, coverOpen: false, error: false },
      }),
    getToken: () => token,
    setToken: (t) => {
      token = t;
    },
    log: (l) => logs.push(l),
  });
  return { handlers, printed, logs, token: () => token };
}

describe('IPC handlers', () => {
  it('has a handler for every invoke channel', () => {
    const { handlers } = setup();
    expect(Object.keys(handlers).sort()).toEqual(
      [IPC.printTickets, IPC.printerStatus, IPC.getToken, IPC.setToken].sort(),
    );
  });

  it('prints valid ticket data from the kiosk page', async () => {
    const { handlers, printed } = setup();
    const res = await handlers[IPC.printTickets](page, { tickets: [TICKET, { ...TICKET, number: 'A013' }] });
    expect(res).toEqual({ ok: true, data: { ok: true, durationMs: 5 } });
    expect(printed[0]?.map((t) => t.number)).toEqual(['A012', 'A013']);
  });

  it('refuses calls from another origin before doing anything', async () => {
    const { handlers, printed, logs } = setup();
    const res = await handlers[IPC.printTickets]('https://evil.example/', { tickets: [TICKET] });
    expect(res).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await handlers[IPC.getToken]('', undefined)).toMatchObject({ ok: false });
    expect(printed).toEqual([]);
    expect(logs.join('\n')).toContain('refused');
  });

  it.each([
    ['no body', undefined],
    ['empty list', { tickets: [] }],
    ['six tickets', { tickets: Array(6).fill(TICKET) as unknown[] }],
    ['extra key', { tickets: [TICKET], evil: 1 }],
    ['bad number', { tickets: [{ ...TICKET, number: '<script>' }] }],
    ['bad url', { tickets: [{ ...TICKET, trackingUrl: 'not a url' }] }],
    ['missing field', { tickets: [{ ...TICKET, checklist: undefined }] }],
  ])('rejects an invalid print payload (%s)', async (_name, arg) => {
    const { handlers, printed } = setup();
    const res = await handlers[IPC.printTickets](page, arg);
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(printed).toEqual([]);
  });

  it('stores and clears the pairing token, validating it', async () => {
    const { handlers, token } = setup();
    expect(await handlers[IPC.setToken](page, { token: 'abcdefgh-1234' })).toEqual({ ok: true, data: null });
    expect(token()).toBe('abcdefgh-1234');
    expect(await handlers[IPC.getToken](page, undefined)).toEqual({ ok: true, data: 'abcdefgh-1234' });
    expect(await handlers[IPC.setToken](page, { token: 'has spaces in it' })).toMatchObject({ ok: false });
    expect(await handlers[IPC.setToken](page, { token: 'x' })).toMatchObject({ ok: false });
    expect(token()).toBe('abcdefgh-1234');
    expect(await handlers[IPC.setToken](page, { token: null })).toEqual({ ok: true, data: null });
    expect(token()).toBeNull();
  });

  it('answers printer status, and refuses arguments where none are expected', async () => {
    const { handlers } = setup();
    expect(await handlers[IPC.printerStatus](page, undefined)).toMatchObject({
      ok: true,
      data: { ok: true },
    });
    expect(await handlers[IPC.printerStatus](page, { x: 1 })).toMatchObject({ ok: false });
  });

  it('turns a throwing dependency into an error answer', async () => {
    const handlers = createIpcHandlers({
      serverOrigin: origin,
      printTickets: () => Promise.reject(new Error('boom')),
      printerStatus: () => Promise.reject(new Error('boom')),
      getToken: () => {
        throw new Error('disk gone');
      },
      setToken: () => {},
    });
    expect(await handlers[IPC.getToken](page, undefined)).toEqual({
      ok: false,
      error: { code: 'internal', message: 'disk gone' },
    });
    expect(await handlers[IPC.printTickets](page, { tickets: [TICKET] })).toMatchObject({ ok: false });
  });
});
