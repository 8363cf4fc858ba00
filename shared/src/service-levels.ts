import type { OfficeConfig } from './config.ts';
import type { CounterState, Ticket } from './domain.ts';
import { clockMinutes, localParts } from './time.ts';

/**
 * Service-level alarms (issue 12): which of the office's limits (`config.alarms`) the floor breaks
 * right now. A pure function of the waiting tickets, the counters and the time; the server runs it
 * after commits and on a timer, and keeps the raised/acknowledged/cleared history.
 */

export const ALARM_KINDS = [
  /** Someone waited at the stage longer than `maxWaitMinutes`. */
  'wait_long',
  /** A priority applicant waited at the stage longer than `maxPriorityWaitMinutes`. */
  'priority_wait',
  /** Fewer counters open for the stage than the plan says for this hour. */
  'counters_below_plan',
  /** Same-day tickets still waiting close to the cut-off… */
  'same_day_near',
  /** …or after it. */
  'same_day_passed',
] as const;
export type AlarmKind = (typeof ALARM_KINDS)[number];

/**
 * One broken limit at one stage. `value` is what was measured (longest wait in whole minutes,
 * counters open, or same-day tickets waiting) and `limit` what it should be within (minutes,
 * planned counters, or the cut-off as minutes after midnight).
 */
export interface AlarmCondition {
  /** `kind:stageId`: one alarm per kind and stage at a time. */
  key: string;
  kind: AlarmKind;
  stageId: string;
  value: number;
  limit: number;
  /** The tickets concerned, worst first, at most five (numbers only: no personal data). */
  ticketNumbers: string[];
  /** Raise only once the condition has held this long (a counter opening a few minutes late). */
  graceMs: number;
}

/**
 * An alarm as screens get it (`alarm:update`, `alarm:list`): raised when its condition began to
 * hold, acknowledged by an officer, cleared by itself when the condition stopped holding.
 */
export interface ServiceAlarm {
  id: string;
  kind: AlarmKind;
  stageId: string;
  value: number;
  limit: number;
  ticketNumbers: string[];
  raisedAt: number;
  /** The officer's display name, and when. */
  acknowledgedBy: string | null;
  acknowledgedAt: number | null;
  clearedAt: number | null;
}

/** What a waiting ticket contributes. */
export type AlarmTicket = Pick<
  Ticket,
  'number' | 'stageId' | 'serviceId' | 'priority' | 'waitingSince' | 'effectiveAt'
>;

const MINUTE = 60_000;
const MAX_NUMBERS = 5;

/**
 * When a waiting ticket began waiting at its stage for the limits: its wait at this stage, but an
 * early arrival with a booking waits from its window's start (it chose to come early).
 */
export function waitStart(t: AlarmTicket): number {
  return Math.max(t.waitingSince, t.effectiveAt);
}

/**
 * The limits broken at `now`, sorted by key. O(waiting tickets + counters): `waiting` must hold
 * only tickets with status `waiting` (the server keeps that set as commits arrive).
 */
export function evaluateAlarms(input: {
  config: OfficeConfig;
  now: number;
  waiting: Iterable<AlarmTicket>;
  counters: Iterable<CounterState>;
}): AlarmCondition[] {
  const { config, now } = input;
  const alarms = config.alarms;
  if (!alarms) return [];
  const out: AlarmCondition[] = [];
  const sameDay = alarms.sameDay;
  const sameDayServices = new Set(sameDay?.serviceIds ?? []);
  const minuteOfDay = localParts(now, config.office.timeZone).minuteOfDay;
  const sameDayPhase = !sameDay
    ? null
    : minuteOfDay >= clockMinutes(sameDay.cutoff)
      ? 'same_day_passed'
      : minuteOfDay >= clockMinutes(sameDay.cutoff) - sameDay.warnBeforeMinutes
        ? 'same_day_near'
        : null;

  // One pass over the waiting tickets: the over-limit ones per stage and kind.
  const over = new Map<
    string,
    { kind: AlarmKind; stageId: string; limit: number; tickets: [number, string][] }
  >();
  const add = (kind: AlarmKind, stageId: string, limit: number, start: number, number: string) => {
    const key = `${kind}:${stageId}`;
    const entry = over.get(key) ?? { kind, stageId, limit, tickets: [] };
    entry.tickets.push([start, number]);
    over.set(key, entry);
  };
  for (const t of input.waiting) {
    const limits = alarms.stages[t.stageId];
    const start = waitStart(t);
    const waited = now - start;
    if (limits?.maxWaitMinutes !== undefined && waited > limits.maxWaitMinutes * MINUTE)
      add('wait_long', t.stageId, limits.maxWaitMinutes, start, t.number);
    if (
      t.priority &&
      limits?.maxPriorityWaitMinutes !== undefined &&
      waited > limits.maxPriorityWaitMinutes * MINUTE
    )
      add('priority_wait', t.stageId, limits.maxPriorityWaitMinutes, start, t.number);
    if (sameDayPhase && sameDayServices.has(t.serviceId))
      add(sameDayPhase, t.stageId, clockMinutes((sameDay as { cutoff: string }).cutoff), start, t.number);
  }
  for (const [key, e] of over) {
    e.tickets.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
    const longest = Math.floor((now - (e.tickets[0]?.[0] ?? now)) / MINUTE);
    const sameDayKind = e.kind === 'same_day_near' || e.kind === 'same_day_passed';
    out.push({
      key,
      kind: e.kind,
      stageId: e.stageId,
      value: sameDayKind ? e.tickets.length : longest,
      limit: e.limit,
      ticketNumbers: e.tickets.slice(0, MAX_NUMBERS).map(([, n]) => n),
      graceMs: 0,
    });
  }

  const plan = alarms.counterPlan;
  if (plan) {
    const hour = Math.floor(minuteOfDay / 60);
    const open = new Map<string, number>();
    for (const c of input.counters) {
      if (c.mode === 'closed') continue;
      for (const st of c.stages) open.set(st, (open.get(st) ?? 0) + 1);
    }
    for (const [stageId, hours] of Object.entries(plan.stages)) {
      const planned = hours[hour - plan.startHour] ?? 0;
      const actual = open.get(stageId) ?? 0;
      if (hour >= plan.startHour && actual < planned)
        out.push({
          key: `counters_below_plan:${stageId}`,
          kind: 'counters_below_plan',
          stageId,
          value: actual,
          limit: planned,
          ticketNumbers: [],
          graceMs: plan.graceMinutes * MINUTE,
        });
    }
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}
