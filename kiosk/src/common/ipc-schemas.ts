import { z } from 'zod';
import type { TicketPrintData } from '@giliran/shared';
import { IPC, type InvokeChannel } from './ipc.ts';

// zod schemas of IPC arguments, apart from the channel names so the sandboxed preload stays tiny.

const localized = z.object({ id: z.string().max(500), en: z.string().max(500) }).strict();
const clock = z.string().regex(/^\d{2}:\d{2}$/);

/** `TicketPrintData` as it arrives over IPC: checked before a single byte reaches the printer. */
export const ticketPrintDataSchema = z
  .object({
    officeName: z.string().max(200),
    number: z.string().regex(/^[A-Z]\d{3,4}$/),
    serviceName: localized,
    stageName: localized,
    localDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    localTime: clock,
    peopleAhead: z.number().int().min(0).max(100_000),
    estimatedWaitMinutes: z.number().min(0).max(100_000),
    bookedWindow: z.object({ start: clock, end: clock }).strict().nullable(),
    checklist: z.array(localized).max(30),
    trackingUrl: z.string().url().max(500),
    maskedName: z.string().max(200).nullable(),
    reprint: z.boolean(),
    note: localized.nullable(),
    lang: z.enum(['id', 'en']),
  })
  .strict() satisfies z.ZodType<TicketPrintData>;

export const ipcSchemas = {
  [IPC.printTickets]: z.object({ tickets: z.array(ticketPrintDataSchema).min(1).max(5) }).strict(),
  [IPC.printerStatus]: z.undefined(),
  [IPC.getToken]: z.undefined(),
  [IPC.setToken]: z
    .object({
      token: z
        .string()
        .min(8)
        .max(512)
        .regex(/^[\w.~+/=-]+$/)
        .nullable(),
    })
    .strict(),
} as const satisfies Record<InvokeChannel, z.ZodType>;
