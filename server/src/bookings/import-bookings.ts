import type { ImportCounts } from '@giliran/shared';
import type { BookingRepo } from './booking-repo.ts';
import { parseBookingsFile, type ImportLineError } from './parse-bookings.ts';

export type ImportResult = { ok: true; counts: ImportCounts } | { ok: false; errors: ImportLineError[] };

/** All-or-nothing import: a file with any bad line changes nothing. Re-importing is idempotent. */
export function importBookings(repo: BookingRepo, bytes: Uint8Array, now: number): ImportResult {
  const parsed = parseBookingsFile(bytes);
  if (!parsed.ok) return parsed;
  return { ok: true, counts: repo.upsertAll(parsed.rows, now) };
}
