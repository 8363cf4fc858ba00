import { z } from 'zod';
import { BOOKING_CODE_PATTERN, type BookingAssessment } from './booking.ts';
import type { ApplicationType, OfficeConfig } from './config.ts';
import {
  END_VISIT_REASONS,
  type CallAnnouncement,
  type CounterState,
  type PublicTicket,
  type Role,
  type ServiceLoad,
  type StaffTicket,
  type TicketHolder,
  type TicketStatus,
} from './domain.ts';
import type { AppErrorBody } from './errors.ts';
import type { Localized } from './i18n-types.ts';
import type { ImportProblemCode } from './import-problems.ts';
import { QR_PAYLOAD_MAX_LENGTH } from './regex-safety.ts';
import type { ServiceAlarm } from './service-levels.ts';
import { SKM_ELEMENT_COUNT, type IkmGrade, type IkmResult, type WaitBandId } from './survey.ts';
import { isPrinterUri, normalizePrinterUri, PRINTER_URI_HINT } from './printer-uri.ts';
import {
  PRINTER_FAULT_CODES,
  type PrinterFault,
  type PrinterStatus,
  type PrintResult,
  type TicketPrintData,
} from './ticket-print.ts';

/**
 * The real-time contract between the office server and every screen (DESIGN §4), defined once.
 * Client commands are `entity:verb` events with one payload and an acknowledgement.
 */

/** Every acknowledgement: `{ ok: true, data }` or `{ ok: false, error: { code, message } }`. */
export type AckResponse<T> = { ok: true; data: T } | { ok: false; error: AppErrorBody };
export type Ack<T> = (response: AckResponse<T>) => void;

const lang = z.enum(['id', 'en']).default('id');
const shortId = z.string().min(1).max(64);
const none = z.object({}).strict();
/** A ticket number as printed (`A012`), typed on a survey tablet in any case, with stray spaces. */
const ticketNumber = z
  .string()
  .max(16)
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]\d{3,6}$/, 'a ticket number such as A012');
/** The nine SKM scores: `answers[i]` scores element U(i+1), 1–4 (see survey.ts). */
const skmAnswers = z.array(z.number().int().min(1).max(4)).length(SKM_ELEMENT_COUNT);

// ─── Payload schemas (validated at the edge; anything else gets `invalid_payload`) ───────────────

export const payloadSchemas = {
  'checkin:lookup': z
    .object({
      method: z.enum(['qr', 'nik', 'code']),
      value: z.string().min(1).max(QR_PAYLOAD_MAX_LENGTH),
      lang,
    })
    .strict(),
  'checkin:confirm': z
    .object({
      bookingCodes: z.array(z.string().regex(BOOKING_CODE_PATTERN)).min(1).max(5),
      lang,
    })
    .strict(),
  'ticket:walkin': z.object({ serviceId: shortId, lang }).strict(),
  'ticket:print': z
    .object({
      ticketIds: z.array(shortId).min(1).max(5),
      /** Those of `ticketIds` printed before (an applicant checking in again): marked as reprints. */
      reprints: z.array(shortId).max(5).default([]),
      lang,
    })
    .strict(),
  'staff:call': z
    .object({
      reason: z.enum(['help', 'printer', 'other']),
      /** With `printer`: what the printer reports; staff screens word it in their language. */
      printerFault: z.enum(PRINTER_FAULT_CODES).optional(),
      detail: z.string().max(200).optional(),
    })
    .strict(),
  'device:report': z
    .object({
      printer: z
        .object({
          online: z.boolean(),
          paperNearEnd: z.boolean(),
          paperOut: z.boolean(),
          coverOpen: z.boolean(),
          error: z.boolean(),
        })
        .strict()
        .nullable(),
      detail: z.string().max(200).optional(),
    })
    .strict(),
  'counter:open': z
    .object({ counterId: shortId, stages: z.array(shortId).min(1).max(10).optional() })
    .strict(),
  'counter:close': none,
  'counter:pause': none,
  'counter:resume': none,
  'ticket:call': none,
  'ticket:recall': none,
  'ticket:start': none,
  'ticket:noShow': none,
  /** Done at this stage; `endVisit` ends the whole visit before the route's last stage. */
  'ticket:complete': z
    .object({
      endVisit: z
        .object({ reason: z.enum(END_VISIT_REASONS) })
        .strict()
        .optional(),
    })
    .strict(),
  'ticket:transfer': z.object({ toServiceId: shortId.optional() }).strict(),
  'ticket:reinstate': z.object({ ticketId: shortId }).strict(),
  'staff:acknowledge': z.object({ alertId: shortId }).strict(),
  /**
   * Can this ticket answer the SKM survey? A survey tablet names the ticket by its number (a phone
   * asks for its own over HTTP: `GET /api/track/:token/survey`).
   */
  'survey:check': z.object({ ticketNumber }).strict(),
  /** One answer per ticket: `answers[i]` scores element U(i+1), 1–4 (see survey.ts). */
  'survey:answer': z.object({ ticketNumber, answers: skmAnswers }).strict(),
  /** An officer has seen a service-level alarm (who and when are recorded). */
  'alarm:acknowledge': z.object({ alarmId: shortId }).strict(),
} as const;

