import {
  bookingFromRow,
  DENPASAR_BEHAVIOUR,
  seededRandom,
  type ArrivalBehaviour,
  type Booking,
  type OfficeConfig,
  type ServiceTimes,
  type SimulationResult,
  type StaffingPlan,
} from '@giliran/shared';
import { generateDemoBookings } from '../demo/demo-bookings.ts';
import { bookingsOfDay, DENPASAR_WALK_INS, drawArrivals } from './arrivals.ts';
import { dayFigures } from './figures.ts';
import { simulateDay, type SimulationRun } from './simulate.ts';

export { bookingsOfDay, DENPASAR_WALK_INS, drawArrivals } from './arrivals.ts';
export { dayFigures, estimateWithinTolerance, ticketRows, waitFigures } from './figures.ts';
export { defaultServiceTimes, serviceTimesFromHistory } from './service-times.ts';
export { simulateDay, type SimulationInput, type SimulationRun, type TicketRecord } from './simulate.ts';

/** A day's bookings as the import would hold them: generated, valid, paid, for this office. */
export function generatedBookings(config: OfficeConfig, day: string, count: number, seed: number): Booking[] {
  return generateDemoBookings({
    date: day,
    officeCode: config.office.code,
    count,
    withProblems: false,
    seed,
  }).map(bookingFromRow);
}

export interface DayOptions {
  config: OfficeConfig;
  day: string;
  /** The day's bookings (those not for this office, date or unpaid are left out). */
  bookings: readonly Booking[];
  plan: StaffingPlan;
  behaviour?: ArrivalBehaviour;
  walkIns?: Record<string, number>;
  serviceTimes?: ServiceTimes;
  seed: number;
}

/**
 * One simulated day from bookings: arrivals drawn with one random stream, service times with
 * another, so changing the plan never changes who comes when.
 */
export function simulate(opts: DayOptions): { run: SimulationRun; result: SimulationResult } {
  const arrivals = drawArrivals({
    config: opts.config,
    day: opts.day,
    bookings: bookingsOfDay(opts.bookings, opts.config, opts.day),
    behaviour: opts.behaviour ?? DENPASAR_BEHAVIOUR,
    walkIns: opts.walkIns ?? DENPASAR_WALK_INS,
    rnd: seededRandom(opts.seed),
  });
  const run = simulateDay({
    config: opts.config,
    day: opts.day,
    arrivals,
    plan: opts.plan,
    ...(opts.serviceTimes ? { serviceTimes: opts.serviceTimes } : {}),
    seed: (opts.seed ^ 0x5bd1e995) >>> 0,
  });
  // The figures carry the caller's seed (the one to pass again to replay the day).
  return { run, result: { ...dayFigures(run), seed: opts.seed } };
}
