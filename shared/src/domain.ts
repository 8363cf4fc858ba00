import type { ApplicationType } from './config.ts';
import type { Localized } from './i18n-types.ts';

/** A user role. Every event and route is authorized against it on the server. */
export const ROLES = ['kiosk', 'board', 'counter', 'supervisor', 'admin', 'phone'] as const;
export type Role = (typeof ROLES)[number];

export type TicketStatus = 'waiting' | 'called' | 'serving' | 'done' | 'no_show';

/**
 * A queue ticket as the engine keeps it. Times are epoch ms. Personal data is NOT here: it lives
 * with the booking (see `TicketHolder`) and reaches only counters and supervisors.
 */
export interface Ticket {
  id: string;
  /** Office day `YYYY-MM-DD` the ticket belongs to. */
  day: string;
  /** `A012`: letter of the service + 3-digit sequence, unique per office day. */
  number: string;
  seq: number;
  serviceId: string;
  /** Index into the service's route; `stageId` is `route[stageIndex]`. */
  stageIndex: number;
  stageId: string;
  status: TicketStatus;
  priority: boolean;
  /** Family check-ins share a group id and are called together. */
  groupId: string | null;
  bookingCode: string | null;
  applicationType: ApplicationType | null;
  checkedInAt: number;
  /** Ordering key: max(check-in, booked window start) for bookings; check-in for walk-ins. */
  effectiveAt: number;
  /** When it started waiting at its current stage (for starvation and waiting-time displays). */
  waitingSince: number;
  windowStart: number | null;
  windowEnd: number | null;
  counterId: string | null;
  calledAt: number | null;
  servingSince: number | null;
  recalls: number;
  /** Unguessable token of the phone tracking page `/t/<token>`. */
  trackToken: string;
  note: Localized | null;
}

/** Personal data of a booked ticket's holder, for counters and supervisors only. */
export interface TicketHolder {
  fullName: string;
  maskedNik: string;
  birthDate: string;
}

/** A ticket as a board, a phone or a kiosk may see it: no personal data, no tracking token. */
export interface PublicTicket {
  id: string;
  number: string;
  serviceId: string;
  stageId: string;
  status: TicketStatus;
  priority: boolean;
  groupId: string | null;
  counterId: string | null;
  calledAt: number | null;
  recalls: number;
  waitingSince: number;
}

/** A ticket as a counter console sees it. */
export interface StaffTicket extends PublicTicket {
  /** When the officer started serving it (null until then). */
  servingSince: number | null;
  bookingCode: string | null;
  applicationType: ApplicationType | null;
  checkedInAt: number;
  windowStart: number | null;
  windowEnd: number | null;
  note: Localized | null;
  holder: TicketHolder | null;
}

/**
 * Why an officer may end a visit before its last stage: documents incomplete, the applicant
 * withdrew, the application was refused, or referred elsewhere.
 */
export const END_VISIT_REASONS = ['documents_incomplete', 'withdrawn', 'refused', 'referred'] as const;
export type EndVisitReason = (typeof END_VISIT_REASONS)[number];

export type CounterMode = 'closed' | 'open' | 'paused';

/** Live state of one counter (loket). */
export interface CounterState {
  counterId: string;
  mode: CounterMode;
  /** Stages this counter calls from now (a subset of those configured). */
  stages: string[];
  /** Officer signed in at the counter (username), or null. */
  officer: string | null;
  /** Tickets held (a family group is held together), empty when free. */
  ticketIds: string[];
}

/** Per service: tickets waiting, and the wait a newcomer of that service would face now. */
export interface ServiceLoad {
  serviceId: string;
  waiting: number;
  estimatedWaitMinutes: number;
}

/** A call as the board shows and announces it. */
export interface CallAnnouncement {
  ticketIds: string[];
  numbers: string[];
  counterId: string;
  counterNumber: number;
  recall: number;
  at: number;
  /** Indonesian spoken text, e.g. "Nomor antrean A dua belas, silakan menuju loket tiga". */
  spoken: string;
}
