import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_ROLES, payloadSchemas, type ClientEventName, type Role } from '@giliran/shared';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import {
  api,
  closeAll,
  connect,
  login,
  ok,
  rawRequest,
  sleep,
  TEST_CLOCK_START,
  type ClientSocket,
} from '../support/clients.ts';
import { VALID_PAYLOADS } from '../support/valid-payloads.ts';

// Just under the server's frame limit (16 KB): a larger frame makes Socket.IO drop the connection,
// no ack (server-security.test.ts covers that).
const HUGE = 'x'.repeat(15_000);

/** Malformed payloads every event must answer with an error, never a crash or a change. */
function malformed(event: ClientEventName): unknown[][] {
  const proto = JSON.parse('{"__proto__": {"polluted": true}, "serviceId": "informasi"}') as unknown;
  const common: unknown[][] = [
    [null],
    [undefined],
    [42],
    [Number.NaN],
    [-1],
    ['a string'],
    [[]],
    [[{}]],
    [true],
    [{ unexpected: 'key' }],
    [proto],
    [{ constructor: { prototype: { polluted: true } } }],
    [{ toString: 'x', valueOf: 1 }],
    [{ big: HUGE }],
    [HUGE],
    [{ '🙂': 'ünïcödé' }],
  ];
  const specific: Record<ClientEventName, unknown[]> = {
    'checkin:lookup': [
      { method: 'code' },
      { method: 'x', value: 'MP1' },
      { method: 'code', value: '' },
      { method: 'code', value: HUGE },
      { method: 'nik', value: 1234567890123456 },
      { method: 'code', value: 'MP1', lang: 'fr' },
      { method: 'code', value: 'MP1', extra: 1 },
    ],
    'checkin:confirm': [
      { bookingCodes: [] },
      { bookingCodes: 'MP2603100001' },
      { bookingCodes: ['mp lower'] },
      { bookingCodes: Array.from({ length: 6 }, (_, i) => `MP00000${i}`) },
      { bookingCodes: [null] },
      JSON.parse('{"bookingCodes":["MP2603100001"],"__proto__":{"admin":true}}'),
    ],
    'ticket:walkin': [{ serviceId: '' }, { serviceId: 7 }, { serviceId: HUGE }, { serviceId: ['informasi'] }],
    'ticket:print': [
      { ticketIds: [] },
      { ticketIds: 'a' },
      { ticketIds: Array(6).fill('a') },
      { ticketIds: ['a'], reprints: 'a' },
      { ticketIds: ['a'], reprints: Array(6).fill('a') },
    ],
    'staff:call': [
      { reason: 'fire' },
      { reason: 'help', detail: HUGE },
      { reason: 'help', detail: 5 },
      { reason: 'printer', printerFault: 'on_fire' },
    ],
    'device:report': [{ printer: { online: 'yes' } }, { printer: {} }, { printer: null, detail: HUGE }],
    'counter:open': [
      { counterId: '' },
      { counterId: 1 },
      { counterId: 'loket-1', stages: [] },
      { counterId: 'loket-1', stages: 'foto' },
    ],
    'counter:close': [{ counterId: 'loket-1' }],
    'counter:pause': [{ x: 1 }],
    'counter:resume': [{ x: 1 }],
    'ticket:call': [{ counterId: 'loket-1' }],
    'ticket:recall': [{ n: Number.NaN }],
    'ticket:start': [{ n: -1 }],
    'ticket:noShow': [{ force: true }],
    'ticket:complete': [{ ticketId: 'x' }],
    'ticket:transfer': [{ toServiceId: '' }, { toServiceId: 3 }, { toServiceId: HUGE }],
    'ticket:reinstate': [{}, { ticketId: '' }, { ticketId: HUGE }, { ticketId: 5 }],
    'staff:acknowledge': [{}, { alertId: '' }, { alertId: null }],
    'survey:check': [
      { ticketNumber: '' },
      { ticketNumber: 'AB12' },
      { ticketNumber: 12 },
      { ticketNumber: HUGE },
    ],
    'survey:answer': [
      {},
      { ticketNumber: 'A001' },
      { ticketNumber: 'A001', answers: [4, 4, 4, 4, 4, 4, 4, 4] },
      { ticketNumber: 'A001', answers: [4, 4, 4, 4, 4, 4, 4, 4, 4, 4] },
      { ticketNumber: 'A001', answers: [5, 4, 4, 4, 4, 4, 4, 4, 4] },
      { ticketNumber: 'A001', answers: [0, 4, 4, 4, 4, 4, 4, 4, 4] },
      { ticketNumber: 'A001', answers: [3.5, 4, 4, 4, 4, 4, 4, 4, 4] },
      { ticketNumber: 'A001', answers: ['4', 4, 4, 4, 4, 4, 4, 4, 4] },
      { ticketNumber: 'A001', answers: [4, 4, 4, 4, 4, 4, 4, 4, 4], comment: 'Ni Luh' },
    ],
    'alarm:acknowledge': [{}, { alarmId: '' }, { alarmId: 7 }, { alarmId: HUGE }],
  };
  // Exactly one payload: none, or a valid one with an extra argument, is refused before anything runs.
  const count: unknown[][] = [[], [VALID_PAYLOADS[event], 'extra']];
  return [...common, ...count, ...specific[event].map((p) => [p])];
}

