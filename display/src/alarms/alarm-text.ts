import type { AlarmKind, Lang, Localized, OfficeConfig, ServiceAlarm } from '@giliran/shared';

/** What each kind of service-level alarm says, Indonesian first; `{…}` are filled in. */
export const ALARM_TEXT: Record<AlarmKind, Localized> = {
  wait_long: {
    id: 'Tunggu terlama di {stage}: {value} menit (batas {limit} menit)',
    en: 'Longest wait at {stage}: {value} min (limit {limit} min)',
  },
  priority_wait: {
    id: 'Pemohon prioritas menunggu {value} menit di {stage} (batas {limit} menit)',
    en: 'A priority applicant has waited {value} min at {stage} (limit {limit} min)',
  },
  counters_below_plan: {
    id: 'Loket buka untuk {stage}: {value} dari {limit} yang direncanakan',
    en: 'Counters open for {stage}: {value} of {limit} planned',
  },
  same_day_near: {
    id: '{value} tiket percepatan masih menunggu di {stage}; batas layanan hari yang sama pukul {cutoff}',
    en: '{value} same-day ticket(s) still waiting at {stage}; same-day cut-off at {cutoff}',
  },
  same_day_passed: {
    id: 'Batas layanan hari yang sama ({cutoff}) terlewati: {value} tiket percepatan masih menunggu di {stage}',
    en: 'Same-day cut-off ({cutoff}) passed: {value} same-day ticket(s) still waiting at {stage}',
  },
};

/** `780` → `13:00` (the same-day cut-off travels as minutes after midnight). */
const clockOf = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The alarm in words, with the stage's name and, when there are any, the ticket numbers. */
export function alarmText(alarm: ServiceAlarm, config: OfficeConfig, lang: Lang): string {
  const stage = config.stages.find((s) => s.id === alarm.stageId);
  const values: Record<string, string> = {
    stage: stage ? stage.name[lang] : alarm.stageId,
    value: String(alarm.value),
    limit: String(alarm.limit),
    cutoff: clockOf(alarm.limit),
  };
  const text = ALARM_TEXT[alarm.kind][lang].replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
  return alarm.ticketNumbers.length ? `${text} — ${alarm.ticketNumbers.join(', ')}` : text;
}

/** Newest first; one entry per alarm id (the latest version of each). */
export function mergeAlarms(
  current: readonly ServiceAlarm[],
  incoming: readonly ServiceAlarm[],
): ServiceAlarm[] {
  const byId = new Map(current.map((a) => [a.id, a]));
  for (const a of incoming) byId.set(a.id, a);
  return [...byId.values()].sort((a, b) => b.raisedAt - a.raisedAt || a.id.localeCompare(b.id));
}

/** The alarms a counter console shows: open ones at the stages it serves now. */
export function alarmsForStages(alarms: readonly ServiceAlarm[], stages: readonly string[]): ServiceAlarm[] {
  return alarms.filter((a) => a.clearedAt === null && stages.includes(a.stageId));
}
