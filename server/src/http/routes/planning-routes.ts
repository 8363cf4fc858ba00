import {
  AppError,
  DENPASAR_BEHAVIOUR,
  planningBodySchema,
  planProblem,
  suggestBodySchema,
  type PlanningAnswer,
  type SuggestAnswer,
  type SuggestBody,
} from '@giliran/shared';
import { bookingsOfDay, DENPASAR_WALK_INS } from '../../simulation/arrivals.ts';
import type { PlannerInput } from '../../simulation/planner.ts';
import type { PlannerRunner } from '../../simulation/planner-runner.ts';
import { serviceTimesFromHistory } from '../../simulation/service-times.ts';
import { readJson, type Router } from '../router.ts';
import type { RouteDeps } from './route-deps.ts';

/** Most bookings of one date the planner simulates (a large office's day ×2). */
export const MAX_PLANNING_BOOKINGS = 5_000;

/**
 * The capacity planner ("Perencanaan", supervisors and admins): a date's imported bookings
 * simulated under one or two staffing plans, and the fewest counters meeting a p90 target. The
 * work runs in the planner's worker thread, one request at a time.
 */
export function planningRoutes(router: Router, deps: RouteDeps & { planner: PlannerRunner }): void {
  const { config, db, bookings, planner } = deps;

  const plannerInput = (body: SuggestBody): { input: PlannerInput; source: 'history' | 'config' } => {
    // The bookings a kiosk would check in that day: this office, paid.
    const found = bookingsOfDay(bookings.forDate(body.date, MAX_PLANNING_BOOKINGS + 1), config, body.date);
    if (found.length > MAX_PLANNING_BOOKINGS)
      throw new AppError('planner_too_large', {
        count: `> ${MAX_PLANNING_BOOKINGS}`,
        max: MAX_PLANNING_BOOKINGS,
      });
    // Service times as past days had them (before the date), else the configured defaults.
    const learnt = serviceTimesFromHistory(db, config, { beforeDay: body.date });
    const fromHistory = Object.values(learnt.times).some((t) => t.kind === 'empirical');
    return {
      input: {
        config,
        day: body.date,
        bookings: found,
        behaviour: body.behaviour ?? DENPASAR_BEHAVIOUR,
        walkIns: body.walkIns ?? DENPASAR_WALK_INS,
        serviceTimes: learnt.times,
        seed: body.seed ?? 1,
        targetP90Minutes: body.targetP90Minutes,
      },
      source: fromHistory ? 'history' : 'config',
    };
  };

  router.add('POST /api/planning/simulate', async ({ req }): Promise<PlanningAnswer> => {
    const body = await readJson(req, planningBodySchema);
    for (const plan of body.plans) {
      const problem = planProblem(config, plan);
      if (problem) throw new AppError('invalid_payload', { detail: `plans: ${problem}` });
    }
    const { input, source } = plannerInput(body);
    const plans = await planner.compare(input, body.plans);
    return { date: body.date, bookings: input.bookings.length, serviceTimeSource: source, plans };
  });

  router.add('POST /api/planning/suggest', async ({ req }): Promise<SuggestAnswer> => {
    const body = await readJson(req, suggestBodySchema);
    const { input, source } = plannerInput(body);
    const s = await planner.suggest(input);
    return { date: body.date, bookings: input.bookings.length, serviceTimeSource: source, ...s };
  });
}
