import type { CounterMode, Localized, OfficeConfig, Ticket, TicketStatus } from '@giliran/shared';
import { callAnnouncement, RECENT_CALLS_KEPT, withRecentCalls } from '@giliran/shared';
import {
  applyChanges,
  emptyState,
  noChanges,
  perApplicantDurations,
  type AuditEntry,
  type Changes,
  type QueueState,
  type ServiceRow,
} from '../engine/state.ts';
import { outboxEvents } from '../outbox/outbox-events.ts';
import { OutboxWriter } from '../outbox/outbox-writer.ts';
import { AuditLog } from './audit-log.ts';
import type { Db } from './database.ts';

interface TicketRow {
  id: string;
  day: string;
  number: string;
  seq: number;
  service_id: string;
  stage_index: number;
  stage_id: string;
  status: string;
  priority: number;
  group_id: string | null;
  booking_code: string | null;
  application_type: string | null;
  checked_in_at: number;
  effective_at: number;
  waiting_since: number;
  window_start: number | null;
  window_end: number | null;
  counter_id: string | null;
  called_at: number | null;
  serving_since: number | null;
  recalls: number;
  track_token: string;
  note: string | null;
}

/**
 * One copy of each of the few values many rows repeat (day, service, stage, status): SQLite hands
 * every row its own strings, ~3 MB of copies on a 25,000-ticket day.
 */
function stringPool(): (s: string) => string {
  const pool = new Map<string, string>();
  return (s) => {
    const known = pool.get(s);
    if (known !== undefined) return known;
    pool.set(s, s);
    return s;
  };
}

/** The booking's holder joined to a ticket: null for a walk-in. */
interface HolderRow {
  full_name: string | null;
  masked_nik: string | null;
  birth_date: string | null;
}

function rowToTicket(r: TicketRow, shared: (s: string) => string): Ticket {
  return {
    id: r.id,
    day: shared(r.day),
    number: r.number,
    seq: r.seq,
    serviceId: shared(r.service_id),
    stageIndex: r.stage_index,
    stageId: shared(r.stage_id),
    status: shared(r.status) as TicketStatus,
    priority: r.priority === 1,
    groupId: r.group_id,
    bookingCode: r.booking_code,
    applicationType: (r.application_type && shared(r.application_type)) as Ticket['applicationType'],
    checkedInAt: r.checked_in_at,
    effectiveAt: r.effective_at,
    waitingSince: r.waiting_since,
    windowStart: r.window_start,
    windowEnd: r.window_end,
    counterId: r.counter_id && shared(r.counter_id),
    calledAt: r.called_at,
    servingSince: r.serving_since,
    recalls: r.recalls,
    trackToken: r.track_token,
    note: r.note ? (JSON.parse(r.note) as Localized) : null,
  };
}

/** The changes of several commands, each with its office day: committed as one transaction. */
export type StoredBatch = readonly { day: string; changes: Changes }[];

/**
 * Durable home of the queue. `commitBatch` writes a batch of commands in one transaction; `load`
 * rebuilds the in-memory state of a day after a restart (same waiting list, numbers continue).
 */
export class QueueStore {
  private readonly upsertTicket;
  private readonly upsertCounter;
  private readonly upsertStreak;
  private readonly audit;
  private readonly outbox;
  private readonly batchTx;

  /** `officeCode` stamps the outbox events central receives. */
  constructor(
    private readonly db: Db,
    officeCode: string,
  ) {
    this.upsertTicket = db.prepare(`
      INSERT INTO tickets (id, day, number, seq, service_id, stage_index, stage_id, status, priority, group_id,
        booking_code, application_type, checked_in_at, effective_at, waiting_since, window_start, window_end,
        counter_id, called_at, serving_since, recalls, track_token, note)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET service_id = excluded.service_id, stage_index = excluded.stage_index,
        stage_id = excluded.stage_id, status = excluded.status, priority = excluded.priority,
        waiting_since = excluded.waiting_since, counter_id = excluded.counter_id, called_at = excluded.called_at,
        serving_since = excluded.serving_since, recalls = excluded.recalls`);
    this.upsertCounter = db.prepare(`
      INSERT INTO counters (counter_id, day, mode, stages, officer, ticket_ids) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (counter_id) DO UPDATE SET day = excluded.day, mode = excluded.mode, stages = excluded.stages,
        officer = excluded.officer, ticket_ids = excluded.ticket_ids`);
    this.upsertStreak = db.prepare(`
      INSERT INTO stage_streaks (day, stage_id, streak) VALUES (?, ?, ?)
      ON CONFLICT (day, stage_id) DO UPDATE SET streak = excluded.streak`);
    this.audit = new AuditLog(db);
    this.outbox = new OutboxWriter(db, officeCode);
    // Positional binding and no nested transactions (savepoints): this runs for every command.
    const write = (day: string, ch: Changes) => {
      for (const t of ch.tickets) {
        this.upsertTicket.run(
          t.id,
          t.day,
          t.number,
          t.seq,
          t.serviceId,
          t.stageIndex,
          t.stageId,
          t.status,
          t.priority ? 1 : 0,
          t.groupId,
          t.bookingCode,
          t.applicationType,
          t.checkedInAt,
          t.effectiveAt,
          t.waitingSince,
          t.windowStart,
          t.windowEnd,
          t.counterId,
          t.calledAt,
          t.servingSince,
          t.recalls,
          t.trackToken,
          t.note ? JSON.stringify(t.note) : null,
        );
      }
      for (const c of ch.counters) {
        this.upsertCounter.run(
          c.counterId,
          day,
          c.mode,
          JSON.stringify(c.stages),
          c.officer,
          JSON.stringify(c.ticketIds),
        );
      }
      for (const [stage, n] of ch.streaks) this.upsertStreak.run(day, stage, n);
      for (const a of ch.audit) this.audit.append(day, a);
      // Same transaction: an outbox event exists exactly when the change it reports does.
      this.outbox.append(day, outboxEvents(ch));
    };
    this.batchTx = db.transaction((batch: readonly { day: string; changes: Changes }[]) => {
      for (const b of batch) write(b.day, b.changes);
    });
  }

