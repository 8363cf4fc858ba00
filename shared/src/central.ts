import { z } from 'zod';
import { applicationTypeSchema } from './config.ts';
import { isRealDate } from './time.ts';

/**
 * The contract between an office server and the central reporting service (issue 13), defined
 * once. Every committed queue change appends outbox events in the same SQLite transaction; the
 * office ships them in batches to `POST /api/ingest` with its bearer token. Payloads carry NO
 * personal data: never a name, NIK, birth date, booking code, tracking token or officer name;
 * ticket number, service, stage, counter, times and durations only.
 */

/**
 * Event types: the office writes one per queue audit action (`ticket.issued`, `ticket.called`,
 * `ticket.recalled`, `ticket.started`, `ticket.no_show`, `ticket.completed`, `ticket.transferred`,
 * `ticket.reinstated`, `ticket.reprinted`, `counter.opened`/`closed`/`paused`/`resumed`); other
 * features may add theirs. Central validates the ones it knows and stores any other as it came.
 */

/** A survey answer (SKM/IKM, PermenPANRB 14/2017): nine elements scored 1–4. */
export const SURVEY_EVENT_TYPE = 'survey.answered';

const id = z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/);
const instant = z.number().int().min(0).max(8_640_000_000_000);
const durationMs = z
  .number()
  .int()
  .min(0)
  .max(7 * 86_400_000);

/**
 * Payload of a `ticket.*` event. Ticket number + office day identify the ticket; `durationMs` is the
 * wait (called: since it began waiting at this stage) or the service time (completed, transferred).
 * Example: `{ "number": "A012", "serviceId": "paspor", "stageId": "verifikasi", "stageIndex": 0,
 * "counterId": "loket-3", "priority": false, "booked": true, "applicationType": "baru", "durationMs": 1260000 }`.
 */
export const ticketEventPayloadSchema = z.object({
  number: z.string().regex(/^[A-Z]\d{3,6}$/),
  serviceId: id.optional(),
  stageId: id.optional(),
  stageIndex: z.number().int().min(0).max(9).optional(),
  counterId: id.nullable().optional(),
  priority: z.boolean().optional(),
  /** Came with an M-Paspor booking (the booking code itself is never sent). */
  booked: z.boolean().optional(),
  applicationType: applicationTypeSchema.nullable().optional(),
  durationMs: durationMs.nullable().optional(),
  recalls: z.number().int().min(0).max(100).optional(),
  toStageId: id.optional(),
  toServiceId: id.optional(),
  windowStart: instant.nullable().optional(),
  windowEnd: instant.nullable().optional(),
});
export type TicketEventPayload = z.infer<typeof ticketEventPayloadSchema>;

/** Payload of a `counter.*` event (staffing): which counter, and the stages it opened for. */
export const counterEventPayloadSchema = z.object({
  counterId: id,
  stages: z.array(id).max(10).optional(),
});
export type CounterEventPayload = z.infer<typeof counterEventPayloadSchema>;

/**
 * Payload of `survey.answered`: `answers[i]` is element U(i+1)'s score 1–4. Central aggregates it
 * into IKM when it has this shape; any other shape is stored and left out of IKM.
 */
export const surveyAnsweredPayloadSchema = z.object({
  answers: z.array(z.number().int().min(1).max(4)).length(9),
  number: z
    .string()
    .regex(/^[A-Z]\d{3,6}$/)
    .optional(),
  serviceId: id.optional(),
});
export type SurveyAnsweredPayload = z.infer<typeof surveyAnsweredPayloadSchema>;

/** The payload schema of a known event type, or null for a type central stores as it came. */
export function eventPayloadSchema(type: string) {
  if (type === SURVEY_EVENT_TYPE) return surveyAnsweredPayloadSchema;
  if (type.startsWith('ticket.')) return ticketEventPayloadSchema;
  if (type.startsWith('counter.')) return counterEventPayloadSchema;
  return null;
}

/** Any payload: a flat-ish JSON object, small. Unknown types are stored as they came. */
const payloadSchema = z
  .record(z.string().max(64), z.unknown())
  .refine((p) => JSON.stringify(p).length <= 4096, 'payload larger than 4 KB');

/** One outbox event as shipped. `seq` is the office's monotonic outbox sequence. */
export const centralEventSchema = z
  .object({
    seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    type: z
      .string()
      .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/)
      .max(64),
    /** Epoch ms of the change. */
    at: instant,
    /** Office-local day `YYYY-MM-DD` the change belongs to. */
    day: z
      .string()
      .refine((d) => isRealDate(d) && d >= '2000-01-01' && d <= '2199-12-31', 'a real date as YYYY-MM-DD'),
    payload: payloadSchema,
  })
  .strict();
export type CentralEvent = z.infer<typeof centralEventSchema>;

/** Most events in one batch; the shipper sends fewer (see `central.batchSize`). */
export const MAX_INGEST_EVENTS = 1000;

/** `POST /api/ingest` body. */
export const ingestBatchSchema = z
  .object({
    officeCode: z.string().regex(/^[A-Z]{2,6}$/),
    /** The office's IANA time zone (its configuration is the authority): central shows its times in it. */
    timeZone: z
      .string()
      .max(64)
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'an IANA time zone such as Asia/Makassar'),
    events: z.array(centralEventSchema).min(1).max(MAX_INGEST_EVENTS),
  })
  .strict();
export type IngestBatch = z.infer<typeof ingestBatchSchema>;

/** `POST /api/ingest` answer: new events stored, ones already there, and ones stored but malformed. */
export interface IngestResult {
  accepted: number;
  duplicates: number;
  invalid: number;
}
