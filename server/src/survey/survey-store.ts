import { randomUUID } from 'node:crypto';
import { AppError, SKM_ELEMENT_COUNT, SURVEY_EVENT_TYPE, type WaitBandId } from '@giliran/shared';
import { OutboxWriter } from '../outbox/outbox-writer.ts';
import type { Db } from '../store/database.ts';

/** One SKM answer as it is stored: no ticket, no number, no time of day (migration 005). */
export interface SurveyAnswer {
  day: string;
  serviceId: string;
  waitBand: WaitBandId;
  source: 'phone' | 'tablet';
  /** U1…U9, each 1–4. */
  answers: number[];
}

/** Per-element answer counts and score sums of a group of answers (what IKM needs). */
export interface SurveyTotals {
  respondents: number;
  totals: number[];
}

const SUMS = Array.from({ length: SKM_ELEMENT_COUNT }, (_, i) => `SUM(u${i + 1})`).join(', ');
const SCORES = Array.from({ length: SKM_ELEMENT_COUNT }, (_, i) => `u${i + 1}`).join(', ');

/**
 * The survey's tables: answers, the tickets that answered (one answer per ticket, by primary key),
 * and the outbox event for central — all three in one transaction.
 */
export class SurveyStore {
  private readonly answered;
  private readonly insertRespondent;
  private readonly insertAnswer;
  private readonly outbox;
  private readonly recordTx;

  constructor(
    private readonly db: Db,
    officeCode: string,
  ) {
    this.answered = db.prepare('SELECT 1 FROM survey_respondents WHERE ticket_id = ?').pluck();
    this.insertRespondent = db.prepare('INSERT INTO survey_respondents (ticket_id, day) VALUES (?, ?)');
    this.insertAnswer = db.prepare(
      `INSERT INTO survey_answers (id, day, service_id, wait_band, source, ${SCORES})
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.outbox = new OutboxWriter(db, officeCode);
    this.recordTx = db.transaction((ticketId: string, a: SurveyAnswer, at: number) => {
      this.insertRespondent.run(ticketId, a.day);
      this.insertAnswer.run(randomUUID(), a.day, a.serviceId, a.waitBand, a.source, ...a.answers);
      // Central gets the scores and the service: the ticket number is left out, since with the
      // office day it names the ticket (and, through the booking, a person until retention).
      this.outbox.append(a.day, [
        { type: SURVEY_EVENT_TYPE, at, payload: { answers: [...a.answers], serviceId: a.serviceId } },
      ]);
    });
  }

  hasAnswered(ticketId: string): boolean {
    return this.answered.get(ticketId) !== undefined;
  }

  /**
   * Stores one ticket's answer with its outbox event, all or nothing. A second answer for the same
   * ticket is refused by the database itself (`survey_already_answered`) and changes nothing.
   */
  record(ticketId: string, ticketNumber: string, answer: SurveyAnswer, at: number): void {
    if (answer.answers.length !== SKM_ELEMENT_COUNT) throw new Error('an answer scores nine elements');
    try {
      this.recordTx(ticketId, answer, at);
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
        throw new AppError('survey_already_answered', { number: ticketNumber });
      throw e;
    }
  }

  /**
   * Forgets which tickets answered before `day`: only today's tickets can answer, so the link is
   * needed for one day only (the answers themselves stay, with no ticket).
   */
  forgetRespondentsBefore(day: string): number {
    return this.db.prepare('DELETE FROM survey_respondents WHERE day < ?').run(day).changes;
  }

  /** Counts and score sums per group (`service_id`, `wait_band` or the month) for days in [from, to). */
  totalsBy(
    column: 'service_id' | 'wait_band' | 'month' | null,
    from: string,
    to: string,
  ): Map<string, SurveyTotals> {
    const key = column === 'month' ? 'substr(day, 1, 7)' : (column ?? "''");
    const rows = this.db
      .prepare(
        `SELECT ${key} AS k, COUNT(*) AS n, ${SUMS} FROM survey_answers WHERE day >= ? AND day < ? GROUP BY k`,
      )
      .raw()
      .all(from, to) as [string, number, ...number[]][];
    return new Map(rows.map(([k, n, ...sums]) => [k, { respondents: n, totals: sums }]));
  }

  /** Every answer of days in [from, to), in the table's (random) key order: no answering order. */
  answersBetween(from: string, to: string): (SurveyAnswer & { answers: number[] })[] {
    const rows = this.db
      .prepare(
        `SELECT day, service_id, wait_band, source, ${SCORES} FROM survey_answers
         WHERE day >= ? AND day < ? ORDER BY id`,
      )
      .raw()
      .all(from, to) as [string, string, WaitBandId, 'phone' | 'tablet', ...number[]][];
    return rows.map(([day, serviceId, waitBand, source, ...answers]) => ({
      day,
      serviceId,
      waitBand,
      source,
      answers,
    }));
  }

  /** Answers per channel for days in [from, to). */
  sources(from: string, to: string): { phone: number; tablet: number } {
    const rows = this.db
      .prepare('SELECT source, COUNT(*) AS n FROM survey_answers WHERE day >= ? AND day < ? GROUP BY source')
      .all(from, to) as { source: 'phone' | 'tablet'; n: number }[];
    const out = { phone: 0, tablet: 0 };
    for (const r of rows) out[r.source] = r.n;
    return out;
  }
}
