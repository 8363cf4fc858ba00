import { z } from 'zod';
import { APPLICATION_TYPES } from './config.ts';
import type { BOOKING_FIELDS } from './booking.ts';
import { BOOKING_CODE_PATTERN, PAYMENT_STATUSES } from './booking.ts';
import { sanitizeImportedText } from './import-problems.ts';
import { clockMinutes, isClockTime, isRealDate } from './time.ts';

/**
 * The import row schema, apart from the check-in rules in booking.ts: screens (the kiosk) use the
 * rules and must not ship zod (see README). Each check's message is an import problem code
 * (import-problems.ts), worded per language there.
 */
const date = z.string().refine(isRealDate, 'date_format');
const clock = z.string().refine(isClockTime, 'time_format');
/** Free text from the export, cleaned of control and bidi characters before it is checked. */
const text = (max: number) =>
  z.string().transform(sanitizeImportedText).pipe(z.string().min(1, 'required').max(max, 'too_long'));

/** One schema per column, so a line's every problem is found at once (not the first few). */
export const bookingFieldSchemas = {
  booking_code: z.string().regex(BOOKING_CODE_PATTERN, 'booking_code_format'),
  nik: z.string().regex(/^\d{16}$/, 'nik_invalid'),
  full_name: text(120),
  birth_date: date,
  application_type: z.enum(APPLICATION_TYPES, { error: 'one_of' }),
  office_code: z.string().regex(/^[A-Z]{2,6}$/, 'office_code_format'),
  arrival_date: date,
  window_start: clock,
  window_end: clock,
  payment_status: z.enum(PAYMENT_STATUSES, { error: 'one_of' }),
  account_id: text(64),
} satisfies Record<(typeof BOOKING_FIELDS)[number], z.ZodType>;

/** A window's end must come after its start (both `HH:MM`). */
export function windowInOrder(start: string, end: string): boolean {
  return clockMinutes(start) < clockMinutes(end);
}

export const bookingRowSchema = z
  .object(bookingFieldSchemas)
  .strict()
  .refine((r) => windowInOrder(r.window_start, r.window_end), {
    message: 'window_order',
    path: ['window_end'],
  });

export type BookingRow = z.infer<typeof bookingRowSchema>;
