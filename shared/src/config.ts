import { z } from 'zod';
import { unsafePatternReason } from './regex-safety.ts';
import { isClockTime } from './time.ts';

/**
 * The office configuration: one JSON file per office, validated on load. Errors name the bad field
 * (`services[2].route[0]: unknown stage "fotto"`). Clients receive it in the snapshot.
 */

const id = z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'lowercase id: letters, digits, - or _');
const localized = z.object({ id: z.string().min(1).max(500), en: z.string().min(1).max(500) }).strict();
const clock = z.string().refine(isClockTime, 'time as HH:MM (24 h)');

export const APPLICATION_TYPES = ['baru', 'penggantian', 'hilang', 'rusak', 'anak', 'umrah'] as const;
export type ApplicationType = (typeof APPLICATION_TYPES)[number];
export const applicationTypeSchema = z.enum(APPLICATION_TYPES);

export const stageSchema = z
  .object({ id, name: localized, defaultServiceMinutes: z.number().positive().max(240) })
  .strict();

export const serviceSchema = z
  .object({
    id,
    letter: z.string().regex(/^[A-Z]$/, 'one capital letter'),
    name: localized,
    /** Booked services take M-Paspor check-ins; walk-in services appear as kiosk buttons. */
    kind: z.enum(['booking', 'walkin']),
    /** Priority lane (Layanan Ramah HAM). */
    priority: z.boolean(),
    /** Stage ids in the order an applicant passes them. */
    route: z.array(id).min(1).max(10),
    /** Checklist for walk-ins of this service; booked tickets use their application type's list. */
    checklist: z.array(localized).max(30).default([]),
    description: localized.optional(),
  })
  .strict();

/** At most `max` events per key within any `perSeconds` (a sliding window). */
export const rateLimitSchema = z
  .object({ max: z.number().int().min(1).max(100_000), perSeconds: z.number().int().min(1).max(86_400) })
  .strict();
export type RateLimit = z.infer<typeof rateLimitSchema>;

/**
 * Limits against guessing and flooding (DESIGN §6, §9). Refused attempts are answered with
 * `rate_limited`/`too_many_attempts` at once, without touching a password hash or the database.
 */
export const rateLimitsSchema = z
  .object({
    /** NIK look-ups per kiosk (anti-enumeration). */
    nikLookupsPerKiosk: rateLimitSchema,
    /** Booking-code look-ups (typed or scanned QR) per kiosk. */
    bookingCodeLookupsPerKiosk: rateLimitSchema,
    /** Tickets issued (`checkin:confirm`, `ticket:walkin`) per kiosk. */
    ticketsPerKiosk: rateLimitSchema,
    /** "Call staff" requests per device. */
    staffCallsPerDevice: rateLimitSchema,
    /** Wrong passwords per username before sign-in is refused for a while. */
    loginFailuresPerUser: rateLimitSchema,
    /** Wrong passwords (any username) per network address. */
    loginFailuresPerAddress: rateLimitSchema,
    /**
     * Wrong passwords in the whole office (guesses from many addresses). Past it only officers who
     * exist and have no recent wrong password may still try, so an attack does not lock them out.
     */
    loginFailuresPerOffice: rateLimitSchema,
    /** Wrong pairing codes per network address. */
    pairingFailuresPerAddress: rateLimitSchema,
    /** Wrong pairing codes in the whole office (guesses from many addresses). */
    pairingFailuresPerOffice: rateLimitSchema,
    /**
     * Wrong pairing codes tried in the office while a code is valid, after which it is burnt: a wrong
     * guess does not say which code it aimed at, so every live code counts it.
     */
    pairingCodeMaxFailures: z.number().int().min(1).max(1000),
  })
  .strict();
export type RateLimits = z.infer<typeof rateLimitsSchema>;

export const counterSchema = z
  .object({ id, number: z.number().int().min(1).max(999), stages: z.array(id).min(1) })
  .strict();

export const policySchema = z
  .object({
    /** At most this many priority calls in a row at a stage… */
    priorityRunMax: z.number().int().min(1).max(100),
    /** …while a regular ticket has waited longer than this. */
    regularMaxWaitMinutes: z.number().int().min(0).max(600),
    /** Arriving earlier than window start minus this is "too early". */
    earlyMarginMinutes: z.number().int().min(0).max(600),
    /** Arriving later than window end plus this is "late". */
    lateGraceMinutes: z.number().int().min(0).max(600),
    /** What a late arrival gets: a ticket for the given service with a note, or a refusal. */
    lateArrival: z.discriminatedUnion('action', [
      z.object({ action: z.literal('route'), serviceId: id }).strict(),
      z.object({ action: z.literal('refuse') }).strict(),
      z.object({ action: z.literal('accept') }).strict(),
    ]),
    /** A called ticket can be marked no-show only after this many recalls. */
    noShowAfterRecalls: z.number().int().min(0).max(10),
    retentionDays: z.number().int().min(1).max(3650),
    rateLimits: rateLimitsSchema,
    /**
     * Extracts the booking code from an opaque M-Paspor QR payload (first capture group). It runs on
     * untrusted input, so a pattern that could backtrack catastrophically is refused.
     */
    qrBookingCodePattern: z.string().superRefine((p, ctx) => {
      const reason = unsafePatternReason(p);
      if (reason) ctx.addIssue({ code: 'custom', message: `unsafe pattern: ${reason}` });
    }),
    /** Seconds of kiosk inactivity before it warns, then returns to the idle screen. */
    kioskIdleSeconds: z.number().int().min(15).max(600),
  })
  .strict();