  /**
   * Writes the changes of several commands in one transaction (group commit): all or none, durable
   * when this returns (synchronous=FULL).
   */
  commitBatch(batch: StoredBatch): void {
    this.batchTx(batch);
  }

  /** Appends one audit row outside a queue command (e.g. a failed look-up): its own transaction. */
  appendAudit(day: string, entry: AuditEntry): void {
    this.audit.append(day, entry);
  }

  /** Rebuilds the state of `day` from the database. */
  load(day: string, config: OfficeConfig): QueueState {
    const state = emptyState(day, config);
    const rows = this.db
      .prepare(
        `SELECT t.*, b.full_name, b.masked_nik, b.birth_date FROM tickets t
         LEFT JOIN bookings b ON b.code = t.booking_code WHERE t.day = ? ORDER BY t.seq`,
      )
      .iterate(day) as IterableIterator<TicketRow & HolderRow>;
    // The stored day is replayed through the same applyChanges that live commands use.
    const restored = noChanges();
    const shared = stringPool();
    for (const r of rows) {
      const t = rowToTicket(r, shared);
      restored.tickets.push(t);
      // Retention may have erased the holder's personal fields: then there is no holder to show.
      if (r.full_name) {
        restored.holders.push([
          t.id,
          { fullName: r.full_name, maskedNik: r.masked_nik ?? '', birthDate: r.birth_date ?? '' },
        ]);
      }
    }
    const counters = this.db.prepare('SELECT * FROM counters WHERE day = ?').all(day) as {
      counter_id: string;
      mode: string;
      stages: string;
      officer: string | null;
      ticket_ids: string;
    }[];
    for (const c of counters) {
      if (!state.counters.has(c.counter_id)) continue; // removed from the configuration
      restored.counters.push({
        counterId: c.counter_id,
        mode: c.mode as CounterMode,
        stages: JSON.parse(c.stages) as string[],
        officer: c.officer,
        ticketIds: JSON.parse(c.ticket_ids) as string[],
      });
    }
    const streaks = this.db.prepare('SELECT stage_id, streak FROM stage_streaks WHERE day = ?').all(day) as {
      stage_id: string;
      streak: number;
    }[];
    restored.streaks = streaks.map((s) => [s.stage_id, s.streak]);
    const durations = this.db
      .prepare(
        `SELECT stage_id AS stageId, duration_ms AS durationMs, at, counter_id AS counterId FROM audit_log
         WHERE day = ? AND action IN ('ticket.completed', 'ticket.transferred') ORDER BY id DESC LIMIT 2000`,
      )
      .all(day) as ServiceRow[];
    restored.durations = perApplicantDurations(durations.reverse());
    applyChanges(state, restored);
    // Recent calls for the board, rebuilt from the audit log.
    const calls = this.db
      .prepare(
        `SELECT at, action, ticket_id, ticket_number, counter_id, detail FROM audit_log
         WHERE day = ? AND action IN ('ticket.called', 'ticket.recalled') ORDER BY id DESC LIMIT ${RECENT_CALLS_KEPT * 5}`,
      )
      .all(day) as {
      at: number;
      action: string;
      ticket_id: string;
      ticket_number: string;
      counter_id: string;
      detail: string | null;
    }[];
    const byKey = new Map<
      string,
      { ids: string[]; numbers: string[]; counterId: string; at: number; recall: number }
    >();
    for (const c of calls) {
      const key = `${c.at}:${c.counter_id}`;
      const recall = c.detail ? ((JSON.parse(c.detail) as { recalls?: number }).recalls ?? 0) : 0;
      const e = byKey.get(key) ?? { ids: [], numbers: [], counterId: c.counter_id, at: c.at, recall };
      e.ids.unshift(c.ticket_id);
      e.numbers.unshift(c.ticket_number);
      byKey.set(key, e);
    }
    const newestFirst = [...byKey.values()].slice(0, RECENT_CALLS_KEPT).map((e) => {
      const n = config.counters.find((x) => x.id === e.counterId)?.number ?? 0;
      return {
        ticketIds: e.ids,
        numbers: e.numbers,
        counterId: e.counterId,
        counterNumber: n,
        recall: e.recall,
        at: e.at,
        spoken: callAnnouncement(e.numbers, n),
      };
    });
    state.recentCalls = withRecentCalls([], newestFirst.reverse());
    return state;
  }
}
