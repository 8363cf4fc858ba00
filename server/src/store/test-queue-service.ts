import { join } from 'node:path';
import { localToInstant } from '@giliran/shared';
import { onTestFinished } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.ts';
import { BookingRepo } from '../bookings/booking-repo.ts';
import { ManualClock } from '../clock.ts';
import { loadOfficeConfig } from '../config.ts';
import { openDatabase } from './database.ts';
import { QueueService } from './queue-service.ts';
import { QueueStore } from './queue-store.ts';
import type { BatchWriter } from './queue-writer-client.ts';

/**
 * For tests (inside one): a queue service on a fresh database file, removed when the test ends,
 * with the Denpasar configuration and a manual clock at 09:00 office time on 2026-11-28. Batches
 * are committed by `writerFor(store, path)` when given, else on the test's thread.
 */
export function queueServiceForTest(writerFor?: (store: QueueStore, path: string) => BatchWriter) {
  const config = loadOfficeConfig();
  const path = join(tempDir('qs', onTestFinished), 'g.db');
  const db = openDatabase(path);
  onTestFinished(() => {
    db.close();
  });
  const clock = new ManualClock(localToInstant('2026-11-28', '09:00', config.office.timeZone));
  const store = new QueueStore(db, config.office.code);
  const writer = writerFor?.(store, path) ?? null;
  const service = new QueueService(store, new BookingRepo(db, Buffer.alloc(32)), config, clock, writer);
  const count = () => (db.prepare('SELECT COUNT(*) n FROM tickets').get() as { n: number }).n;
  return { db, store, service, config, count };
}
