import type { OfficeConfig, ServiceTime, ServiceTimes } from '@giliran/shared';
import { perApplicantDurations, type ServiceRow } from '../engine/state.ts';
import type { Db } from '../store/database.ts';

/**
 * Service-time distributions per stage: the configured defaults, or what past days' audit log
 * says. Samples are minutes per applicant.
 */

/**
 * Spread of counter work around its median when nothing better is known: σ = 0.45 puts the
 * middle 80 % of services between 0.56× and 1.8× the median (a 6-minute check: 3.4–10.6 min).
 */
export const DEFAULT_SIGMA = 0.45;

/** Configured `defaultServiceMinutes` per stage as a lognormal around that median. */
export function defaultServiceTimes(config: OfficeConfig): ServiceTimes {
  return Object.fromEntries(
    config.stages.map((s) => [
      s.id,
      { kind: 'lognormal', medianMinutes: s.defaultServiceMinutes, sigma: DEFAULT_SIGMA } as const,
    ]),
  );
}

/** Draws one service time (minutes) from a distribution with the given uniform source. */
export function sampleMinutes(d: ServiceTime, rnd: () => number): number {
  switch (d.kind) {
    case 'fixed':
      return d.minutes;
    case 'empirical':
      return d.minutes[Math.floor(rnd() * d.minutes.length)] as number;
    case 'lognormal': {
      // Box–Muller; 1 - rnd() keeps the logarithm finite.
      const z = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
      return d.medianMinutes * Math.exp(d.sigma * z);
    }
  }
}

/** The earliest of the last `days` office days before `beforeDay` that have audit rows. */
function firstDay(db: Db, beforeDay: string, days: number): string {
  const row = db
    .prepare(
      `SELECT MIN(day) AS day FROM (SELECT DISTINCT day FROM audit_log WHERE day < ? ORDER BY day DESC LIMIT ?)`,
    )
    .get(beforeDay, days) as { day: string | null } | undefined;
  return row?.day ?? beforeDay;
}

/** Fewer samples than this at a stage and the configured default is kept. */
export const MIN_HISTORY_SAMPLES = 20;

/**
 * Service times learnt from the audit log of past days (before `beforeDay`, the last `days` of
 * them): every completed or handed-on service, per applicant (a family served together shares its
 * time). Stages with too little history keep the configured default.
 */
export function serviceTimesFromHistory(
  db: Db,
  config: OfficeConfig,
  opts: { beforeDay: string; days?: number },
): { times: ServiceTimes; samples: Record<string, number> } {
  const rows = db
    .prepare(
      `SELECT stage_id AS stageId, duration_ms AS durationMs, at, counter_id AS counterId FROM audit_log
       WHERE action IN ('ticket.completed', 'ticket.transferred') AND duration_ms IS NOT NULL
         AND stage_id IS NOT NULL AND day < ? AND day >= ?
       ORDER BY id`,
    )
    .all(opts.beforeDay, firstDay(db, opts.beforeDay, opts.days ?? 30)) as ServiceRow[];
  const perStage = new Map<string, number[]>();
  for (const [stage, ms] of perApplicantDurations(rows)) {
    const list = perStage.get(stage) ?? [];
    list.push(Math.min(240, Math.max(0.1, ms / 60_000)));
    perStage.set(stage, list);
  }
  const times = defaultServiceTimes(config);
  const samples: Record<string, number> = {};
  for (const s of config.stages) {
    const list = perStage.get(s.id) ?? [];
    samples[s.id] = list.length;
    if (list.length >= MIN_HISTORY_SAMPLES) times[s.id] = { kind: 'empirical', minutes: list.slice(-20_000) };
  }
  return { times, samples };
}
