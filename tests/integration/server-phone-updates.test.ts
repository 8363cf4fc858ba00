import { createConnection } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localToInstant } from '@giliran/shared';
import { DEFAULT_CONFIG_PATH, loadOfficeConfig, ManualClock, type App } from '@giliran/server';
import { walkIn } from '../../server/src/engine/engine.ts';
import { makeTempDir, removeTempDir } from '../support/temp-dir.ts';
import { serveDemoApp } from '../support/demo-app.ts';
import { closeAll, connect, login, ok, sleep, type ClientSocket } from '../support/clients.ts';
import { followTicket, StreamRefused, type FollowedTicket } from '../support/phone-stream.ts';

/**
 * Phones at two speeds (issue 14): a phone hears of its own ticket within one round, its new place
 * in line at most once per `positionEveryMs` of office time. The server runs on a clock the test
 * moves; rounds run every 50 ms of real time.
 */
/**
 * A demo app on a manual clock with three `informasi` walk-ins (their track tokens in issue order),
 * and phones that are closed with it.
 */
function phoneRig(
  label: string,
  deps: Pick<Parameters<typeof serveDemoApp>[0], 'phoneTiming' | 'phoneLimits'>,
) {
  const dir = makeTempDir(label);
  const config = loadOfficeConfig(DEFAULT_CONFIG_PATH);
  const rig = {
    clock: new ManualClock(localToInstant('2026-03-10', '10:00', config.office.timeZone)),
    app: null as unknown as App,
    url: '',
    tokens: [] as string[],
    phones: [] as FollowedTicket[],
    /** A phone following `token`. */
    follow: async (token: string) => {
      const p = await followTicket(rig.url, token);
      rig.phones.push(p);
      return p;
    },
  };
  beforeAll(async () => {
    ({ app: rig.app, url: rig.url } = await serveDemoApp({
      config,
      dataDir: dir,
      clock: rig.clock,
      printer: null,
      ...deps,
    }));
    for (let i = 0; i < 3; i++) {
      const r = await rig.app.service.execute('test', (s, ctx) => walkIn(s, 'informasi', ctx));
      rig.tokens.push(r.tickets[0]?.ticket.trackToken ?? '');
    }
  });
  afterAll(async () => {
    for (const p of rig.phones) p.close();
    await rig.app?.close();
    removeTempDir(dir);
  });
  return rig;
}

