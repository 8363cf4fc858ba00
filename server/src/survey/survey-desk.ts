import { AppError, waitBand, type SurveyTicket, type Ticket } from '@giliran/shared';
import type { Db } from '../store/database.ts';
import type { QueueService } from '../store/queue-service.ts';
import type { SurveyStore } from './survey-store.ts';

/** Who answers: a phone for the ticket its token names, or a survey tablet for a typed number. */
export type Respondent = { phoneTicketId: string } | { tabletNumber: string };

/**
 * Who may answer the SKM survey, and the answer's anonymous context. A phone answers for its own
 * ticket (its tracking token is the proof); a survey tablet names a ticket of today by its number,
 * which must be finished and finished recently (`policy.surveyTabletMinutes`). Either way one answer
 * per ticket, and only once the visit is done.
 */
export class SurveyDesk {
  private readonly byNumber;
  private readonly waitedMs;
  private readonly completedAt;

  constructor(
    private readonly service: QueueService,
    private readonly store: SurveyStore,
    db: Db,
  ) {
    this.byNumber = db.prepare('SELECT id FROM tickets WHERE day = ? AND number = ?').pluck();
    // The wait the respondent really had: every stage's wait before its call (audit log), summed.
    this.waitedMs = db
      .prepare(
        `SELECT COALESCE(SUM(duration_ms), 0) FROM audit_log
         WHERE day = ? AND action = 'ticket.called' AND ticket_id = ?`,
      )
      .pluck();
    this.completedAt = db
      .prepare(
        `SELECT MAX(at) FROM audit_log WHERE day = ? AND action = 'ticket.completed' AND ticket_id = ?`,
      )
      .pluck();
  }

  /** Whether the ticket (a phone's own, or a tablet's by number) may answer; throws why not. */
  check(who: Respondent): SurveyTicket {
    const t = this.ticketOf(who);
    const answered = this.store.hasAnswered(t.id);
    if ('tabletNumber' in who && answered)
      throw new AppError('survey_already_answered', { number: t.number });
    return { number: t.number, serviceId: t.serviceId, status: answered ? 'answered' : 'open' };
  }

  /** Stores the answer (and its outbox event) in one transaction. */
  answer(who: Respondent, answers: number[]): SurveyTicket {
    const t = this.ticketOf(who);
    const day = this.service.state.day;
    this.store.record(
      t.id,
      t.number,
      {
        day,
        serviceId: t.serviceId,
        waitBand: waitBand(this.waitedMs.get(day, t.id) as number),
        source: 'phoneTicketId' in who ? 'phone' : 'tablet',
        answers,
      },
      this.service.clock.now(),
    );
    return { number: t.number, serviceId: t.serviceId, status: 'answered' };
  }

  /** The ticket this request is about, if it may take part at all. */
  private ticketOf(who: Respondent): Ticket {
    this.service.ensureDay();
    const state = this.service.state;
    let t: Ticket | undefined;
    if ('phoneTicketId' in who) {
      // A phone's ticket is the one its token names; it cannot speak for another.
      t = state.tickets.get(who.phoneTicketId);
      if (!t) throw new AppError('tracking_unknown');
    } else {
      const id = this.byNumber.get(state.day, who.tabletNumber) as string | undefined;
      t = id ? state.tickets.get(id) : undefined;
      if (!t) throw new AppError('survey_ticket_unknown', { number: who.tabletNumber });
    }
    if (t.status !== 'done') throw new AppError('survey_not_done', { number: t.number });
    if ('tabletNumber' in who) {
      const done = this.completedAt.get(state.day, t.id) as number | null;
      const windowMs = this.service.config.policy.surveyTabletMinutes * 60_000;
      if (done === null || this.service.clock.now() - done > windowMs)
        throw new AppError('survey_expired', { number: t.number });
    }
    return t;
  }
}
