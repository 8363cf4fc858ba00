/**
 * The one wait estimator (DESIGN §3): how long until a waiting ticket is called at its stage. Pure
 * and plain-data: the server describes the stage (`StageOutlook`) and the ticket's place
 * (`TicketOutlook`: its position in call order comes from the caller); the printed ticket, the
 * kiosk, the board and the phone page all show this figure, and the day simulator checks it
 * against the waits it really produces.
 *
 * Model: the ticket is called at the (ahead + 1)-th moment a counter of the stage frees up. Counters
 * free up first when their current applicant leaves (`freeInMinutes`), then every
 * `serviceMinutes ÷ share`. While the ticket waits, others may still join ahead of it: anyone
 * checking in before an early arrival's own time (its window start), and priority applicants
 * ahead of a regular one. Those joiners push the call back, at the rates the stage has seen lately.
 */

/** A counter serving the stage, as the estimator sees it. */
export interface CounterOutlook {
  /**
   * Share of the counter's work that goes to this stage: 1 for a counter serving only it; less
   * for a counter that also serves other stages (e.g. BAP + verification).
   */
  share: number;
  /** Minutes until it can call someone: 0 when free now. */
  freeInMinutes: number;
}

/** One stage now: its counters, its typical service time, who has been joining its queue. */
export interface StageOutlook {
  /** Counters calling for the stage now (the configured ones, all free, while none is open). */
  counters: readonly CounterOutlook[];
  /** Typical minutes per applicant at the stage. */
  serviceMinutes: number;
  /** Applicants per minute joining the queue on their own time (not early), priority included. */
  joinPerMinute: number;
  /** Priority applicants per minute joining the queue. */
  priorityJoinPerMinute: number;
}

/** One ticket's place. */
export interface TicketOutlook {
  /** People ahead of it in call order at the stage now (0 = next). */
  ahead: number;
  priority: boolean;
  /**
   * Minutes until its own ordering time comes (an early arrival's booked window start); 0 once it
   * has. Until then, everyone checking in goes ahead of it.
   */
  untilOwnTimeMinutes: number;
}

/** Joiners never exceed this part of the stage's capacity (else an overloaded hour never ends). */
const MAX_JOIN_LOAD = 0.9;

/**
 * An early arrival counts this part of the recent joining rate until its own time: calibrated with
 * the day simulator (Denpasar-like days, seeds 1–10), where half the rate beat the full rate and
 * none at all both with arrivals bunched at a window's start and spread evenly through it.
 */
const EARLY_JOINERS = 0.5;

/**
 * Minutes until the ticket is called, whole minutes (0: a counter is free for it now).
 * Example: 2 counters, 6 min each, both free, 3 ahead → the 4th free moment: 6 min.
 */
export function estimateWaitMinutes(stage: StageOutlook, ticket: TicketOutlook): number {
  const counters = stage.counters.filter((c) => c.share > 0);
  const service = Math.max(0.1, stage.serviceMinutes);
  if (counters.length === 0) return Math.round((ticket.ahead + 1) * service);
  const capacity = counters.reduce((n, c) => n + c.share, 0) / service; // applicants per minute
  // The first few moments one by one (they depend on who is busy); beyond, the combined pace.
  const k = 3 * counters.length + 3;
  const moment = freeMoments(counters, service);
  /** When the n-th free moment comes (n ≥ 1, fractional between moments). */
  const nth = (n: number): number => {
    if (n <= 1) return moment(0);
    if (n > k) return moment(k - 1) + (n - k) / capacity;
    const lo = Math.floor(n);
    const a = moment(lo - 1);
    return a + (n - lo) * ((lo < k ? moment(lo) : a + 1 / capacity) - a);
  };
  const cap = (rate: number) => Math.min(Math.max(0, rate), MAX_JOIN_LOAD * capacity);
  const early = Math.max(0, ticket.untilOwnTimeMinutes);
  const before = cap(stage.joinPerMinute * EARLY_JOINERS);
  const after = ticket.priority ? 0 : cap(stage.priorityJoinPerMinute);
  const joinedBy = (t: number) => before * Math.min(t, early) + after * Math.max(0, t - early);
  // The call time t solves t = nth(ahead + 1 + joinedBy(t)); joiners come slower than counters
  // serve, so the iteration settles quickly.
  let t = nth(ticket.ahead + 1);
  for (let i = 0; i < 50; i++) {
    const next = nth(ticket.ahead + 1 + joinedBy(t));
    if (Math.abs(next - t) < 0.05) {
      t = next;
      break;
    }
    t = next;
  }
  return Math.max(0, Math.round(t));
}

/** The i-th moment (minutes from now, 0-based) at which a counter frees up; worked out as asked. */
function freeMoments(counters: readonly CounterOutlook[], service: number): (i: number) => number {
  const next = counters.map((c) => Math.max(0, c.freeInMinutes));
  const cycle = counters.map((c) => service / c.share);
  const out: number[] = [];
  return (i) => {
    while (out.length <= i) {
      let m = 0;
      for (let j = 1; j < next.length; j++) if ((next[j] as number) < (next[m] as number)) m = j;
      out.push(next[m] as number);
      next[m] = (next[m] as number) + (cycle[m] as number);
    }
    return out[i] as number;
  };
}

/**
 * Typical minutes per applicant at a stage from its recent service durations (minutes per
 * applicant, newest last): their mean — a queue empties at the mean rate, not the median's —
 * with outliers (a forgotten "complete", a 1-second mis-tap) clamped to a third–triple of the
 * median, and pulled towards the configured default while there are few of them.
 */
export function typicalServiceMinutes(recent: readonly number[], defaultMinutes: number): number {
  const PRIOR = 3; // the default counts as this many observations (and is all there is without data)
  const sorted = [...recent].sort((a, b) => a - b);
  const median = sorted[sorted.length >> 1] as number;
  const sum = recent.reduce((s, v) => s + Math.min(3 * median, Math.max(median / 3, v)), 0);
  return (sum + PRIOR * defaultMinutes) / (recent.length + PRIOR);
}

/**
 * Minutes until a busy counter is free: its applicants' expected service time less what has
 * already passed — but never less than a quarter of one service, since a service running long
 * is likely to run on a little more.
 */
export function remainingServiceMinutes(
  elapsedMinutes: number,
  applicants: number,
  serviceMinutes: number,
): number {
  return Math.max(serviceMinutes * applicants - elapsedMinutes, serviceMinutes / 4);
}

/**
 * Share of a counter's work that goes to `stage`, from the work waiting at each stage it serves
 * (waiting applicants × typical minutes); an even split while nothing waits.
 */
export function counterShare(
  stage: string,
  counterStages: readonly string[],
  waitingWork: (stage: string) => number,
): number {
  if (!counterStages.includes(stage)) return 0;
  const total = counterStages.reduce((s, st) => s + waitingWork(st), 0);
  return total > 0 ? waitingWork(stage) / total : 1 / counterStages.length;
}
