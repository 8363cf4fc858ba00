import { AppError, phoneSurveyAnswerSchema, type Ticket } from '@giliran/shared';
import { trackUpdate } from '../engine/projections.ts';
import { readJson, STREAMING, type Router } from '../http/router.ts';
import type { QueueService } from '../store/queue-service.ts';
import type { SurveyDesk } from '../survey/survey-desk.ts';
import type { PhoneStreams, PhoneStream } from './phone-streams.ts';

/**
 * A phone's routes (`/t/<token>` page): its credential is the tracking token printed in the
 * ticket's QR, and it reaches only that ticket, without names: the ticket once, its live stream
 * (`TRACK_STREAM` in shared/), and the SKM survey once the visit is done.
 */
export function phoneRoutes(
  router: Router,
  deps: {
    service: QueueService;
    survey: SurveyDesk;
    streams: PhoneStreams;
    /** Sends a new stream its first update. */
    greet: (stream: PhoneStream) => void;
  },
): void {
  const { service, survey, streams } = deps;
  /** The ticket this token names today; `tracking_unknown` (404) if none. */
  const ticketOf = (token: string | undefined): Ticket => {
    service.ensureDay();
    const id = service.state.byTrackToken.get(token ?? '');
    const t = id ? service.state.tickets.get(id) : undefined;
    if (!t) throw new AppError('tracking_unknown');
    return t;
  };

  router.add('GET /api/track/:token', ({ params }) =>
    trackUpdate(service.state, service.config, ticketOf(params.token), service.clock.now()),
  );
  router.add('GET /api/track/:token/events', ({ req, res, params }) => {
    deps.greet(streams.start(req, res, ticketOf(params.token).id));
    return STREAMING;
  });
  router.add('GET /api/track/:token/survey', ({ params }) => ({
    ticket: survey.check({ phoneTicketId: ticketOf(params.token).id }),
  }));
  router.add('POST /api/track/:token/survey', async ({ req, params }) => {
    const phoneTicketId = ticketOf(params.token).id;
    const { answers } = await readJson(req, phoneSurveyAnswerSchema);
    return { ticket: survey.answer({ phoneTicketId }, answers) };
  });
}