export type ClientEventName = keyof typeof payloadSchemas;
export type Payload<E extends ClientEventName> = z.input<(typeof payloadSchemas)[E]>;
export type ParsedPayload<E extends ClientEventName> = z.output<(typeof payloadSchemas)[E]>;

// ─── Results ──────────────────────────────────────────────────────────────────────────────────────

/**
 * A booking found at the kiosk, masked for the screen, with how it stands. Enough for an applicant
 * to recognise themselves (`maskedName` e.g. `Nyoman W*** A***`, birth day and month, the booked
 * window), never a full name or a full birth date.
 */
export interface CheckinCandidate {
  bookingCode: string;
  /** `maskName` of shared/mask.ts. */
  maskedName: string;
  /** Birth date without its year, `MM-DD` (`08-05`); null when unknown or erased. */
  birthDayMonth: string | null;
  maskedNik: string;
  applicationType: ApplicationType;
  arrivalDate: string;
  officeCode: string;
  window: { start: string; end: string };
  checklist: Localized[];
  assessment: BookingAssessment | { kind: 'already'; ticketNumber: string };
}

/** A ticket handed to a kiosk: what to show and what to print. */
export interface IssuedTicket {
  ticket: PublicTicket;
  print: TicketPrintData;
  peopleAhead: number;
  estimatedWaitMinutes: number;
}

export interface StaffAlert {
  id: string;
  deviceName: string;
  reason: 'help' | 'printer' | 'other';
  /** For a printer alert: the fault, as a code each screen words in its own language. */
  printerFault: PrinterFault | null;
  /** Words for staff (the kiosk's own, or the ticket numbers of a failed print); never technical English. */
  detail: string | null;
  at: number;
  acknowledgedBy: string | null;
}

export interface DeviceHealth {
  deviceId: string;
  name: string;
  role: Role;
  connected: boolean;
  lastSeen: number | null;
  printer: PrinterStatus | null;
  printerFault: PrinterFault | null;
}

/** What a screen needs to render from scratch; sent on (re)connect and after a day change. */
export interface QueueSnapshot<T extends PublicTicket = PublicTicket> {
  day: string;
  serverTime: number;
  config: OfficeConfig;
  /**
   * Supervisors and admins: tickets still active today (waiting, called, serving) and those
   * recently finished. Every other screen, counters included: only the tickets counters hold now
   * (on a 25,000-ticket day the full list was a 6–10 MB frame per screen); a counter's own waiting
   * list comes with `counter:queue`.
   */
  tickets: T[];
  counters: CounterState[];
  loads: ServiceLoad[];
  recentCalls: CallAnnouncement[];
  /** Who this connection is. */
  viewer: { role: Role; name: string; counterId: string | null };
}

/** What a phone tracking page shows: its own ticket only, no personal data. */
export interface TrackUpdate {
  number: string;
  status: TicketStatus;
  serviceName: Localized;
  stageName: Localized;
  peopleAhead: number;
  estimatedWaitMinutes: number;
  /** Set while the ticket is being called or served. */
  counterNumber: number | null;
  recalls: number;
  at: number;
  /** The office's IANA time zone (e.g. `Asia/Makassar`): the phone shows times in it, not its own. */
  timeZone: string;
}

