import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localToInstant } from '@giliran/shared';
import { DEFAULT_CONFIG_PATH, loadOfficeConfig, ManualClock, type App } from '@giliran/server';
import { walkIn } from '../../server/src/engine/engine.ts';
import { makeTempDir, removeTempDir } from '../support/temp-dir.ts';
import { serveDemoApp } from '../support/demo-app.ts';
import { closeAll, connect, login, ok, type ClientSocket } from '../support/clients.ts';

/**
 * What each screen gets on (re)connect: staff the day's tickets, boards, kiosks and survey tablets
 * only the tickets counters hold (on a 25,000-ticket day the full list was 6 MB per board).
 */
describe('snapshots by audience', () => {
  const dir = makeTempDir('snapshots');
  const config = loadOfficeConfig(DEFAULT_CONFIG_PATH);
  const clock = new ManualClock(localToInstant('2026-03-10', '10:00', config.office.timeZone));
  let app: App;
  let url = '';
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    ({ app, url } = await serveDemoApp({ config, dataDir: dir, clock, printer: null }));
    for (let i = 0; i < 3; i++) await app.service.execute('test', (s, ctx) => walkIn(s, 'informasi', ctx));
    const officer = await connect(url, { token: await login(url, 'petugas8') });
    sockets.push(officer.socket);
    await ok(officer.socket, 'counter:open', { counterId: 'loket-8', stages: ['informasi'] });
    await ok(officer.socket, 'ticket:call', {});
  });
  afterAll(async () => {
    closeAll(...sockets);
    await app?.close();
    removeTempDir(dir);
  });

  const snapshotOf = async (token: string) => {
    const c = await connect(url, { token });
    sockets.push(c.socket);
    return c.snapshot;
  };

  it('a board, a kiosk and a survey tablet get only the ticket on loket-8, called', async () => {
    for (const token of ['demo-board-1', 'demo-kiosk-1', 'demo-survey-1']) {
      const snap = await snapshotOf(token);
      expect(snap?.tickets.map((t) => [t.number, t.status, t.counterId])).toEqual([
        ['F001', 'called', 'loket-8'],
      ]);
    }
  });

  it('a supervisor gets every ticket of the day, the two waiting too', async () => {
    const snap = await snapshotOf(await login(url, 'supervisor'));
    expect(snap?.tickets.map((t) => [t.number, t.status]).sort()).toEqual([
      ['F001', 'called'],
      ['F002', 'waiting'],
      ['F003', 'waiting'],
    ]);
  });
});
