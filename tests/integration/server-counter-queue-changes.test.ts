import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localToInstant, type CounterQueue } from '@giliran/shared';
import { DEFAULT_CONFIG_PATH, loadOfficeConfig, ManualClock, type App } from '@giliran/server';
import { walkIn } from '../../server/src/engine/engine.ts';
import { makeTempDir, removeTempDir } from '../support/temp-dir.ts';
import { serveDemoApp } from '../support/demo-app.ts';
import {
  closeAll,
  connect,
  demoBookings,
  eventually,
  login,
  ok,
  sleep,
  type Connected,
} from '../support/clients.ts';

/**
 * A counter's queue view is sent again whenever anything it shows changed, and only then: what the
 * counter holds (and so whose name it gets), the head of the call order, and how many wait, also
 * beyond the 50 listed.
 */
describe('counter queue: sent when what it shows changed', () => {
  const dir = makeTempDir('counter-queue');
  const config = loadOfficeConfig(DEFAULT_CONFIG_PATH);
  const clock = new ManualClock(localToInstant('2026-03-10', '10:00', config.office.timeZone));
  let app: App;
  let url = '';
  let officer: Connected;

  const queues = () =>
    officer.received.filter((e) => e.event === 'counter:queue').map((e) => e.args[0] as CounterQueue | null);
  const latest = () => queues().at(-1);
  const walkIns = async (n: number, serviceId = 'percepatan') => {
    for (let i = 0; i < n; i++) await app.service.execute('test', (s, ctx) => walkIn(s, serviceId, ctx));
  };

  beforeAll(async () => {
    ({ app, url } = await serveDemoApp({ config, dataDir: dir, clock, printer: null }));
    officer = await connect(url, { token: await login(url, 'petugas1') });
    await ok(officer.socket, 'counter:open', { counterId: 'loket-1' });
  });
  afterAll(async () => {
    closeAll(officer.socket);
    await app?.close();
    removeTempDir(dir);
  });

  it('drops the name of a ticket the counter no longer holds, though its list is the same', async () => {
    const rows = demoBookings('2026-03-10');
    const single = rows.find(
      (r) => r.window_start === '10:00' && rows.filter((x) => x.account_id === r.account_id).length === 1,
    );
    const kiosk = await connect(url, { token: 'demo-kiosk-1' });
    await ok(kiosk.socket, 'checkin:confirm', { bookingCodes: [single?.booking_code ?? ''] });
    closeAll(kiosk.socket);
    const called = await ok(officer.socket, 'ticket:call', {});
    const id = called.tickets[0]?.id ?? '';
    // Held now: still named, no longer in the list.
    const holding = await eventually(
      () => (latest()?.holders[id] && latest()?.total === 0 ? latest() : undefined),
      3_000,
      'held',
    );
    expect(holding?.ticketIds).toEqual([]);
    await ok(officer.socket, 'ticket:complete', {});
    const done = await eventually(() => (latest()?.holders[id] ? undefined : latest()), 3_000, 'released');
    expect(done).toEqual({ counterId: 'loket-1', ticketIds: [], tickets: [], total: 0, holders: {} });
  });

  it('tells the counter how many wait when only the tail of the line grew', async () => {
    await walkIns(55);
    const before = await eventually(() => (latest()?.total === 55 ? latest() : undefined), 3_000, '55');
    expect(before?.ticketIds).toHaveLength(50);
    await walkIns(1);
    const after = await eventually(() => (latest()?.total === 56 ? latest() : undefined), 3_000, '56');
    expect(after?.ticketIds).toEqual(before?.ticketIds);
    expect(after?.tickets).toEqual([]); // the console has every listed ticket already
  });

  it('sends each listed ticket once: all to a console that connects, then those entering the list', async () => {
    // The same officer on a second screen: its snapshot holds no waiting ticket, its first queue
    // brings all 50 listed, without names.
    const second = await connect(url, { token: await login(url, 'petugas1') });
    try {
      expect(second.snapshot?.tickets.filter((t) => t.status === 'waiting')).toEqual([]);
      const first = await eventually(
        () => second.received.find((e) => e.event === 'counter:queue')?.args[0] as CounterQueue | undefined,
        3_000,
        'first queue',
      );
      expect(first.ticketIds).toHaveLength(50);
      expect(first.tickets.map((t) => t.id)).toEqual(first.ticketIds);
      expect(first.tickets.every((t) => t.status === 'waiting' && t.holder === null)).toBe(true);
      // Calling the first moves the 51st into the list: both screens get that one ticket, only it.
      await ok(officer.socket, 'ticket:call', {});
      const latestOf = (c: Connected) =>
        c.received.filter((e) => e.event === 'counter:queue').at(-1)?.args[0] as CounterQueue | undefined;
      for (const c of [officer, second]) {
        const q = await eventually(
          () => (latestOf(c)?.ticketIds[0] === first.ticketIds[1] ? latestOf(c) : undefined),
          3_000,
          'after the call',
        );
        expect(q.tickets.map((t) => t.id)).toEqual([q.ticketIds[49]]);
        expect(first.ticketIds).not.toContain(q.ticketIds[49]);
      }
      // Done with it: the queue that says the counter holds nothing now (walk-ins have no names).
      const sent = queues().length;
      await ok(officer.socket, 'ticket:complete', {});
      await eventually(() => (queues().length > sent ? true : undefined), 3_000, 'released');
    } finally {
      closeAll(second.socket);
    }
  });

  it('sends nothing when nothing it shows changed', async () => {
    const count = queues().length;
    await walkIns(1, 'informasi'); // another stage
    await sleep(300);
    expect(queues()).toHaveLength(count);
  });

  it('sends null once the officer has closed the counter, and nothing more after', async () => {
    await ok(officer.socket, 'ticket:call', {});
    await ok(officer.socket, 'ticket:complete', {});
    await ok(officer.socket, 'counter:close', {});
    await eventually(() => (latest() === null ? true : undefined), 3_000, 'null after closing');
    const count = queues().length;
    await walkIns(1);
    await sleep(300);
    expect(queues()).toHaveLength(count);
  });
});