describe('phone updates', () => {
  const rig = phoneRig('phones', {
    phoneTiming: { intervalMs: 50, positionEveryMs: 5_000, heartbeatMs: 20_000 },
  });
  const { clock, tokens } = rig;
  const sockets: ClientSocket[] = [];
  afterAll(() => closeAll(...sockets));

  /** A phone following `token`, with every update it got. */
  const phone = async (token: string) => {
    const p = await rig.follow(token);
    return { updates: () => p.updates, stream: p };
  };

  it('tells the called phone at once and the others their new place only after 5 s', async () => {
    const first = await phone(tokens[0] as string);
    const third = await phone(tokens[2] as string);
    await sleep(200);
    expect(first.updates().map((u) => [u.status, u.peopleAhead])).toEqual([['waiting', 0]]);
    expect(third.updates().map((u) => [u.status, u.peopleAhead])).toEqual([['waiting', 2]]);

    const officer = await connect(rig.url, { token: await login(rig.url, 'petugas8') });
    sockets.push(officer.socket);
    await ok(officer.socket, 'counter:open', { counterId: 'loket-8', stages: ['informasi'] });
    clock.advance(1_000);
    const called = await ok(officer.socket, 'ticket:call', {});
    expect(called.tickets).toHaveLength(1);

    // Six rounds later: the called phone knows, the third still shows its old place.
    await sleep(300);
    expect(first.updates().at(-1)).toMatchObject({ status: 'called', counterNumber: 8 });
    expect(third.updates().map((u) => u.peopleAhead)).toEqual([2]);

    // 4.9 s of office time after its last update: still not due.
    clock.advance(3_900);
    await sleep(300);
    expect(third.updates().map((u) => u.peopleAhead)).toEqual([2]);

    // 5 s after it: the new place, once.
    clock.advance(100);
    await sleep(300);
    expect(third.updates().map((u) => u.peopleAhead)).toEqual([2, 1]);
    clock.advance(10_000);
    await sleep(300);
    expect(third.updates().map((u) => u.peopleAhead)).toEqual([2, 1]);
  });

  it('keeps a quiet stream alive with a heartbeat once nothing was written for 20 s', async () => {
    const { stream, updates } = await phone(tokens[1] as string);
    const before = updates().length;
    clock.advance(19_000);
    await sleep(200);
    expect(stream.heartbeats).toBe(0);
    clock.advance(1_000);
    await sleep(200);
    expect(stream.heartbeats).toBe(1);
    // A heartbeat is not an update, and the next one waits another 20 s.
    expect(updates()).toHaveLength(before);
    clock.advance(19_000);
    await sleep(200);
    expect(stream.heartbeats).toBe(1);
  });

  it('answers an unknown token with 404 tracking_unknown before any stream starts', async () => {
    for (const token of ['no-such-ticket', 'x'.repeat(64), '__proto__', '%00%ff']) {
      const err = await followTicket(rig.url, token).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, token).toBeInstanceOf(StreamRefused);
      expect((err as StreamRefused).status, token).toBe(404);
      expect((err as StreamRefused).error?.code, token).toBe('tracking_unknown');
    }
  });

  it('opens the stream with the security headers of every answer, delimited by its close', async () => {
    const p = await rig.follow(tokens[1] as string);
    expect(p.headers).toMatchObject({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cross-origin-resource-policy': 'same-origin',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      connection: 'close',
    });
    expect(p.headers).not.toHaveProperty('transfer-encoding');
    p.close();
  });

  it('closes a stream on which a second request arrives, and answers nothing into it', async () => {
    // A phone never sends one; a client that pipelines one must not get an answer written into
    // the middle of its stream.
    const socket = createConnection({ host: '127.0.0.1', port: Number(new URL(rig.url).port) });
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (received += d));
    let closedByServer = false;
    const closed = new Promise<void>((r) => socket.once('close', () => r()));
    const ask = (path: string) => socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    try {
      ask(`/api/track/${tokens[1] as string}/events`);
      for (let i = 0; i < 100 && !received.includes('event: track'); i++) await sleep(20);
      expect(received).toContain('event: track');
      ask('/api/health');
      await Promise.race([closed.then(() => (closedByServer = true)), sleep(2_000)]);
      expect(closedByServer).toBe(true);
      expect(received.match(/HTTP\/1\.1 /g)).toHaveLength(1);
    } finally {
      socket.destroy();
    }
  });
});

/** What one ticket, and the whole server, may hold open (a leaked token, phones that lost Wi-Fi). */
describe('phone stream limits', () => {
  const rig = phoneRig('phone-limits', { phoneLimits: { perTicket: 2, total: 4 } });
  const { tokens, follow } = rig;

  it('ends the oldest stream of a ticket when one more opens, and forgets a phone that left', async () => {
    const [a, b] = [await follow(tokens[0] as string), await follow(tokens[0] as string)];
    const c = await follow(tokens[0] as string);
    await Promise.race([a.closed, sleep(2_000)]);
    expect(a.ended).toEqual({
      code: 'tracking_replaced',
      message: 'Nomor antrean ini sedang diikuti di layar lain.',
      params: {},
    });
    expect(b.ended).toBeNull();
    // The page that left is forgotten: its place is free, nobody else is ended.
    c.close();
    await sleep(100);
    const d = await follow(tokens[0] as string);
    await sleep(100);
    expect([b.ended, d.ended]).toEqual([null, null]);
    expect(d.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(d.retryMs).toBe(2_000); // how soon EventSource comes back after a dropped connection
    expect(d.headers['cache-control']).toBe('no-store');
  });

  it('tells a phone beyond the server-wide limit to come back later (503 server_busy)', async () => {
    // b and d of the test above are open: two more fill the server.
    await follow(tokens[1] as string);
    await follow(tokens[2] as string);
    const err = await followTicket(rig.url, tokens[1] as string).then(
      () => null,
      (e: unknown) => e as StreamRefused,
    );
    expect(err?.status).toBe(503);
    expect(err?.error?.code).toBe('server_busy');
  });
});
