import { z } from 'zod';
import { APPLICATION_TYPES, type ApplicationType, type CallPolicy } from './config.ts';
import { sanitizeImportedText } from './import-problems.ts';
import { isClockTime, isRealDate, localParts, localToInstant, clockMinutes } from './time.ts';

/**
 * One M-Paspor booking as imported from the day's export (CSV header / JSON keys exactly these).
 * `arrival_date` is `YYYY-MM-DD`, `window_start`/`window_end` are office-local `HH:MM`.
 */
export const BOOKING_FIELDS = [
  'booking_code',
  'nik',
  'full_name',
  'birth_date',
  'application_type',
  'office_code',
  'arrival_date',
  'window_start',
  'window_end',
  'payment_status',
  'account_id',
] as const;

export const PAYMENT_STATUSES = ['paid', 'unpaid', 'cancelled'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

// Each check's message is an import problem code (import-problems.ts), worded per language there.
const date = z.string().refine(isRealDate, 'date_format');
const clock = z.string().refine(isClockTime, 'time_format');
/** Free text from the export, cleaned of control and bidi characters before it is checked. */
const text = (max: number) =>
  z.string().transform(sanitizeImportedText).pipe(z.string().min(1, 'required').max(max, 'too_long'));

/** One schema per column, so a line's every problem is found at once (not the first few). */
export const bookingFieldSchemas = {
  booking_code: z.string().regex(/^[A-Z0-9]{6,20}$/, 'booking_code_format'),
  nik: z.string().regex(/^\d{16}$/, 'nik_format'),
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

/** A stored booking as the server reasons about it (NIK only masked/hashed). */
export interface Booking {
  code: string;
  maskedNik: string;
  fullName: string;
  birthDate: string;
  applicationType: ApplicationType;
  officeCode: string;
  arrivalDate: string;
  windowStart: string;
  windowEnd: string;
  paymentStatus: PaymentStatus;
  accountId: string;
}

/** How a booking stands for check-in right now. "Already checked in" is the engine's to tell. */
export type BookingAssessment =
  | { kind: 'ok' }
  | { kind: 'late'; action: CallPolicy['lateArrival']['action']; windowEnd: string }
  | { kind: 'early'; comeBackAt: string }
  | { kind: 'other_date'; arrivalDate: string }
  | { kind: 'other_office'; officeCode: string }
  | { kind: 'unpaid' }
  | { kind: 'cancelled' };

export interface AssessContext {
  now: number;
  officeCode: string;
  timeZone: string;
  policy: Pick<CallPolicy, 'earlyMarginMinutes' | 'lateGraceMinutes' | 'lateArrival'>;
}

/** Check-in rules of DESIGN §3, in the order an officer would check them. */
export function assessBooking(b: Booking, ctx: AssessContext): BookingAssessment {
  if (b.paymentStatus === 'cancelled') return { kind: 'cancelled' };
  if (b.officeCode !== ctx.officeCode) return { kind: 'other_office', officeCode: b.officeCode };
  const today = localParts(ctx.now, ctx.timeZone).date;
  if (b.arrivalDate !== today) return { kind: 'other_date', arrivalDate: b.arrivalDate };
  if (b.paymentStatus === 'unpaid') return { kind: 'unpaid' };
  const start = localToInstant(b.arrivalDate, b.windowStart, ctx.timeZone);
  const end = localToInstant(b.arrivalDate, b.windowEnd, ctx.timeZone);
  const earliest = start - ctx.policy.earlyMarginMinutes * 60_000;
  if (ctx.now < earliest) return { kind: 'early', comeBackAt: localParts(earliest, ctx.timeZone).time };
  if (ctx.now > end + ctx.policy.lateGraceMinutes * 60_000) {
    return { kind: 'late', action: ctx.policy.lateArrival.action, windowEnd: b.windowEnd };
  }
  return { kind: 'ok' };
}

/** Pulls the booking code out of an opaque M-Paspor QR payload with the configured pattern. */
export function bookingCodeFromQr(payload: string, pattern: string): string | null {
  const m = new RegExp(pattern).exec(payload.trim().toUpperCase());
  if (!m) return null;
  return (m[1] ?? m[0]).toUpperCase();
}
