import { afterEach, describe, expect, it } from 'vitest';
import type { IssuedTicket } from '@giliran/shared';
import { closeAll, command, connect, sleep, startSeededApp as start, type Client } from '../bench/lib.ts';
import { makeTempDir, removeTempDir } from '../support/temp-dir.ts';

// Storage faults, made at the SQLite level on the server's own connection because these tests run
// as root (chmod cannot make a file read-only for root) and no tmpfs can be mounted here:
// `query_only` makes every write fail like a read-only file, `max_page_count` like a full disk.
describe('fault: storage unavailable', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function rig() {
    const dir = makeTempDir('storage');
    cleanup.push(() => removeTempDir(dir));
    const { app, url } = await start(dir);
    let closed = false;
    const close = async () => {
      if (!closed) await app.close();
      closed = true;
    };
    cleanup.push(close);
    const kiosk = await connect(url, { token: 'demo-kiosk-1' });
    const board = await connect(url, { token: 'demo-board-1' });
    cleanup.push(() => closeAll([kiosk, board]));
    const changes: unknown[] = [];
    board.on('queue:changes', (c) => changes.push(c));
    return { dir, app, kiosk, board, changes, close };
  }
  const walkin = (k: Client) =>
    command<{ tickets: IssuedTicket[] }>(k, 'ticket:walkin', { serviceId: 'percepatan' });

  it('a read-only database: commands answered storage_unavailable, nothing changes, recovers', async () => {
    const { dir, app, kiosk, changes, close } = await rig();
    const first = await walkin(kiosk);
    expect(first.ok && first.data.tickets[0]?.ticket.number).toBe('D001');
    await sleep(50);
    const seen = changes.length;
    const before = JSON.stringify([...app.service.state.tickets.values()]);

    app.db.pragma('query_only = ON');
    for (let i = 0; i < 3; i++) {
      const r = await walkin(kiosk);
      expect(r.ok ? 'ok' : r.error.code).toBe('storage_unavailable');
    }
    await sleep(50);
    expect(changes.length).toBe(seen); // nothing broadcast
    expect(JSON.stringify([...app.service.state.tickets.values()])).toBe(before);

    app.db.pragma('query_only = OFF');
    const again = await walkin(kiosk);
    expect(again.ok && again.data.tickets[0]?.ticket.number).toBe('D002'); // no number burnt
    expect(app.db.pragma('integrity_check', { simple: true })).toBe('ok');

    // What was acknowledged is what a restart finds.
    await close();
    const reopened = await start(dir);
    cleanup.push(() => reopened.app.close());
    const numbers = [...reopened.app.service.state.tickets.values()].map((t) => t.number).sort();
    expect(numbers).toEqual(['D001', 'D002']);
  });

  it('a full disk: refused once full, acknowledged tickets intact, recovers when space is freed', async () => {
    const { app, kiosk } = await rig();
    const pages = app.db.pragma('page_count', { simple: true }) as number;
    app.db.pragma(`max_page_count = ${pages}`);
    const acked: string[] = [];
    let refusal: string | null = null;
    for (let i = 0; i < 500 && !refusal; i++) {
      const r = await walkin(kiosk);
      if (r.ok) acked.push(r.data.tickets[0]!.ticket.number);
      else refusal = r.error.code;
    }
    expect(refusal).toBe('storage_unavailable');
    expect(acked).toEqual(acked.map((_, i) => `D${String(i + 1).padStart(3, '0')}`));
    expect(app.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const rows = app.db
      .prepare("SELECT number FROM tickets WHERE service_id = 'percepatan' ORDER BY seq")
      .all();
    expect(rows.map((r) => (r as { number: string }).number)).toEqual(acked);

    app.db.pragma('max_page_count = 1073741823');
    const next = await walkin(kiosk);
    expect(next.ok && next.data.tickets[0]?.ticket.number).toBe(
      `D${String(acked.length + 1).padStart(3, '0')}`,
    );
  });
});
