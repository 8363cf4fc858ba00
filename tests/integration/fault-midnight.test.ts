import { afterAll, describe, expect, it } from 'vitest';
import { localToInstant, type IssuedTicket, type QueueSnapshot } from '@giliran/shared';
import { createApp, DEFAULT_CONFIG_PATH, loadOfficeConfig, ManualClock, seedDemo } from '@giliran/server';
import { closeAll, command, connect, until, type Client } from '../bench/lib.ts';
import { tempDir } from '../support/temp-dir.ts';

// The office day turns at midnight Asia/Makassar (UTC+8), not at the machine's midnight.
describe('fault: the clock crosses midnight WITA during a running day', () => {
  const dir = tempDir('midnight', afterAll); // removed after the app closes (hooks run last-first)
  // An office open around the clock, so walk-ins are taken on both sides of midnight.
  const denpasar = loadOfficeConfig(DEFAULT_CONFIG_PATH);
  const config = { ...denpasar, office: { ...denpasar.office, openTime: '00:00', closeTime: '23:59' } };
  const day = '2026-11-28';
  const clock = new ManualClock(localToInstant(day, '23:58', config.office.timeZone));
  const app = createApp({ config, dataDir: dir, clock, printer: null });
  const sockets: Client[] = [];
  afterAll(async () => {
    closeAll(sockets);
    await app.close();
  });

  it('keeps the old day, restarts numbering at 001, sends every screen a new snapshot', async () => {
    await seedDemo(app, { kioskPrinterUri: null });
    const url = `http://127.0.0.1:${await app.listen(0, '127.0.0.1')}`;
    const kiosk = await connect(url, { token: 'demo-kiosk-1' });
    const days: string[] = [];
    const board = await connect(
      url,
      { token: 'demo-board-1' },
      { on: { 'queue:snapshot': (s: QueueSnapshot) => days.push(s.day) } },
    );
    sockets.push(kiosk, board);
    await until(() => days.length === 1, 5_000, 'first snapshot');
    expect(days).toEqual([day]);
    const walkin = async () => {
      const r = await command<{ tickets: IssuedTicket[] }>(kiosk, 'ticket:walkin', {
        serviceId: 'percepatan',
      });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.data.tickets[0]!.ticket.number;
    };
    expect([await walkin(), await walkin(), await walkin()]).toEqual(['D001', 'D002', 'D003']);

    clock.set(localToInstant('2026-11-29', '00:01', config.office.timeZone));
    // No command needed: the server notices the new day by itself and resends the snapshot.
    await until(() => days.length === 2, 3_000, 'new-day snapshot');
    expect(days).toEqual([day, '2026-11-29']);
    expect(await walkin()).toBe('D001');
    expect(app.service.state.day).toBe('2026-11-29');
    expect([...app.service.state.tickets.values()].map((t) => t.number)).toEqual(['D001']);
    const rows = app.db.prepare('SELECT day, number FROM tickets ORDER BY day, number').all();
    expect(rows).toEqual([
      { day, number: 'D001' },
      { day, number: 'D002' },
      { day, number: 'D003' },
      { day: '2026-11-29', number: 'D001' },
    ]);
  });
});
