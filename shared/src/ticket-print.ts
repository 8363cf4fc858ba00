import type { Lang, Localized } from './i18n-types.ts';

/**
 * Everything a printed (or on-screen) queue ticket shows. Built by the server from the engine's
 * ticket, laid out and encoded by `hardware/`. Contains no full NIK and no full name.
 *
 * Example: `{ number: 'A012', serviceName: { id: 'Paspor M-Paspor', en: 'M-Paspor passport' }, … }`
 */
export interface TicketPrintData {
  officeName: string;
  /** Ticket number, e.g. `A012`. */
  number: string;
  serviceName: Localized;
  /** The stage the applicant waits for first, e.g. "Verifikasi berkas". */
  stageName: Localized;
  /** Office-local date `YYYY-MM-DD` and time `HH:MM` of check-in (Asia/Makassar for Denpasar). */
  localDate: string;
  localTime: string;
  peopleAhead: number;
  estimatedWaitMinutes: number;
  /** Booked arrival window `HH:MM`–`HH:MM`, office-local; null for walk-ins. */
  bookedWindow: { start: string; end: string } | null;
  /** Documents to have ready, in print order. */
  checklist: Localized[];
  /** URL of the phone tracking page (`…/t/<token>`), printed as a QR code. */
  trackingUrl: string;
  /** Masked holder name, e.g. `I K*** W***`; null for anonymous walk-ins. */
  maskedName: string | null;
  /** True when this is a second print of a ticket issued before. */
  reprint: boolean;
  /** Optional note, e.g. the late-arrival routing. */
  note: Localized | null;
  lang: Lang;
}

/** Roll width of a thermal printer. */
export type PaperWidth = 58 | 80;

/** Result of one print attempt; never thrown, always returned. */
export type PrintResult =
  | {
      ok: true;
      durationMs: number;
      /** DLE EOT state read after printing, when the printer answers status requests. */
      status?: PrinterStatus;
    }
  | { ok: false; reason: PrinterFault; detail: string };

/** Why a printer cannot print. `error` covers unrecoverable/auto-cutter errors. */
export const PRINTER_FAULT_CODES = [
  'paper_out',
  'cover_open',
  'offline',
  'error',
  'unreachable',
  'timeout',
] as const;
export type PrinterFault = (typeof PRINTER_FAULT_CODES)[number];

/** Printer state from DLE EOT, as shown on the dashboard. */
export interface PrinterStatus {
  online: boolean;
  paperNearEnd: boolean;
  paperOut: boolean;
  coverOpen: boolean;
  error: boolean;
}
