import { importProblemText, type ImportCounts, type ImportLineError, type Lang } from '@giliran/shared';
import type { BadLine, BatchSource } from './import-batches.ts';
import type { ImportStore } from './import-store.ts';

export type { BadLine } from './import-batches.ts';

export type ImportResult =
  | { ok: true; counts: ImportCounts }
  /** The first `MAX_REPORTED_IMPORT_LINES` bad lines, and how many bad lines there are in all. */
  | { ok: false; errors: BadLine[]; badLines: number };

/**
 * How an import shares the machine between its write transactions: `pause(busyMs)` gets how long
 * the last one took and waits at least as long, so the import uses at most half of the time. In the
 * server that leaves the event loop free for requests and commands (and keeps its thread a light
 * one for the OS scheduler); in the CLI beside a running server it leaves the database free for the
 * server's commits, which wait in their busy handler meanwhile.
 */
export interface ImportPacing {
  pause(busyMs: number): Promise<void>;
}

const halfTime = (minMs: number): ImportPacing => ({
  pause: (busyMs) => new Promise((r) => setTimeout(r, Math.max(minMs, busyMs))),
});
export const SERVER_PACING = halfTime(1);
export const CLI_PACING = halfTime(5);

/** Rows per write transaction: a few milliseconds each on a quiet reference machine. */
export const STAGE_ROWS = 500;
const APPLY_ROWS = 250;
const DISCARD_ROWS = 2_000;

/**
 * Imports an M-Paspor export all-or-nothing, without holding the event loop or the database for
 * long. The file is read and checked by `batches` (a worker thread in the server); good rows are
 * staged as they come, invisible to check-in. A file with any bad line changes no booking (its
 * staged rows are cleared) and reports every problem of each bad line; a good file is committed at
 * one instant and applied in short transactions. Re-importing is idempotent; a rescheduled or
 * cancelled booking is updated in place.
 */
export async function importBookings(
  store: ImportStore,
  batches: BatchSource,
  opts: { source: string; now: number; pacing: ImportPacing },
): Promise<ImportResult> {
  const { pacing } = opts;
  try {
    await applyCommittedImports(store, pacing); // an earlier import a crash left half-applied
    const id = store.begin(opts.source, opts.now);
    let staged = 0;
    for (;;) {
      const batch = await batches.next();
      if ('end' in batch) {
        if (batch.badLines) {
          while (!store.discardChunk(id, DISCARD_ROWS)) await pacing.pause(0);
          return { ok: false, errors: batch.errors, badLines: batch.badLines };
        }
        break;
      }
      const t0 = performance.now();
      store.stage(id, staged, batch.batch);
      staged += batch.count;
      await pacing.pause(performance.now() - t0);
    }
    if (!store.commit(id, staged))
      throw new Error('the import was cleared as abandoned before it was committed');
    await applyCommittedImports(store, pacing);
    return { ok: true, counts: store.status(id).counts };
  } finally {
    await batches.close();
  }
}

/**
 * Rolls forward every committed import (oldest first), a chunk per transaction, and clears what a
 * dead process left staged. Run at server start, and before each import.
 */
export async function applyCommittedImports(store: ImportStore, pacing: ImportPacing): Promise<void> {
  for (const id of store.staleStaging()) while (!store.discardChunk(id, DISCARD_ROWS)) await pacing.pause(0);
  for (;;) {
    const t0 = performance.now();
    if (!store.applyChunk(APPLY_ROWS)) return;
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
