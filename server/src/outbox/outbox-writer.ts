import type { Db } from '../store/database.ts';
import type { OutboxEvent } from './outbox-events.ts';

/**
 * The one writer of `outbox`. Call it inside the transaction of the change an event describes (the
 * queue store does, for every committed batch), so an event exists exactly when its change does.
 * A feature with its own events (e.g. a survey answer) appends them the same way, in its own
 * transaction, with a payload free of personal data.
 */
export class OutboxWriter {
  private readonly insert;

  constructor(
    db: Db,
    private readonly officeCode: string,
  ) {
    this.insert = db.prepare(
      'INSERT INTO outbox (office_code, type, day, payload, created_at) VALUES (?, ?, ?, ?, ?)',
    );
  }

  append(day: string, events: readonly OutboxEvent[]): void {
    for (const e of events) this.insert.run(this.officeCode, e.type, day, JSON.stringify(e.payload), e.at);
  }
}
