import type { AlarmCondition, ServiceAlarm } from '@giliran/shared';

/** What one evaluation changed. */
export interface AlarmChanges {
  raised: ServiceAlarm[];
  cleared: ServiceAlarm[];
}

/**
 * Today's service-level alarms as a state machine, without I/O: a condition that starts to hold
 * raises an alarm (after its grace period), one alarm per key at a time; an acknowledged alarm
 * stays until its condition stops holding; an alarm whose condition stops holding is cleared. A
 * condition that comes back after clearing raises a new alarm.
 */
export class AlarmBook {
  private static readonly KEEP = 500;
  /** Every alarm of the day by id, oldest first. */
  private readonly byId = new Map<string, ServiceAlarm>();
  /** The open (not cleared) alarm of each key. */
  private readonly active = new Map<string, string>();
  /** Conditions waiting out their grace period: key → first seen. */
  private readonly pending = new Map<string, number>();

  /** Applies the conditions that hold at `now`. */
  apply(conditions: readonly AlarmCondition[], now: number, newId: () => string): AlarmChanges {
    const changes: AlarmChanges = { raised: [], cleared: [] };
    const holding = new Set<string>();
    for (const c of conditions) {
      holding.add(c.key);
      if (this.active.has(c.key)) continue;
      const since = this.pending.get(c.key) ?? now;
      if (now - since < c.graceMs) {
        this.pending.set(c.key, since);
        continue;
      }
      this.pending.delete(c.key);
      const alarm: ServiceAlarm = {
        id: newId(),
        kind: c.kind,
        stageId: c.stageId,
        value: c.value,
        limit: c.limit,
        ticketNumbers: [...c.ticketNumbers],
        raisedAt: now,
        acknowledgedBy: null,
        acknowledgedAt: null,
        clearedAt: null,
      };
      this.put(alarm);
      this.active.set(c.key, alarm.id);
      changes.raised.push(alarm);
    }
    for (const key of [...this.pending.keys()]) if (!holding.has(key)) this.pending.delete(key);
    for (const [key, id] of [...this.active]) {
      if (holding.has(key)) continue;
      this.active.delete(key);
      const a = this.byId.get(id);
      if (!a) continue;
      const cleared = { ...a, clearedAt: now };
      this.put(cleared);
      changes.cleared.push(cleared);
    }
    return changes;
  }

  /**
   * Records who acknowledged an alarm and when (the first acknowledgement stands). Null when there
   * is no such alarm today; `changed` false when it was already acknowledged.
   */
  acknowledge(id: string, by: string, now: number): { alarm: ServiceAlarm; changed: boolean } | null {
    const a = this.byId.get(id);
    if (!a) return null;
    if (a.acknowledgedBy !== null) return { alarm: a, changed: false };
    const acked = { ...a, acknowledgedBy: by, acknowledgedAt: now };
    this.put(acked);
    return { alarm: acked, changed: true };
  }

  /** Reloads the day's alarms (oldest first, e.g. from the audit log after a restart). */
  restore(alarms: readonly ServiceAlarm[]): void {
    this.reset();
    for (const a of alarms) {
      this.put(a);
      if (a.clearedAt === null) this.active.set(keyOf(a), a.id);
    }
  }

  /** A new office day starts with no alarms. */
  reset(): void {
    this.byId.clear();
    this.active.clear();
    this.pending.clear();
  }

  get(id: string): ServiceAlarm | undefined {
    return this.byId.get(id);
  }

  /** Today's alarms, newest first. */
  list(): ServiceAlarm[] {
    return [...this.byId.values()].reverse();
  }

  /** The open alarms at these stages, newest first. */
  openAt(stageIds: readonly string[]): ServiceAlarm[] {
    return this.list().filter((a) => a.clearedAt === null && stageIds.includes(a.stageId));
  }

  private put(a: ServiceAlarm): void {
    this.byId.set(a.id, a);
    if (this.byId.size > AlarmBook.KEEP) {
      // Forget the oldest cleared alarm (open ones stay, there are few: one per kind and stage).
      for (const [id, old] of this.byId) {
        if (old.clearedAt !== null) {
          this.byId.delete(id);
          break;
        }
      }
    }
  }
}

export const keyOf = (a: Pick<ServiceAlarm, 'kind' | 'stageId'>) => `${a.kind}:${a.stageId}`;
