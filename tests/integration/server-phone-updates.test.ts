import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localToInstant, type TrackUpdate } from '@giliran/shared';
import { DEFAULT_CONFIG_PATH, loadOfficeConfig, ManualClock, type App } from '@giliran/server';
import { walkIn } from '../../server/src/engine/engine.ts';
import { makeTempDir, removeTempDir } from '../support/temp-dir.ts';
import { serveDemoApp } from '../support/demo-app.ts';
import { closeAll, connect, login, ok, sleep, type ClientSocket } from '../support/clients.ts';

/**
 * Phones at two speeds (issue 14): a phone hears of its own ticket within one round, its new place
 * in line at most once per `positionEveryMs` of office time. The server runs on a clock the test
 * moves; rounds run every 50 ms of real time.
 */
describe('phone updates', () => {
  const dir = makeTempDir('phones');
  const config = loadOfficeConfig(DEFAULT_CONFIG_PATH);
  const clock = new ManualClock(localToInstant('2026-03-10', '10:00', config.office.timeZone));
  let app: App;
  let url = '';
  const sockets: ClientSocket[] = [];
  /** Track tokens of three `informasi` walk-ins, in the order they were issued. */
  const tokens: string[] = [];

  beforeAll(async () => {
    ({ app, url } = await serveDemoApp({
      config,
      dataDir: dir,
      clock,
      printer: null,
      phoneTiming: { intervalMs: 50, positionEveryMs: 5_000 },
    }));
    for (let i = 0; i < 3; i++) {
      const r = await app.service.execute('test', (s, ctx) => walkIn(s, 'informasi', ctx));
      tokens.push(r.tickets[0]?.ticket.trackToken ?? '');
    }
  });
  afterAll(async () => {
    closeAll(...sockets);
    await app?.close();
    removeTempDir(dir);
  });

  /** A phone following `token`, with every update it got. */
  const phone = async (token: string) => {
    const c = await connect(url, { trackToken: token });
    sockets.push(c.socket);
    const updates = () =>
      c.received.filter((e) => e.event === 'track:update').map((e) => e.args[0] as TrackUpdate);
    return { updates };
  };

  it('tells the called phone at once and the others their new place only after 5 s', async () => {
    const first = await phone(tokens[0] as string);
    const third = await phone(tokens[2] as string);
    await sleep(200);
    expect(first.updates().map((u) => [u.status, u.peopleAhead])).toEqual([['waiting', 0]]);
    expect(third.updates().map((u) => [u.status, u.peopleAhead])).toEqual([['waiting', 2]]);

    const officer = await connect(url, { token: await login(url, 'petugas8') });
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
});
