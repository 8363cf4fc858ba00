import { ALARM_KINDS, type AlarmKind, type ServiceAlarm } from '@giliran/shared';
import type { Db } from '../store/database.ts';

/** The audit actions of an alarm's life, with what each row's `detail` holds. */
export const ALARM_ACTIONS = {
  /** `{ alarmId, kind, stageId, value, limit, ticketNumbers }` */
  raised: 'alarm.raised',
  /** `{ alarmId, by }` (the officer's display name; the row's actor is the officer) */
  acknowledged: 'alarm.acknowledged',
  /** `{ alarmId }` */
  cleared: 'alarm.cleared',
} as const;

const isKind = (k: unknown): k is AlarmKind => ALARM_KINDS.includes(k as AlarmKind);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/**
 * A day's alarms rebuilt from the audit log, oldest first: after a restart (the server keeps its
 * alarms instead of raising them again) and for the day report.
 */
export function alarmsFromAudit(db: Db, day: string): ServiceAlarm[] {
  const rows = db
    .prepare(`SELECT at, action, detail FROM audit_log WHERE day = ? AND action IN (?, ?, ?) ORDER BY id`)
    .all(day, ALARM_ACTIONS.raised, ALARM_ACTIONS.acknowledged, ALARM_ACTIONS.cleared) as {
    at: number;
    action: string;
    detail: string | null;
  }[];
  const alarms = new Map<string, ServiceAlarm>();
  for (const r of rows) {
    let d: Record<string, unknown>;
    try {
      d = JSON.parse(r.detail ?? '{}') as Record<string, unknown>;
    } catch {
      continue;
    }
    const id = typeof d.alarmId === 'string' ? d.alarmId : null;
    if (!id) continue;
    if (r.action === ALARM_ACTIONS.raised) {
      if (!isKind(d.kind) || typeof d.stageId !== 'string') continue;
      alarms.set(id, {
        id,
        kind: d.kind,
        stageId: d.stageId,
        value: num(d.value),
        limit: num(d.limit),
        ticketNumbers: Array.isArray(d.ticketNumbers)
          ? d.ticketNumbers.filter((n): n is string => typeof n === 'string')
          : [],
        raisedAt: r.at,
        acknowledgedBy: null,
        acknowledgedAt: null,
        clearedAt: null,
      });
      continue;
    }
    const a = alarms.get(id);
    if (!a) continue;
    if (r.action === ALARM_ACTIONS.acknowledged && a.acknowledgedBy === null)
      alarms.set(id, { ...a, acknowledgedBy: typeof d.by === 'string' ? d.by : '?', acknowledgedAt: r.at });
    if (r.action === ALARM_ACTIONS.cleared) alarms.set(id, { ...a, clearedAt: r.at });
  }
  return [...alarms.values()];
}