/**
 * What one committed batch of commands changed, in the receiver's projection. A screen gets ONE
 * frame per batch, never one per kind of change: under load the server's largest cost is socket
 * writes (one system call per frame per screen), not SQLite.
 */
export interface QueueChanges<T extends PublicTicket = PublicTicket> {
  tickets: T[];
  counters: CounterState[];
  /** Calls and recalls to announce, oldest first. */
  calls: CallAnnouncement[];
  /** Waiting counts and estimated waits; null when they did not change. */
  loads: ServiceLoad[] | null;
}

/**
 * A counter's own queue (`counter:queue`), sent only to the officer working at that counter. The
 * order is the server's call order, computed once on the server: the console shows exactly who the
 * next calls will bring.
 */
export interface CounterQueue {
  counterId: string;
  /** Waiting tickets in the order this counter will call them (the first is next); the first 50. */
  ticketIds: string[];
  /**
   * The tickets of `ticketIds` this console may not have yet, holders stripped: all of them in the
   * first queue after a (re)connect, then those newly entering the list. A counter's snapshot
   * carries only the tickets on counters (on a 25,000-ticket day the whole floor is ~10 MB a
   * console), so this is how waiting tickets reach it; later changes come with `queue:changes`.
   */
  tickets: StaffTicket[];
  /** Everyone waiting at this counter's stages. */
  total: number;
  /**
   * Name, masked NIK and birth date of the tickets this counter holds and of the next few it will
   * call: the only personal data a counter receives (supervisors see every ticket's holder).
   */
  holders: Record<string, TicketHolder>;
}

/** A ticket as the SKM survey sees it: whether it may still answer. */
export interface SurveyTicket {
  number: string;
  serviceId: string;
  status: 'open' | 'answered';
}

export interface CounterActionResult {
  counter: CounterState;
  tickets: StaffTicket[];
}

type Command<E extends ClientEventName, R> = (payload: Payload<E>, ack: Ack<R>) => void;

export interface ClientToServerEvents {
  'checkin:lookup': Command<'checkin:lookup', { candidates: CheckinCandidate[] }>;
  'checkin:confirm': Command<'checkin:confirm', { tickets: IssuedTicket[] }>;
  'ticket:walkin': Command<'ticket:walkin', { tickets: IssuedTicket[] }>;
  'ticket:print': Command<'ticket:print', { result: PrintResult }>;
  'staff:call': Command<'staff:call', { alert: StaffAlert }>;
  'device:report': Command<'device:report', { received: true }>;
  'counter:open': Command<'counter:open', CounterActionResult>;
  'counter:close': Command<'counter:close', CounterActionResult>;
  'counter:pause': Command<'counter:pause', CounterActionResult>;
  'counter:resume': Command<'counter:resume', CounterActionResult>;
  'ticket:call': Command<'ticket:call', CounterActionResult>;
  'ticket:recall': Command<'ticket:recall', CounterActionResult>;
  'ticket:start': Command<'ticket:start', CounterActionResult>;
  'ticket:noShow': Command<'ticket:noShow', CounterActionResult>;
  'ticket:complete': Command<'ticket:complete', CounterActionResult>;
  'ticket:transfer': Command<'ticket:transfer', CounterActionResult>;
  'ticket:reinstate': Command<'ticket:reinstate', { ticket: StaffTicket }>;
  'staff:acknowledge': Command<'staff:acknowledge', { alert: StaffAlert }>;
  'survey:check': Command<'survey:check', { ticket: SurveyTicket }>;
  'survey:answer': Command<'survey:answer', { ticket: SurveyTicket }>;
  'alarm:acknowledge': Command<'alarm:acknowledge', { alarm: ServiceAlarm }>;
}

