import { randomUUID } from 'node:crypto';
import { AppError, evaluateAlarms, type ServiceAlarm, type Ticket } from '@giliran/shared';
import type { Principal } from '../auth/auth-repo.ts';
import type { Db } from '../store/database.ts';
import type { QueueService } from '../store/queue-service.ts';
import { AlarmBook, type AlarmChanges } from './alarm-book.ts';
import { ALARM_ACTIONS, alarmsFromAudit } from './alarm-history.ts';

export interface AlarmMonitorOptions {
  /** Time-based limits (a wait growing past 45 min) are checked this often; default 5 s. */
  intervalMs?: number;
  /** At most one evaluation per this gap, however many commits arrive; default 1 s. */
  minGapMs?: number;
}

/**
 * Runs the service-level rules (`evaluateAlarms`) on the live queue: after commits and on a timer,
 * at most once a second, over the waiting tickets only (kept as commits arrive, so a check costs
 * O(waiting), never O(day)). Raised, acknowledged and cleared alarms are written to the audit log
 * and handed to the listeners (the gateway sends them to supervisors and the stage's counters).
 */
export class AlarmMonitor {
  private readonly book = new AlarmBook();
  private readonly waiting = new Map<string, Ticket>();
  private readonly listeners: ((alarm: ServiceAlarm) => void)[] = [];
  private readonly intervalTimer: NodeJS.Timeout;
  private scheduled: NodeJS.Timeout | null = null;
  private lastRun = -Infinity;
  private readonly minGapMs: number;

  constructor(
    private readonly service: QueueService,
    private readonly db: Db,
    opts: AlarmMonitorOptions = {},
  ) {
    this.minGapMs = opts.minGapMs ?? 1000;
    this.startDay();
    service.onCommitted((changes) => {
      for (const t of changes.tickets) {
        if (t.status === 'waiting') this.waiting.set(t.id, t);
        else this.waiting.delete(t.id);
      }
      if (changes.tickets.length || changes.counters.length) this.request();
    });
    service.onDayChanged(() => this.startDay());
    this.intervalTimer = setInterval(() => this.request(), opts.intervalMs ?? 5000);
    this.intervalTimer.unref();
  }

  onChange(listener: (alarm: ServiceAlarm) => void): void {
    this.listeners.push(listener);
  }

  /** Today's alarms, newest first. */
  list(): ServiceAlarm[] {
    return this.book.list();
  }

  openAt(stageIds: readonly string[]): ServiceAlarm[] {
    return this.book.openAt(stageIds);
  }

  get(id: string): ServiceAlarm | undefined {
    return this.book.get(id);
  }

  acknowledge(id: string, by: Principal): ServiceAlarm {
    const now = this.service.clock.now();
    const r = this.book.acknowledge(id, by.name, now);
    if (!r) throw new AppError('not_found');
    if (r.changed) {
      this.service.note(by.actor, ALARM_ACTIONS.acknowledged, { alarmId: id, by: by.name }, now);
      this.notify(r.alarm);
    }
    return r.alarm;
  }

  /** Evaluates now (the timer and commits call it through `request`; tests may call it directly). */
  evaluate(): AlarmChanges {
    this.lastRun = performance.now();
    const now = this.service.clock.now();
    const conditions = evaluateAlarms({
      config: this.service.config,
      now,
      waiting: this.waiting.values(),
      counters: this.service.state.counters.values(),
    });
    const changes = this.book.apply(conditions, now, randomUUID);
    for (const a of changes.raised) {
      const { id, kind, stageId, value, limit, ticketNumbers } = a;
      this.service.note(
        'system',
        ALARM_ACTIONS.raised,
        { alarmId: id, kind, stageId, value, limit, ticketNumbers },
        now,
      );
      this.notify(a);
    }
    for (const a of changes.cleared) {
      this.service.note('system', ALARM_ACTIONS.cleared, { alarmId: a.id }, now);
      this.notify(a);
    }
    return changes;
  }

  close(): void {
    clearInterval(this.intervalTimer);
    if (this.scheduled) clearTimeout(this.scheduled);
    this.scheduled = null;
  }

  /** Schedules one evaluation, no sooner than `minGapMs` after the last. */
  private request(): void {
    if (this.scheduled) return;
    const wait = Math.max(0, this.lastRun + this.minGapMs - performance.now());
    this.scheduled = setTimeout(() => {
      this.scheduled = null;
      try {
        this.evaluate();
      } catch (e) {
        console.error('[alarms] evaluation failed:', (e as Error).message);
      }
    }, wait);
    this.scheduled.unref();
  }

  /** A new office day (or the start): today's waiting tickets, and today's alarms from the audit log. */
  private startDay(): void {
    this.waiting.clear();
    for (const t of this.service.state.tickets.values())
      if (t.status === 'waiting') this.waiting.set(t.id, t);
    this.book.restore(alarmsFromAudit(this.db, this.service.state.day));
    this.request();
  }

  private notify(alarm: ServiceAlarm): void {
    for (const l of this.listeners) {
      try {
        l(alarm);
      } catch (e) {
        console.error('[alarms] listener failed:', e);
      }
    }
  }
}
