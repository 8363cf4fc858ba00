import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir } from '../../../tests/support/temp-dir.ts';
import { BOOKING_FIELDS, type BookingRow } from '@giliran/shared';
import { generateDemoBookings } from '../demo/demo-bookings.ts';
import { openDatabase, type Db } from '../store/database.ts';
import { BookingRepo } from './booking-repo.ts';
import { applyCommittedImports, importBookings, STAGE_ROWS, type ImportPacing } from './import-bookings.ts';
import { workerBatches } from './import-worker-host.ts';
import { ImportStore, stagedBatch } from './import-store.ts';

const fast: ImportPacing = { pause: () => Promise.resolve() };
const people = generateDemoBookings({ date: '2026-11-28', officeCode: 'DPS', count: 3_000 });
const rows = (count: number, name = 'Pemohon'): BookingRow[] =>
  people.slice(0, count).map((p, i) => ({ ...p, full_name: `${name} ${i}` }));
const csv = (list: BookingRow[], extra = '') =>
  new TextEncoder().encode(
    [BOOKING_FIELDS.join(','), ...list.map((r) => BOOKING_FIELDS.map((f) => r[f]).join(',')), extra].join(
      '\n',
    ),
  );

describe('staged, chunked, all-or-nothing import', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) removeTempDir(d);
  });
  const open = (dir?: string) => {
    const d = dir ?? makeTempDir('import-unit');
    if (!dir) dirs.push(d);
    const db = openDatabase(join(d, 'giliran.db'));
    const repo = new BookingRepo(db, Buffer.alloc(32, 3));
    return { dir: d, db, repo, store: new ImportStore(db) };
  };
  const count = (db: Db, table: string) =>
    (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

  it('a file with one bad line at the end changes no booking, though its good lines were staged', async () => {
    const { db, repo, store } = open();
    repo.upsertAll(rows(100, 'Lama'), 1);
    const before = db.prepare('SELECT * FROM bookings ORDER BY code').all();
    const file = csv(rows(2_500, 'Baru'), 'DEMO0001,1,x,y,baru,DPS,z,a,b,paid,c');
    // The server's path: the file is checked in a worker thread.
    const batches = workerBatches(file, Buffer.alloc(32, 3), STAGE_ROWS);
    const r = await importBookings(store, batches, { source: 'test', now: 2, pacing: fast });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.map((e) => e.line)).toEqual([2_502]);
    expect(db.prepare('SELECT * FROM bookings ORDER BY code').all()).toEqual(before);
    expect(count(db, 'import_staging')).toBe(0);
    db.close();
  });

  it('an import interrupted after its commit point is finished by the next opener (roll forward)', async () => {
    const first = open();
    const list = rows(1_200);
    const id = first.store.begin('test', 5);
    first.store.stage(id, 0, stagedBatch(list.slice(0, 1_000).map((r) => first.repo.valuesOf(r))));
    first.store.stage(id, 1_000, stagedBatch(list.slice(1_000).map((r) => first.repo.valuesOf(r))));
    expect(first.store.commit(id, 1_200)).toBe(true);
    first.store.applyChunk(500); // then the process dies
    expect(count(first.db, 'bookings')).toBe(500);
    first.db.close();

    const again = open(first.dir);
    await applyCommittedImports(again.store, fast);
    expect(count(again.db, 'bookings')).toBe(1_200);
    expect(count(again.db, 'import_staging')).toBe(0);
    expect(again.store.status(id)).toEqual({
      status: 'applied',
      counts: { inserted: 1_200, updated: 0, unchanged: 0 },
    });
    expect(again.repo.byCode(list[1_199]!.booking_code)?.fullName).toBe('Pemohon 1199');
    again.db.close();
  });

  it('rows staged by a process that died before the commit are never applied, and are cleared', async () => {
    const { db, repo, store } = open();
    const id = store.begin('test', 5);
    store.stage(id, 0, stagedBatch(rows(300).map((r) => repo.valuesOf(r))));
    await applyCommittedImports(store, fast); // still fresh: a live import may be staging
    expect(count(db, 'import_staging')).toBe(300);
    db.prepare('UPDATE imports SET touched_at = 0 WHERE id = ?').run(id); // abandoned long ago
    await applyCommittedImports(store, fast);
    expect(count(db, 'import_staging')).toBe(0);
    expect(count(db, 'bookings')).toBe(0);
    expect(store.status(id).status).toBe('discarded');
    expect(store.commit(id, 300)).toBe(false); // its process cannot commit it any more
    db.close();
  });

  it('imports apply in the order they were committed (the later file wins)', async () => {
    const { db, repo, store } = open();
    const one = rows(1);
    const a = store.begin('a', 1);
    const b = store.begin('b', 2);
    store.stage(a, 0, stagedBatch([repo.valuesOf({ ...one[0]!, full_name: 'Versi A' })]));
    store.stage(b, 0, stagedBatch([repo.valuesOf({ ...one[0]!, full_name: 'Versi B' })]));
    store.commit(a, 1);
    store.commit(b, 1);
    await applyCommittedImports(store, fast);
    expect(repo.byCode(one[0]!.booking_code)?.fullName).toBe('Versi B');
    db.close();
  });
});