export interface ServerToClientEvents {
  /** Full state; boards get `PublicTicket`s, staff get `StaffTicket`s. */
  'queue:snapshot': (snapshot: QueueSnapshot<PublicTicket | StaffTicket>) => void;
  /** Everything one committed batch of commands changed (boards and staff). */
  'queue:changes': (changes: QueueChanges<PublicTicket | StaffTicket>) => void;
  'staff:alert': (alert: StaffAlert) => void;
  'device:health': (devices: DeviceHealth[]) => void;
  /** This officer's counter queue in call order; null while the officer works at no counter. */
  'counter:queue': (queue: CounterQueue | null) => void;
  /**
   * Sent just before the server closes a connection whose credential ended (logout, expiry, a
   * disabled officer, a new password, a revoked device: `unauthenticated`). The screen signs out or
   * shows why; it must not reconnect.
   */
  'session:ended': (error: AppErrorBody) => void;
  /** A service-level alarm raised, acknowledged or cleared (supervisors; counters of its stage). */
  'alarm:update': (alarm: ServiceAlarm) => void;
  /**
   * Today's alarms on (re)connect: every one for supervisors (newest first), the active ones of
   * its stages for a counter officer (again when the officer opens a counter).
   */
  'alarm:list': (alarms: ServiceAlarm[]) => void;
}

/** The authorization matrix for socket events: who may send what. Enforced by the server. */
export const EVENT_ROLES: Record<ClientEventName, readonly Role[]> = {
  'checkin:lookup': ['kiosk'],
  'checkin:confirm': ['kiosk'],
  'ticket:walkin': ['kiosk'],
  'ticket:print': ['kiosk'],
  'staff:call': ['kiosk', 'board'],
  'device:report': ['kiosk', 'board'],
  'counter:open': ['counter', 'supervisor'],
  'counter:close': ['counter', 'supervisor'],
  'counter:pause': ['counter', 'supervisor'],
  'counter:resume': ['counter', 'supervisor'],
  'ticket:call': ['counter', 'supervisor'],
  'ticket:recall': ['counter', 'supervisor'],
  'ticket:start': ['counter', 'supervisor'],
  'ticket:noShow': ['counter', 'supervisor'],
  'ticket:complete': ['counter', 'supervisor'],
  'ticket:transfer': ['counter', 'supervisor'],
  'ticket:reinstate': ['supervisor', 'admin'],
  'staff:acknowledge': ['supervisor', 'admin'],
  'survey:check': ['survey'],
  'survey:answer': ['survey'],
  'alarm:acknowledge': ['counter', 'supervisor', 'admin'],
};

/** HTTP routes and who may call them (`public` needs no credential). */
export const ROUTE_ROLES = {
  'GET /api/health': 'public',
  'POST /api/pair': 'public',
  'POST /api/login': 'public',
  // A phone's credential is its ticket's tracking token, in the path (the QR on the ticket).
  'GET /api/track/:token': 'public',
  'GET /api/track/:token/events': 'public',
  'GET /api/track/:token/survey': 'public',
  'POST /api/track/:token/survey': 'public',
  'POST /api/logout': ['kiosk', 'board', 'survey', 'counter', 'supervisor', 'admin'],
  'GET /api/me': ['kiosk', 'board', 'survey', 'counter', 'supervisor', 'admin'],
  'GET /api/reports/day': ['supervisor', 'admin'],
  'GET /api/reports/day.csv': ['supervisor', 'admin'],
  'GET /api/reports/survey': ['supervisor', 'admin'],
  'GET /api/reports/survey.csv': ['supervisor', 'admin'],
  'GET /api/devices': ['supervisor', 'admin'],
  'POST /api/admin/bookings/import': ['admin'],
  'POST /api/admin/pairing-codes': ['admin'],
  'DELETE /api/admin/devices/:id': ['admin'],
  'POST /api/admin/users': ['admin'],
  'POST /api/planning/simulate': ['supervisor', 'admin'],
  'POST /api/planning/suggest': ['supervisor', 'admin'],
} as const satisfies Record<string, 'public' | readonly Role[]>;

export type RouteKey = keyof typeof ROUTE_ROLES;

/** Socket.IO handshake credentials: a device's or an officer's bearer token. */
export type HandshakeAuth = { token: string };

/** `POST /api/track/:token/survey`: a phone answers the SKM survey for its own ticket. */
export const phoneSurveyAnswerSchema = z.object({ answers: skmAnswers }).strict();

