import { z } from 'zod';
import { APPLICATION_TYPES } from './config.ts';
import { BOOKING_CODE_PATTERN, PAYMENT_STATUSES } from './booking.ts';
import { clockMinutes, isClockTime, isRealDate } from './time.ts';

/**
 * The import row schema, apart from the check-in rules in booking.ts: screens (the kiosk) use the
 * rules and must not ship zod (see README).
 */
const date = z.string().refine(isRealDate, 'a real date as YYYY-MM-DD');
const clock = z.string().refine(isClockTime, 'a time as HH:MM');

export const bookingRowSchema = z
  .object({
    booking_code: z.string().regex(BOOKING_CODE_PATTERN, '6–20 capital letters or digits'),
    nik: z.string().regex(/^\d{16}$/, '16 digits'),
    full_name: z.string().trim().min(1, 'required').max(120, 'at most 120 characters'),
    birth_date: date,
    application_type: z.enum(APPLICATION_TYPES, { error: `one of ${APPLICATION_TYPES.join(', ')}` }),
    office_code: z.string().regex(/^[A-Z]{2,6}$/, '2–6 capital letters'),
    arrival_date: date,
    window_start: clock,
    window_end: clock,
    payment_status: z.enum(PAYMENT_STATUSES, { error: `one of ${PAYMENT_STATUSES.join(', ')}` }),
    account_id: z.string().trim().min(1, 'required').max(64, 'at most 64 characters'),
  })
  .strict()
  .refine((r) => clockMinutes(r.window_start) < clockMinutes(r.window_end), {
    message: 'window_end must be after window_start',
    path: ['window_end'],
  });

export type BookingRow = z.infer<typeof bookingRowSchema>;
