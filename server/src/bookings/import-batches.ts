import { MAX_REPORTED_IMPORT_LINES, type ImportProblemFound } from '@giliran/shared';
import { bookingValues, type BookingValues } from './booking-repo.ts';
import { stagedBatch } from './import-store.ts';
import { readBookingsFile } from './parse-bookings.ts';

/** A bad line as found, before it is put in the user's words. */
export interface BadLine {
  line: number;
  problems: ImportProblemFound[];
}

/** The end of a file: its first `MAX_REPORTED_IMPORT_LINES` bad lines and how many there are in all. */
export interface CheckedEnd {
  errors: BadLine[];
  badLines: number;
}

/** `batch`: `count` rows as staged JSON (`stagedBatch`). */
export type CheckedBatch = { batch: string; count: number } | ({ end: true } & CheckedEnd);

/**
 * A file read and checked into batches of stored values (NIK hashed, as staged JSON), `size` rows each. Once a
 * bad line is found no more rows are given (the file will be rejected); reading goes on to the end
 * to count and report the bad lines. Pure CPU: runs in the import worker, or inline in the CLI.
 */
export function* checkedBatches(
  bytes: Uint8Array,
  secret: Buffer,
  size: number,
): Generator<CheckedBatch, void> {
  const errors: BadLine[] = [];
  let badLines = 0;
  let rows: BookingValues[] = [];
  for (const r of readBookingsFile(bytes)) {
    if ('problems' in r) {
      badLines++;
      if (errors.length < MAX_REPORTED_IMPORT_LINES) errors.push(r);
      rows = [];
    } else if (!badLines) {
      rows.push(bookingValues(r.row, secret));
      if (rows.length >= size) {
        yield { batch: stagedBatch(rows), count: rows.length };
        rows = [];
      }
    }
  }
  if (rows.length) yield { batch: stagedBatch(rows), count: rows.length };
  yield { end: true, errors, badLines };
}

/** Where an import gets its checked batches from: the worker thread (server) or this thread (CLI). */
export interface BatchSource {
  next(): Promise<CheckedBatch>;
  close(): Promise<void>;
}

/** On this thread: for the CLI, whose event loop has nothing else to do. */
export function inlineBatches(bytes: Uint8Array, secret: Buffer, size: number): BatchSource {
  const gen = checkedBatches(bytes, secret, size);
  return {
    next: () => {
      const n = gen.next();
      return n.done
        ? Promise.reject(new Error('import batches read past the end'))
        : Promise.resolve(n.value);
    },
    close: () => Promise.resolve(),
  };
}
