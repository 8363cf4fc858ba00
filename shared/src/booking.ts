import type { BookingRow } from './booking-schema.ts';
import type { ApplicationType, CallPolicy, OfficeConfig } from './config.ts';
import { maskNik } from './nik.ts';
import { localParts, localToInstant, clockMinutes } from './time.ts';

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

/** A booking code as M-Paspor issues it: 6–20 capital letters or digits. The one definition. */
export const BOOKING_CODE_PATTERN = /^[A-Z0-9]{6,20}$/;

export function isBookingCode(s: string): boolean {
  return BOOKING_CODE_PATTERN.test(s);
}

export const PAYMENT_STATUSES = ['paid', 'unpaid', 'cancelled'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

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

/** An import row as the server reasons about it: the NIK only masked (its HMAC is the store's). */
export function bookingFromRow(r: BookingRow): Booking {
  return {
    code: r.booking_code,
    maskedNik: maskNik(r.nik),
    fullName: r.full_name,
    birthDate: r.birth_date,
    applicationType: r.application_type,
    officeCode: r.office_code,
    arrivalDate: r.arrival_date,
    windowStart: r.window_start,
    windowEnd: r.window_end,
    paymentStatus: r.payment_status,
    accountId: r.account_id,
  };
}

/** How a booking stands for check-in right now. "Already checked in" is the engine's to tell. */
export type BookingAssessment =
  | { kind: 'ok' }
  | { kind: 'late'; action: CallPolicy['lateArrival']['action']; windowEnd: string }
  | { kind: 'early'; comeBackAt: string }
  | { kind: 'other_date'; arrivalDate: string }
  | { kind: 'other_office'; officeCode: string }
  | { kind: 'unpaid' }
  | { kind: 'cancelled' }
  | { kind: 'closed'; openTime: string; closeTime: string };

export interface AssessContext {
  now: number;
  office: Pick<OfficeConfig['office'], 'code' | 'timeZone' | 'openTime' | 'closeTime'>;
  policy: Pick<CallPolicy, 'earlyMarginMinutes' | 'lateGraceMinutes' | 'lateArrival'>;
}

/** Whether the office serves at `now`: from its opening time until its closing time, local. */
export function isOfficeOpen(
  now: number,
  office: Pick<OfficeConfig['office'], 'timeZone' | 'openTime' | 'closeTime'>,
): boolean {
  const minutes = clockMinutes(localParts(now, office.timeZone).time);
  return minutes >= clockMinutes(office.openTime) && minutes < clockMinutes(office.closeTime);
}

/** The booked arrival window as instants, from its office-local date and times. */
export function bookingWindow(
  b: Pick<Booking, 'arrivalDate' | 'windowStart' | 'windowEnd'>,
  timeZone: string,
): { start: number; end: number } {
  return {
    start: localToInstant(b.arrivalDate, b.windowStart, timeZone),
    end: localToInstant(b.arrivalDate, b.windowEnd, timeZone),
  };
}

/** Check-in rules of DESIGN §3, in the order an officer would check them. */
export function assessBooking(b: Booking, ctx: AssessContext): BookingAssessment {
  if (b.paymentStatus === 'cancelled') return { kind: 'cancelled' };
  const { office } = ctx;
  if (b.officeCode !== office.code) return { kind: 'other_office', officeCode: b.officeCode };
  const today = localParts(ctx.now, office.timeZone).date;
  if (b.arrivalDate !== today) return { kind: 'other_date', arrivalDate: b.arrivalDate };
  if (b.paymentStatus === 'unpaid') return { kind: 'unpaid' };
  if (!isOfficeOpen(ctx.now, office))
    return { kind: 'closed', openTime: office.openTime, closeTime: office.closeTime };
  const { start, end } = bookingWindow(b, office.timeZone);
  const earliest = start - ctx.policy.earlyMarginMinutes * 60_000;
  if (ctx.now < earliest) return { kind: 'early', comeBackAt: localParts(earliest, office.timeZone).time };
  if (ctx.now > end + ctx.policy.lateGraceMinutes * 60_000) {
    return { kind: 'late', action: ctx.policy.lateArrival.action, windowEnd: b.windowEnd };
  }
  return { kind: 'ok' };
}

/**
 * What check-in does with a booking in this state: it joins the booked service's queue, it goes
 * to the late-arrival service with a note, or nothing is created. The one rule the engine applies
 * and the kiosk shows (which bookings are selectable).
 */
export function checkInAction(a: BookingAssessment): 'join' | 'route' | null {
  if (a.kind === 'ok') return 'join';
  if (a.kind === 'late' && a.action === 'accept') return 'join';
  if (a.kind === 'late' && a.action === 'route') return 'route';
  return null;
}

/** Query parameters that may carry the booking code in a QR that is a link. */
const CODE_PARAMS = ['code', 'kode', 'booking', 'booking_code', 'kode_booking', 'c'];

/**
 * Pulls the booking code out of an M-Paspor QR payload. The format is not public, so the payload is
 * opaque: a link (`https://…/b/CODE`, `…?code=CODE`) yields its code parameter or path segments,
 * last first; anything else is matched whole. Each candidate is matched with the configured pattern
 * (its first capture group, else the whole match) and must be a booking code.
 */
export function bookingCodeFromQr(payload: string, pattern: string): string | null {
  const re = new RegExp(pattern);
  for (const candidate of qrCandidates(payload.trim())) {
    const m = re.exec(candidate.toUpperCase());
    const code = m ? (m[1] ?? m[0]).toUpperCase() : null;
    if (code && isBookingCode(code)) return code;
  }
  return null;
}

function qrCandidates(payload: string): string[] {
  // A link, parsed by hand: shared/ runs where no URL class is typed (no DOM or Node libraries).
  const link = /^(https?:\/\/[^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/i.exec(payload);
  if (!link) return [payload];
  const [, origin = '', path = '', query = '', fragment = ''] = link;
  const params = new Map<string, string>();
  for (const pair of query.split('&')) {
    const [k = '', v = ''] = pair.split('=');
    params.set(decodeSafely(k).toLowerCase(), decodeSafely(v));
  }
  const fromParams = CODE_PARAMS.map((k) => params.get(k) ?? '').filter(Boolean);
  const segments = path.split('/').filter(Boolean).map(decodeSafely).reverse();
  // Last, the link without its host (never read: "PASPOR" in m-paspor.example looks like a code),
  // for an office's own pattern, e.g. `C=([A-Z0-9]+)`.
  const rest = payload.slice(origin.length);
  return [...fromParams, ...segments, ...(fragment ? [fragment] : []), ...(rest ? [rest] : [])];
}

function decodeSafely(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
