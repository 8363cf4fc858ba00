import { csvLine, localParts, median, type DayReport, type OfficeConfig } from '@giliran/shared';
import { alarmsFromAudit } from '../alarms/alarm-history.ts';
import type { Db } from '../store/database.ts';

const minutes = (ms: number) => Math.round((ms / 60_000) * 10) / 10;

export function dayReport(db: Db, config: OfficeConfig, date: string): DayReport {
  const tickets = db.prepare('SELECT service_id, status FROM tickets WHERE day = ?').all(date) as {
    service_id: string;
    status: string;
  }[];
  const audit = db
    .prepare(
      `SELECT at, action, counter_id, stage_id, duration_ms FROM audit_log WHERE day = ? AND action IN
      ('ticket.called', 'ticket.completed', 'ticket.transferred') ORDER BY id`,
    )
    .all(date) as {
    at: number;
    action: string;
    counter_id: string | null;
    stage_id: string | null;
    duration_ms: number | null;
  }[];
  const byHour = new Map<string, number[]>();
  const byStage = new Map<string, number[]>();
  const byCounter = new Map<string, number[]>();
  for (const a of audit) {
    if (a.duration_ms === null) continue;
    if (a.action === 'ticket.called') {
      const hour = `${localParts(a.at, config.office.timeZone).time.slice(0, 2)}:00`;
      byHour.set(hour, [...(byHour.get(hour) ?? []), a.duration_ms]);
    } else {
      if (a.stage_id) byStage.set(a.stage_id, [...(byStage.get(a.stage_id) ?? []), a.duration_ms]);
      if (a.counter_id) byCounter.set(a.counter_id, [...(byCounter.get(a.counter_id) ?? []), a.duration_ms]);
    }
  }
  return {
    date,
    issued: tickets.length,
    completed: tickets.filter((t) => t.status === 'done').length,
    noShows: tickets.filter((t) => t.status === 'no_show').length,
    perService: config.services.map((s) => {
      const mine = tickets.filter((t) => t.service_id === s.id);
      return {
        serviceId: s.id,
        issued: mine.length,
        completed: mine.filter((t) => t.status === 'done').length,
        noShows: mine.filter((t) => t.status === 'no_show').length,
      };
    }),
    waitsByHour: [...byHour.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([hour, ms]) => ({ hour, calls: ms.length, medianWaitMinutes: minutes(median(ms, 0)) })),
    serviceTimes: [...byStage.entries()].map(([stageId, ms]) => ({
      stageId,
      count: ms.length,
      medianMinutes: minutes(median(ms, 0)),
    })),
    perCounter: [...byCounter.entries()].map(([counterId, ms]) => ({
      counterId,
      served: ms.length,
      medianServiceMinutes: minutes(median(ms, 0)),
    })),
    alarms: alarmsFromAudit(db, date),
  };
}

/** Per-ticket CSV of a day, without personal data. */
export function dayCsv(db: Db, config: OfficeConfig, date: string): string {
  const rows = db
    .prepare(
      `SELECT t.number, t.service_id, t.status, t.checked_in_at, t.application_type,
        (SELECT MIN(at) FROM audit_log a WHERE a.ticket_id = t.id AND a.action = 'ticket.called') AS first_called
       FROM tickets t WHERE t.day = ? ORDER BY t.checked_in_at, t.number`,
    )
    .all(date) as {
    number: string;
    service_id: string;
    status: string;
    checked_in_at: number;
    application_type: string | null;
    first_called: number | null;
  }[];
  const tz = config.office.timeZone;
  const lines = ['number,service,application_type,status,checked_in,first_called,wait_minutes'];
  for (const r of rows) {
    lines.push(
      [
        r.number,
        r.service_id,
        r.application_type ?? '',
        r.status,
        localParts(r.checked_in_at, tz).time,
        r.first_called ? localParts(r.first_called, tz).time : '',
        r.first_called ? minutes(r.first_called - r.checked_in_at) : '',
      ].join(','),
    );
  }
  // The day's service-level alarms follow the tickets, after a blank line, with their own header.
  const alarms = alarmsFromAudit(db, date);
  if (alarms.length) {
    const time = (at: number | null) => (at === null ? '' : localParts(at, tz).time);
    lines.push('', 'alarm,stage,raised,value,limit,tickets,acknowledged_by,acknowledged,cleared');
    for (const a of alarms) {
      lines.push(
        csvLine([
          a.kind,
          a.stageId,
          time(a.raisedAt),
          a.value,
          a.limit,
          a.ticketNumbers.join(' '),
          a.acknowledgedBy,
          time(a.acknowledgedAt),
          time(a.clearedAt),
        ]),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