describe('server payload validation', () => {
  let srv: ServerProcess;
  const conns: Partial<Record<Role, ClientSocket>> = {};
  let board: ClientSocket;

  let supervisorToken = '';
  /** The day as a supervisor's screen holds it (every ticket; a board holds only those on counters). */
  const state = async () => {
    const b = await connect(srv.url, { token: supervisorToken });
    b.socket.close();
    const s = b.snapshot;
    return JSON.stringify({
      tickets: [...(s?.tickets ?? [])].sort((a, b) => a.id.localeCompare(b.id)),
      counters: [...(s?.counters ?? [])].sort((a, b) => a.counterId.localeCompare(b.counterId)),
    });
  };

  beforeAll(async () => {
    srv = await startServerProcess({ clockStart: TEST_CLOCK_START });
    const tokens: Record<string, string> = {
      kiosk: 'demo-kiosk-1',
      board: 'demo-board-1',
      survey: 'demo-survey-1',
      counter: await login(srv.url, 'petugas1'),
      supervisor: (supervisorToken = await login(srv.url, 'supervisor')),
      admin: await login(srv.url, 'admin'),
    };
    for (const [role, token] of Object.entries(tokens))
      conns[role as Role] = (await connect(srv.url, { token })).socket;
    board = conns.board as ClientSocket;
    // Some state to protect: two waiting tickets, one open counter holding one.
    const k = conns.kiosk as ClientSocket;
    await ok(k, 'ticket:walkin', { serviceId: 'informasi' });
    await ok(k, 'ticket:walkin', { serviceId: 'informasi' });
    const c = conns.counter as ClientSocket;
    await ok(c, 'counter:open', { counterId: 'loket-8' });
    await ok(c, 'ticket:call', {});
  });

  afterAll(async () => {
    closeAll(...Object.values(conns));
    await srv?.close();
  });

  it('answers every malformed payload of every event with an error and changes nothing', async () => {
    const before = await state();
    const wrong: string[] = [];
    let sent = 0;
    for (const event of Object.keys(payloadSchemas) as ClientEventName[]) {
      const role = EVENT_ROLES[event][0] as Role;
      const socket = conns[role] as ClientSocket;
      for (const args of malformed(event)) {
        const r = await rawRequest(socket, event, args, 10_000);
        sent++;
        if (r.ok || !['invalid_payload', 'forbidden'].includes(r.error.code))
          wrong.push(`${event} ${JSON.stringify(args).slice(0, 80)} → ${JSON.stringify(r).slice(0, 120)}`);
      }
      // No ack callback: must not crash the server either.
      (socket as unknown as { emit(e: string, ...a: unknown[]): void }).emit(event, {
        bad: HUGE.slice(0, 100),
      });
      (socket as unknown as { emit(e: string, ...a: unknown[]): void }).emit(event);
    }
    expect(wrong).toEqual([]);
    expect(sent).toBeGreaterThan(300);
    await sleep(200);
    expect((await api(srv.url, 'GET', '/api/health')).body).toEqual({ status: 'ok' });
    expect(await state()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // The sockets used are all still connected.
    for (const s of Object.values(conns)) expect(s.connected).toBe(true);
  });

  it('answers unknown event names with an error', async () => {
    for (const name of ['ticket:delete', 'admin:drop', '__proto__', 'constructor', 'x'.repeat(500)]) {
      const r = await rawRequest(board, name, [{}], 5_000);
      expect(r.ok, name).toBe(false);
      if (!r.ok) expect(['invalid_payload', 'forbidden']).toContain(r.error.code);
    }
    expect((await api(srv.url, 'GET', '/api/health')).status).toBe(200);
  });
});
