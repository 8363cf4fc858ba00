import type { AuditEntry } from '../engine/state.ts';
import type { Db } from './database.ts';

/**
 * The one writer of `audit_log`: queue commands append their rows inside the store's batch
 * transaction; events that change no queue state (a failed look-up, a staff call) append alone.
 */
export class AuditLog {
  private readonly insert;

  constructor(db: Db) {
    this.insert = db.prepare(`
      INSERT INTO audit_log (at, day, action, actor, ticket_id, ticket_number, counter_id, stage_id, duration_ms, detail)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  }

  /** Positional binding: this runs for every row of every command. */
  append(day: string, a: AuditEntry): void {
    this.insert.run(
      a.at,
      day,
      a.action,
      a.actor,
      a.ticketId,
      a.ticketNumber,
      a.counterId,
      a.stageId,
      a.durationMs,
      a.detail ? JSON.stringify(a.detail) : null,
    );
  }
}
