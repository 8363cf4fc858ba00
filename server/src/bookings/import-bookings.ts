import {
  importProblemText,
  MAX_REPORTED_IMPORT_LINES,
  type ImportCounts,
  type ImportLineError,
  type ImportProblemFound,
  type Lang,
} from '@giliran/shared';
import type { BookingRepo, BookingValues } from './booking-repo.ts';
import type { ImportStore } from './import-store.ts';
import { readBookingsFile } from './parse-bookings.ts';

/** A bad line as found, before it is put in the user's words. */
export interface BadLine {
  line: number;
  problems: ImportProblemFound[];
}

export type ImportResult =
  | { ok: true; counts: ImportCounts }
  /** The first `MAX_REPORTED_IMPORT_LINES` bad lines, and how many bad lines there are in all. */
  | { ok: false; errors: BadLine[]; badLines: number };

/**
 * How an import shares the machine. `sliceMs`: the longest stretch of parsing and checking before
 * `pause` lets others in. `pause(busyMs)` gets how long the last write transaction held the
 * database: the server yields to its event loop, the CLI beside a running server sleeps as long as
 * it held the lock so the server's commits (waiting in their busy handler) get their turn.
 */
export interface ImportPacing {
  sliceMs: number;
  pause(busyMs: number): Promise<void>;
}

/** Inside the server: parse in ~8 ms slices, then let queued requests and commands run. */
export const SERVER_PACING: ImportPacing = {
  sliceMs: 8,
  pause: () => new Promise((r) => setImmediate(r)),
};

/** The CLI, beside a server that may be running: leave the database free half the time. */
export const CLI_PACING: ImportPacing = {
  sliceMs: 25,
  pause: (busyMs) => new Promise((r) => setTimeout(r, Math.max(5, busyMs))),
};

/** Rows per write transaction: a few milliseconds each on the reference machine. */
const STAGE_ROWS = 1_000;
const APPLY_ROWS = 500;

/**
 * Imports an M-Paspor export all-or-nothing, without holding the event loop or the database for
 * long: every line is read and checked first (rows staged, invisible, as they pass); a file with any
 * bad line changes no booking (its staged rows are cleared) and reports every problem of each bad
 * line; a good file is committed at one instant and applied in short transactions. Re-importing is
 * idempotent; a rescheduled or cancelled booking is updated in place.
 */
export async function importBookings(
  repo: BookingRepo,
  store: ImportStore,
  bytes: Uint8Array,
  opts: { source: string; now: number; pacing: ImportPacing },
): Promise<ImportResult> {
  const { now, pacing } = opts;
  await applyCommittedImports(store, pacing); // an earlier import a crash left half-applied
  const id = store.begin(opts.source, now);
  const errors: BadLine[] = [];
  let badLines = 0;
  let staged = 0;
  let batch: BookingValues[] = [];
  const stage = (): number => {
    const t0 = performance.now();
    store.stage(id, staged, batch);
    staged += batch.length;
    batch = [];
    return performance.now() - t0;
  };

  const lines = readBookingsFile(bytes);
  for (let done = false; !done;) {
    const sliceEnd = performance.now() + pacing.sliceMs;
    let busy = 0;
    while (performance.now() < sliceEnd) {
      const next = lines.next();
      if (next.done) {
        done = true;
        break;
      }
      const r = next.value;
      if ('problems' in r) {
        badLines++;
        if (errors.length < MAX_REPORTED_IMPORT_LINES) errors.push(r);
      } else if (!badLines) {
        batch.push(repo.valuesOf(r.row));
        if (batch.length >= STAGE_ROWS) busy += stage();
      }
    }
    await pacing.pause(busy);
  }

  if (badLines) {
    while (!store.discardChunk(id, STAGE_ROWS * 5)) await pacing.pause(0);
    return { ok: false, errors, badLines };
  }
  if (batch.length) stage();
  if (!store.commit(id, staged))
    throw new Error('the import was cleared as abandoned before it was committed');
  await applyCommittedImports(store, pacing);
  const { counts } = store.status(id);
  return { ok: true, counts };
}

/**
 * Rolls forward every committed import (oldest first), a chunk per transaction, and clears what a
 * dead process left staged. Run at server start, and before each import.
 */
export async function applyCommittedImports(store: ImportStore, pacing: ImportPacing): Promise<void> {
  for (const id of store.staleStaging())
    while (!store.discardChunk(id, STAGE_ROWS * 5)) await pacing.pause(0);
  for (;;) {
    const t0 = performance.now();
    const chunk = store.applyChunk(APPLY_ROWS);
    if (!chunk) return;
    await pacing.pause(performance.now() - t0);
  }
}

/** The bad lines in the user's words: every problem of a line, joined. */
export function describeBadLines(errors: readonly BadLine[], lang: Lang): ImportLineError[] {
  return errors.map((e) => {
    const problems = e.problems.map((p) => ({
      field: p.field,
      code: p.code,
      message: importProblemText(p, lang),
    }));
    return { line: e.line, reason: problems.map((p) => p.message).join('; '), problems };
  });
}
