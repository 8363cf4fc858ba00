import { z } from 'zod';
import { APPLICATION_TYPES, type ApplicationType, type CallPolicy } from './config.ts';
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

const date = z.string().refine(isRealDate, 'a real date as YYYY-MM-DD');
const clock = z.string().refine(isClockTime, 'a time as HH:MM');

export const bookingRowSchema = z
  .object({
    booking_code: z.string().regex(/^[A-Z0-9]{6,20}$/, '6–20 capital letters or digits'),
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
