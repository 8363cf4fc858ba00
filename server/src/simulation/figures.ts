import {
  countersAt,
  localParts,
  percentile,
  type PlanRow,
  type SimulatedTicket,
  type SimulationResult,
  type WaitFigures,
} from '@giliran/shared';
import type { SimulationRun, TicketRecord } from './simulate.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const round1 = (v: number) => Math.round(v * 10) / 10;
const share = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 1000 : 0);

/** Count, nearest-rank p50/p90 and max of waits given in ms, in minutes to one decimal. */
export function waitFigures(ms: readonly number[]): WaitFigures {
  const m = ms.map((v) => v / MINUTE);
  return {
    count: m.length,
    p50: round1(percentile(m, 0.5, 0)),
    p90: round1(percentile(m, 0.9, 0)),
    max: round1(percentile(m, 1, 0)),
  };
}

/** A printed estimate is good when within ±25 % or ±5 min of the real wait (issue 12). */
export function estimateWithinTolerance(estimateMinutes: number, realMinutes: number): boolean {
  return Math.abs(estimateMinutes - realMinutes) <= Math.max(5, 0.25 * realMinutes);
}

const HISTOGRAM_EDGES = [0, 15, 30, 45, 60, 90, 120];

/** The day's figures (issue 12): per hour, per service, per stage, and the service outcomes. */
export function dayFigures(run: SimulationRun): SimulationResult {
  const { tickets, plan, midnight } = run;
  const tz = run.config.office.timeZone;
  const hourOf = (t: number) => Math.floor((t - midnight) / HOUR);
  const served = tickets.filter((t) => t.finishedAt !== null);
  const called = tickets.filter((t) => t.firstCalledAt !== null);
  const firstWait = (t: TicketRecord) => (t.firstCalledAt as number) - t.checkedInAt;

  const lastFinish = Math.max(-Infinity, ...served.map((t) => t.finishedAt as number));
  const firstHour = hourOf(run.openAt);
  const lastHour = Math.max(
    hourOf(run.closeAt - 1),
    Number.isFinite(lastFinish) ? hourOf(lastFinish) : firstHour,
  );
  const hours = [];
  for (let h = firstHour; h <= lastHour; h++) {
    const inHour = (t: number | null) => t !== null && hourOf(t) === h;
    const arrived = tickets.filter((t) => inHour(t.checkedInAt));
    hours.push({
      hour: `${String(h).padStart(2, '0')}:00`,
      arrivals: arrived.length,
      waitingPeak: run.waitingPeakByHour.get(h) ?? 0,
      served: served.filter((t) => inHour(t.finishedAt)).length,
      countersOpen: plan.rows.reduce((n, r: PlanRow) => n + countersAt(plan, r, h), 0),
      ...waitFigures(arrived.filter((t) => t.finishedAt !== null).map((t) => t.waitedMs)),
    });
  }

  const onTime = called.filter(
    (t) =>
      t.windowStart !== null &&
      t.windowEnd !== null &&
      t.checkedInAt >= t.windowStart &&
      t.checkedInAt <= t.windowEnd,
  );
  const within = (list: TicketRecord[], from: (t: TicketRecord) => number, minutes: number) =>
    share(list.filter((t) => (t.firstCalledAt as number) - from(t) <= minutes * MINUTE).length, list.length);
  const fromArrival = (t: TicketRecord) => Math.max(t.checkedInAt, t.windowStart as number);
  const fromWindow = (t: TicketRecord) => t.windowStart as number;

  const errors = called.map((t) => Math.abs(t.estimatedWaitMinutes - firstWait(t) / MINUTE));
  const good = called.filter((t) => estimateWithinTolerance(t.estimatedWaitMinutes, firstWait(t) / MINUTE));

  const stageWaits = new Map<string, number[]>();
  for (const t of tickets)
    for (const w of t.stageWaits)
      stageWaits.set(w.stageId, [...(stageWaits.get(w.stageId) ?? []), w.waitedMs]);

  const priority = served.filter((t) => t.priority);
  const waits = served.map((t) => t.waitedMs / MINUTE);
  return {
    day: run.day,
    seed: run.seed,
    planName: plan.name ?? null,
    bookings: run.bookings,
    walkIns: run.walkIns,
    noShows: run.noShows,
    refused: run.refused,
    tickets: tickets.length,
    wait: waitFigures(served.map((t) => t.waitedMs)),
    firstWait: waitFigures(called.map(firstWait)),
    hours,
    services: run.config.services.map((s) => {
      const mine = tickets.filter((t) => t.serviceId === s.id);
      return {
        serviceId: s.id,
        arrivals: mine.length,
        waitingPeak: run.waitingPeakByService.get(s.id) ?? 0,
        served: mine.filter((t) => t.finishedAt !== null).length,
        ...waitFigures(mine.filter((t) => t.finishedAt !== null).map((t) => t.waitedMs)),
      };
    }),
    stages: run.config.stages.map((s) => ({
      stageId: s.id,
      served: stageWaits.get(s.id)?.length ?? 0,
      ...waitFigures(stageWaits.get(s.id) ?? []),
    })),
    onTime: {
      count: onTime.length,
      within15: within(onTime, fromArrival, 15),
      within30: within(onTime, fromArrival, 30),
      within60: within(onTime, fromArrival, 60),
      fromWindowStart: {
        within15: within(onTime, fromWindow, 15),
        within30: within(onTime, fromWindow, 30),
        within60: within(onTime, fromWindow, 60),
      },
    },
    priority: {
      count: priority.length,
      longestWaitMinutes: round1(Math.max(0, ...priority.map((t) => t.waitedMs / MINUTE))),
    },
    lastLeavesAt: Number.isFinite(lastFinish) ? localParts(lastFinish, tz).time : null,
    unserved: run.unserved,
    idleCounterMinutes: {
      total: Math.round(run.idleMinutesByRow.reduce((a, b) => a + b, 0)),
      rows: plan.rows.map((r, i) => ({
        stages: r.stages,
        minutes: Math.round(run.idleMinutesByRow[i] ?? 0),
      })),
    },
    estimate: {
      count: called.length,
      p50AbsErrorMinutes: round1(percentile(errors, 0.5, 0)),
      p80AbsErrorMinutes: round1(percentile(errors, 0.8, 0)),
      withinTolerance: share(good.length, called.length),
    },
    waitHistogram: HISTOGRAM_EDGES.map((from, i) => {
      const to = HISTOGRAM_EDGES[i + 1] ?? null;
      return {
        fromMinutes: from,
        toMinutes: to,
        count: waits.filter((w) => w >= from && (to === null || w < to)).length,
      };
    }),
  };
}

/** Every ticket's printed estimate and real waits, for the CLI's JSON. */
export function ticketRows(run: SimulationRun): SimulatedTicket[] {
  const tz = run.config.office.timeZone;
  const min = (ms: number | null) => (ms === null ? null : round1(ms / MINUTE));
  return run.tickets.map((t) => ({
    number: t.number,
    serviceId: t.serviceId,
    priority: t.priority,
    arrival: t.arrival,
    checkedInAt: localParts(t.checkedInAt, tz).time,
    firstCalledAt: t.firstCalledAt === null ? null : localParts(t.firstCalledAt, tz).time,
    estimatedWaitMinutes: t.estimatedWaitMinutes,
    firstWaitMinutes: min(t.firstCalledAt === null ? null : t.firstCalledAt - t.checkedInAt),
    totalWaitMinutes: min(t.finishedAt === null ? null : t.waitedMs),
  }));
}