/**
 * Where this office ships its outbox for central reporting (optional: without it nothing is sent).
 * The token lives in its own file (`tokenFile`, relative paths inside the data directory), never in
 * this file. Only `https://` URLs, except on loopback (the demo and tests).
 */
export const centralLinkSchema = z
  .object({
    url: z.url({ protocol: /^https?$/ }).refine((u) => {
      const m = /^(https?):\/\/(\[[^\]]*\]|[^/:?#]*)/i.exec(u);
      return m?.[1]?.toLowerCase() === 'https' || ['127.0.0.1', 'localhost', '[::1]'].includes(m?.[2] ?? '');
    }, 'https:// (plain http:// only to 127.0.0.1 or localhost)'),
    tokenFile: z.string().min(1).max(500).default('central.token'),
    /** Events per request (small, so a request never holds the event loop). */
    batchSize: z.number().int().min(1).max(1000).default(200),
    /** Longest wait between retries while central is unreachable (exponential backoff with jitter). */
    retryMaxSeconds: z.number().min(0.1).max(3600).default(300),
  })
  .strict();
export type CentralLink = z.infer<typeof centralLinkSchema>;

export const officeConfigSchema = z
  .object({
    office: z
      .object({
        code: z.string().regex(/^[A-Z]{2,6}$/, 'office code, 2–6 capital letters'),
        name: z.string().min(1).max(120),
        timeZone: z.string().refine((tz) => {
          try {
            new Intl.DateTimeFormat('en', { timeZone: tz });
            return true;
          } catch {
            return false;
          }
        }, 'an IANA time zone such as Asia/Makassar'),
        openTime: clock,
        closeTime: clock,
      })
      .strict(),
    stages: z.array(stageSchema).min(1),
    services: z.array(serviceSchema).min(1),
    counters: z.array(counterSchema).min(1),
    /** Documents to have ready, per application type of a booking. */
    checklists: z.record(applicationTypeSchema, z.array(localized).max(30)),
    policy: policySchema,
    /** Running text on the board. */
    announcements: z.array(localized).max(20).default([]),
    central: centralLinkSchema.optional(),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    const stageIds = new Set(cfg.stages.map((s) => s.id));
    const unique = (values: string[], path: string, what: string) => {
      const seen = new Set<string>();
      values.forEach((v, i) => {
        if (seen.has(v))
          ctx.addIssue({ code: 'custom', path: [path, i], message: `duplicate ${what} "${v}"` });
        seen.add(v);
      });
    };
    unique(
      cfg.stages.map((s) => s.id),
      'stages',
      'stage id',
    );
    unique(
      cfg.services.map((s) => s.id),
      'services',
      'service id',
    );
    unique(
      cfg.services.map((s) => s.letter),
      'services',
      'ticket letter',
    );
    unique(
      cfg.counters.map((c) => c.id),
      'counters',
      'counter id',
    );
    unique(
      cfg.counters.map((c) => String(c.number)),
      'counters',
      'counter number',
    );
    cfg.services.forEach((s, i) =>
      s.route.forEach((st, j) => {
        if (!stageIds.has(st))
          ctx.addIssue({
            code: 'custom',
            path: ['services', i, 'route', j],
            message: `unknown stage "${st}"`,
          });
      }),
    );
    cfg.counters.forEach((c, i) =>
      c.stages.forEach((st, j) => {
        if (!stageIds.has(st))
          ctx.addIssue({
            code: 'custom',
            path: ['counters', i, 'stages', j],
            message: `unknown stage "${st}"`,
          });
      }),
    );
    for (const type of APPLICATION_TYPES) {
      if (!cfg.checklists[type])
        ctx.addIssue({ code: 'custom', path: ['checklists', type], message: 'missing checklist' });
    }
    if (!cfg.services.some((s) => s.kind === 'booking')) {
      ctx.addIssue({
        code: 'custom',
        path: ['services'],
        message: 'at least one booking service is required',
      });
    }
    const late = cfg.policy.lateArrival;
    if (late.action === 'route' && !cfg.services.some((s) => s.id === late.serviceId)) {
      ctx.addIssue({
        code: 'custom',
        path: ['policy', 'lateArrival', 'serviceId'],
        message: `unknown service "${late.serviceId}"`,
      });
    }
    for (const stage of cfg.stages) {
      if (!cfg.counters.some((c) => c.stages.includes(stage.id))) {
        ctx.addIssue({ code: 'custom', path: ['stages'], message: `no counter serves stage "${stage.id}"` });
      }
    }
  });

export type OfficeConfig = z.infer<typeof officeConfigSchema>;
export type StageConfig = z.infer<typeof stageSchema>;
export type ServiceConfig = z.infer<typeof serviceSchema>;
export type CounterConfig = z.infer<typeof counterSchema>;
export type CallPolicy = z.infer<typeof policySchema>;

/** Formats zod issues as `path: message` lines, e.g. `services[2].route[0]: unknown stage "x"`. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((i) => {
    const path = i.path
      .map((p, k) => (typeof p === 'number' ? `[${p}]` : `${k === 0 ? '' : '.'}${String(p)}`))
      .join('');
    return path ? `${path}: ${i.message}` : i.message;
  });
}
