import {
  officeDay,
  type DayReport,
  type DeviceRecord,
  type ImportLineError,
  type DeviceHealth,
  type OfficeConfig,
  type PrinterFault,
  type PrinterStatus,
  type PublicTicket,
  type Role,
  type ServiceLoad,
} from '@giliran/shared';

export type { DayReport, DeviceRecord, ImportLineError };

/**
 * Data shaping of the dashboard: pure functions over plain data (tested in `shape.test.ts`). The
 * components only lay out what these return.
 */

// ─── Devices ──────────────────────────────────────────────────────────────────────────────────────

export type PrinterState = 'none' | 'unknown' | 'ok' | 'paper_low' | PrinterFault;

export interface DeviceRow extends DeviceRecord {
  connected: boolean;
  printer: PrinterState;
}

/** What a printer needs, worst first: a fault reported by a print beats the last DLE EOT status. */
export function printerState(
  health: Pick<DeviceHealth, 'printer' | 'printerFault'> | undefined,
  hasPrinter: boolean,
): PrinterState {
  if (health?.printerFault) return health.printerFault;
  const s: PrinterStatus | null = health?.printer ?? null;
  if (s) {
    if (s.paperOut) return 'paper_out';
    if (s.coverOpen) return 'cover_open';
    if (s.error) return 'error';
    if (!s.online) return 'offline';
    if (s.paperNearEnd) return 'paper_low';
    return 'ok';
  }
  return hasPrinter ? 'unknown' : 'none';
}

/**
 * The stored device list merged with live health (which only knows devices seen since the server
 * started): connected now, the newer of both "last seen" times, printer state. Kiosks always have a
 * printer (their own USB one, or `printerUri`); boards only when one is configured. Active devices
 * first (kiosks, then boards), revoked ones last, by name within each group.
 */
export function mergeDevices(list: readonly DeviceRecord[], health: readonly DeviceHealth[]): DeviceRow[] {
  const byId = new Map(health.map((h) => [h.deviceId, h]));
  const roleOrder = (r: Role) => (r === 'kiosk' ? 0 : r === 'board' ? 1 : 2);
  return list
    .map((d): DeviceRow => {
      const h = byId.get(d.id);
      const lastSeen =
        d.lastSeen === null ? (h?.lastSeen ?? null) : Math.max(d.lastSeen, h?.lastSeen ?? d.lastSeen);
      return {
        ...d,
        lastSeen,
        connected: !d.revoked && (h?.connected ?? false),
        printer: printerState(h, d.role === 'kiosk' || d.printerUri !== null),
      };
    })
    .sort(
      (a, b) =>
        Number(a.revoked) - Number(b.revoked) ||
        roleOrder(a.role) - roleOrder(b.role) ||
        a.name.localeCompare(b.name, 'id'),
    );
}

/** A printer state that needs someone to go and look. */
export function printerNeedsAttention(p: PrinterState): boolean {
  return p !== 'none' && p !== 'unknown' && p !== 'ok';
}

// ─── Floor ────────────────────────────────────────────────────────────────────────────────────────

export interface StageRow {
  stageId: string;
  waiting: number;
  /** Minutes the longest-waiting ticket has waited at this stage; null when none waits. */
  longestWaitMinutes: number | null;
  /** Counters open (not paused) that call from this stage now. */
  openCounters: number;
}

export interface ServiceRow {
  serviceId: string;
  waiting: number;
  longestWaitMinutes: number | null;
  estimatedWaitMinutes: number | null;
}

function longest(tickets: readonly PublicTicket[], now: number): number | null {
  if (tickets.length === 0) return null;
  const oldest = Math.min(...tickets.map((t) => t.waitingSince));
  return Math.max(0, Math.floor((now - oldest) / 60_000));
}

/** Waiting count, longest wait and open counters per configured stage, in configuration order. */
export function stageRows(
  config: OfficeConfig,
  tickets: readonly PublicTicket[],
  counters: readonly { mode: string; stages: readonly string[] }[],
  now: number,
): StageRow[] {
  const waiting = tickets.filter((t) => t.status === 'waiting');
  return config.stages.map((s) => {
    const here = waiting.filter((t) => t.stageId === s.id);
    return {
      stageId: s.id,
      waiting: here.length,
      longestWaitMinutes: longest(here, now),
      openCounters: counters.filter((c) => c.mode === 'open' && c.stages.includes(s.id)).length,
    };
  });
}

/** Per configured service: waiting (counted from the tickets), longest wait, the server's estimate. */
export function serviceRows(
  config: OfficeConfig,
  tickets: readonly PublicTicket[],
  loads: readonly ServiceLoad[],
  now: number,
): ServiceRow[] {
  const waiting = tickets.filter((t) => t.status === 'waiting');
  return config.services.map((s) => {
    const here = waiting.filter((t) => t.serviceId === s.id);
    const load = loads.find((l) => l.serviceId === s.id);
    return {
      serviceId: s.id,
      waiting: here.length,
      longestWaitMinutes: longest(here, now),
      estimatedWaitMinutes: load ? load.estimatedWaitMinutes : null,
    };
  });
}

// ─── Reports ──────────────────────────────────────────────────────────────────────────────────────

/** Today in the office's zone (never the machine's), given the server-corrected clock. */
export function officeToday(nowMs: number, timeZone: string): string {
  return officeDay(nowMs, timeZone);
}

/** Download name of a day's CSV: `giliran-DPS-2026-11-28.csv`. */
export function reportFileName(officeCode: string, date: string): string {
  return `giliran-${officeCode}-${date}.csv`;
}

// Chart scaling lives in shared/ so the simulator's chart page draws the same axes.
export { barLayout, niceScale, type BarDatum, type BarLayout, type ChartBox } from '@giliran/shared';

/**
 * An axis label broken at spaces into lines of at most `maxChars` (a long word keeps its own line),
 * so stage names such as "Informasi & pengaduan" stay under their bar instead of running into the
 * next one or off the chart.
 */
export function wrapLabel(label: string, maxChars: number): string[] {
  const lines: string[] = [];
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= maxChars)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

// ─── Import ───────────────────────────────────────────────────────────────────────────────────────

/** One bad line as the Import page lists it. */
export type ImportErrorRow = Pick<ImportLineError, 'line' | 'reason'>;

/**
 * The bad lines of a rejected import body (`{ error: { code, message, params: { count }, lines,
 * moreLines } }`), sorted, and how many bad lines the file has in all (the server lists the first 100).
 */
export function importRejection(body: unknown): { lines: ImportErrorRow[]; total: number } {
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof error !== 'object' || error === null) return { lines: [], total: 0 };
  const { lines, params } = error as { lines?: unknown; params?: { count?: unknown } };
  const rows = (Array.isArray(lines) ? lines : [])
    .filter(
      (l): l is ImportErrorRow =>
        typeof l === 'object' &&
        l !== null &&
        typeof (l as ImportErrorRow).line === 'number' &&
        typeof (l as ImportErrorRow).reason === 'string',
    )
    .map((l) => ({ line: l.line, reason: l.reason }))
    .sort((a, b) => a.line - b.line);
  const count = params?.count;
  return { lines: rows, total: typeof count === 'number' && count >= rows.length ? count : rows.length };
}

/** The content type to send an export with, from its name (the server detects by content anyway). */
export function importContentType(fileName: string): string {
  return /\.json$/i.test(fileName) ? 'application/json' : 'text/csv';
}