// ─── HTTP bodies ──────────────────────────────────────────────────────────────────────────────────

export const pairBodySchema = z.object({ code: z.string().regex(/^\d{6,8}$/) }).strict();
export const loginBodySchema = z
  .object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) })
  .strict();
export const pairingCodeBodySchema = z
  .object({
    role: z.enum(['kiosk', 'board', 'survey']),
    name: z.string().trim().min(1).max(64),
    /**
     * The kiosk's printer, e.g. `tcp://10.0.0.21:9100` (the server prints there for a browser kiosk);
     * only printer devices (`parsePrinterUri`), stored in canonical form.
     */
    printerUri: z
      .string()
      .max(200)
      .refine(isPrinterUri, PRINTER_URI_HINT)
      .transform(normalizePrinterUri)
      .optional(),
  })
  .strict();
export const createUserBodySchema = z
  .object({
    username: z.string().regex(/^[a-z0-9._-]{3,32}$/),
    displayName: z.string().trim().min(1).max(64),
    password: z.string().min(8).max(256),
    role: z.enum(['counter', 'supervisor', 'admin']),
  })
  .strict();

export interface SessionInfo {
  token: string;
  role: Role;
  name: string;
}

// ─── HTTP responses (admin and reports) ───────────────────────────────────────────────────────────

/** `GET /api/devices`: a paired device as stored. */
export interface DeviceRecord {
  id: string;
  name: string;
  role: Role;
  lastSeen: number | null;
  revoked: boolean;
  printerUri: string | null;
}

/** `POST /api/admin/pairing-codes`: a one-time code, valid until `expiresAt`. */
export interface PairingCode {
  code: string;
  expiresAt: number;
}

/** `POST /api/admin/bookings/import` success. */
export interface ImportCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/**
 * One rejected line of an import file (`error.lines`); line 1 is the CSV header. Every problem of
 * the line at once, in the language the request asked for (`?lang=` or Accept-Language), e.g.
 * `{ line: 6, reason: 'nik: harus 16 angka; window_end: harus setelah window_start', problems: […] }`.
 */
export interface ImportLineError {
  line: number;
  /** The problems of the line in words, joined with "; ". */
  reason: string;
  /** The same one by one: the column (null for the whole line or file), a stable code, the words. */
  problems: { field: string | null; code: ImportProblemCode; message: string }[];
}

/**
 * The extra fields of an `import_invalid` error: the first `MAX_REPORTED_IMPORT_LINES` bad lines,
 * and how many more bad lines there are (`params.count` is the total).
 */
export interface ImportRejection {
  lines: ImportLineError[];
  moreLines: number;
}

/** `GET /api/reports/day?date=YYYY-MM-DD`: anonymous statistics of one office day. */
export interface DayReport {
  date: string;
  issued: number;
  completed: number;
  noShows: number;
  perService: { serviceId: string; issued: number; completed: number; noShows: number }[];
  waitsByHour: { hour: string; calls: number; medianWaitMinutes: number }[];
  serviceTimes: { stageId: string; count: number; medianMinutes: number }[];
  perCounter: { counterId: string; served: number; medianServiceMinutes: number }[];
  /** The day's service-level alarms, oldest first, from the audit log. */
  alarms: ServiceAlarm[];
}

/** An IKM figure of a group of survey answers (a service, a wait band). */
export interface IkmGroup<K extends string = string> {
  key: K;
  result: IkmResult;
}

/**
 * `GET /api/reports/survey?month=YYYY-MM`: the SKM/IKM of one month (PermenPANRB 14/2017), per
 * element, per service and per wait band, and the twelve months up to it.
 */
export interface SurveyReport {
  month: string;
  /** Null when nobody answered that month. */
  overall: IkmResult | null;
  perService: IkmGroup[];
  perWaitBand: IkmGroup<WaitBandId>[];
  /** Answers by channel: the phone page or a survey tablet. */
  bySource: { phone: number; tablet: number };
  /** Oldest first, ending with `month`. */
  months: { month: string; respondents: number; ikm: number | null; grade: IkmGrade | null }[];
}
