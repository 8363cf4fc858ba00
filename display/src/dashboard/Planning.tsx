import { useMemo, useState } from 'react';
import {
  counterHours,
  defaultPlan,
  type OfficeConfig,
  type PlanningAnswer,
  type SimulationResult,
  type StaffingPlan,
  type SuggestAnswer,
} from '@giliran/shared';
import type { I18n } from '../i18n.ts';
import { failureText, postBytes, saveBlob } from './api.ts';
import { ChartCard, DataTable } from './ChartCard.tsx';
import {
  nextOfficeDay,
  planCsv,
  planFileName,
  planHourLabels,
  rowLabel,
  setCounters,
  type PlanOutcome,
} from './planning-shape.ts';
import type { DashText } from './strings.ts';
import { TableHead } from './TableHead.tsx';

interface PlanningProps {
  i18n: I18n;
  t: DashText;
  token: string;
  config: OfficeConfig;
  clockOffsetMs: number;
}

const LETTERS = ['A', 'B'] as const;

/** JSON to the planner's routes; a refusal keeps its code, so English gets its own message. */
function post<T>(path: string, body: unknown, token: string): Promise<T> {
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  return postBytes<T>(path, bytes.buffer, 'application/json', token);
}

/**
 * "Perencanaan": a date's imported bookings simulated on the server under two staffing plans
 * (counters per kind per hour), side by side; a suggestion of the fewest counters meeting a p90
 * target; the quota each plan carries; CSV export and a print layout.
 */
export function PlanningSection({ i18n, t, token, config, clockOffsetMs }: PlanningProps) {
  const [date, setDate] = useState(() => nextOfficeDay(Date.now() + clockOffsetMs, config.office.timeZone));
  const [target, setTarget] = useState(60);
  // Both plans start as the office runs today: every configured counter open all day.
  const [plans, setPlans] = useState<StaffingPlan[]>(() => LETTERS.map(() => defaultPlan(config)));
  const [answer, setAnswer] = useState<PlanningAnswer | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const lang = i18n.lang;
  const fail = (err: unknown) => setError(failureText(err, lang));

  const simulate = async (which: StaffingPlan[] = plans) => {
    const a = await post<PlanningAnswer>(
      '/api/planning/simulate',
      { date, plans: which, targetP90Minutes: target },
      token,
    );
    setAnswer(a);
  };

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const suggest = () =>
    run(async () => {
      const s = await post<SuggestAnswer>('/api/planning/suggest', { date, targetP90Minutes: target }, token);
      const next = [plans[0] as StaffingPlan, s.plan];
      setPlans(next);
      setNote(t(s.met ? 'suggested' : 'suggestMissed', { hours: counterHours(s.plan) }));
      await simulate(next);
    });

  const outcomes: PlanOutcome[] = plans.map((plan, i) => ({
    plan,
    result: answer?.plans[i]?.result ?? null,
    quota: answer?.plans[i]?.quota ?? null,
  }));

  const download = () =>
    saveBlob(
      new Blob([planCsv({ date, config, lang, outcomes })], { type: 'text/csv;charset=utf-8' }),
      planFileName(config.office.code, date),
    );

  const edit = (p: number, row: number, column: number, value: number) => {
    setPlans((list) => list.map((plan, i) => (i === p ? setCounters(plan, row, column, value) : plan)));
    setAnswer(null); // the figures shown must be the plan's shown
  };

  return (
    <div className="dash-planning">
      <section className="card" aria-labelledby="planning-title">
        <h2 id="planning-title">{t('planningTitle')}</h2>
        <p className="muted">{t('planningHelp')}</p>
        <div className="dash-form-row plan-actions">
          <label htmlFor="planning-date">{t('date')}</label>
          <input
            id="planning-date"
            type="date"
            value={date}
            required
            onChange={(e) => {
              if (e.target.value) setDate(e.target.value);
              setAnswer(null);
            }}
            data-testid="planning-date"
          />
          <label htmlFor="planning-target">{t('targetP90')}</label>
          <input
            id="planning-target"
            type="number"
            min={5}
            max={480}
            value={target}
            className="plan-target"
            onChange={(e) => {
              setTarget(Math.min(480, Math.max(5, Math.round(Number(e.target.value) || 5))));
              setAnswer(null);
            }}
            data-testid="planning-target"
          />
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => void run(() => simulate())}
            data-testid="planning-simulate"
          >
            {t('simulate')}
          </button>
          <button type="button" disabled={busy} onClick={() => void suggest()} data-testid="planning-suggest">
            {t('suggest')}
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => {
              setPlans((list) => [list[0] as StaffingPlan, list[0] as StaffingPlan]);
              setAnswer(null);
            }}
          >
            {t('copyAtoB')}
          </button>
          <button type="button" onClick={download} data-testid="planning-csv">
            {t('downloadCsv')}
          </button>
          <button type="button" onClick={() => window.print()}>
            {t('print')}
          </button>
        </div>
        {busy && <p role="status">{t('simulating')}</p>}
        {note && !busy && (
          <p role="status" data-testid="planning-note">
            {note}
          </p>
        )}
        {error && (
          <p role="alert" className="error" data-testid="planning-error">
            {error}
          </p>
        )}
        {answer && (
          <p className="muted" data-testid="planning-source">
            {answer.bookings === 0
              ? t('noBookings')
              : t('simulatedOn', {
                  count: answer.bookings,
                  date: answer.date,
                  source: t(answer.serviceTimeSource === 'history' ? 'sourceHistory' : 'sourceConfig'),
                })}{' '}
            {t('waitNote')}
          </p>
        )}
      </section>

      <div className="plan-pair">
        {plans.map((plan, p) => (
          <PlanEditor
            key={LETTERS[p]}
            t={t}
            i18n={i18n}
            config={config}
            plan={plan}
            letter={LETTERS[p] as string}
            onEdit={(row, column, value) => edit(p, row, column, value)}
          />
        ))}
      </div>

      {answer && <Comparison t={t} outcomes={outcomes} target={target} />}
      {answer && (
        <div className="plan-pair">
          {outcomes.map((o, i) =>
            o.result ? (
              <PlanCharts key={LETTERS[i]} t={t} letter={LETTERS[i] as string} result={o.result} />
            ) : null,
          )}
        </div>
      )}
    </div>
  );
}

function PlanEditor({
  t,
  i18n,
  config,
  plan,
  letter,
  onEdit,
}: {
  t: DashText;
  i18n: I18n;
  config: OfficeConfig;
  plan: StaffingPlan;
  letter: string;
  onEdit: (row: number, column: number, value: number) => void;
}) {
  const hours = useMemo(() => planHourLabels(plan), [plan]);
  const title = `${t(letter === 'A' ? 'planA' : 'planB')}${plan.name ? ` — ${plan.name}` : ''}`;
  return (
    <section className="card plan-card" aria-label={title} data-testid={`plan-${letter}`}>
      <h3>{title}</h3>
      <table className="dash-table plan-table">
        <TableHead columns={[t('countersFor'), ...hours.map((h) => ({ num: h.slice(0, 2) }))]} />
        <tbody>
          {plan.rows.map((row, r) => {
            const label = rowLabel(config, row.stages, i18n.lang);
            return (
              <tr key={row.stages.join('+')}>
                <th scope="row">{label}</th>
                {hours.map((h, k) => (
                  <td key={h} className="num">
                    <input
                      type="number"
                      min={0}
                      max={60}
                      inputMode="numeric"
                      value={row.counters[k] ?? 0}
                      aria-label={t('cellLabel', { plan: letter, row: label, hour: h })}
                      onChange={(e) => onEdit(r, k, Number(e.target.value))}
                      data-testid={`plan-${letter}-${r}-${k}`}
                    />
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted">
        {t('figCounterHours')}: {counterHours(plan)}
      </p>
    </section>
  );
}

function Comparison({ t, outcomes, target }: { t: DashText; outcomes: PlanOutcome[]; target: number }) {
  const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
  const rows: [string, (o: PlanOutcome) => string | number][] = [
    [t('figCounterHours'), (o) => counterHours(o.plan)],
    [t('figWaitP50'), (o) => o.result?.wait.p50 ?? '—'],
    [t('figWaitP90'), (o) => o.result?.wait.p90 ?? '—'],
    [
      t('figMeets'),
      (o) => (o.result ? t(o.result.wait.p90 <= target && !o.result.unserved ? 'yes' : 'no') : '—'),
    ],
    [t('figFirstP90'), (o) => o.result?.firstWait.p90 ?? '—'],
    [t('figOnTime30'), (o) => (o.result ? pct(o.result.onTime.within30) : '—')],
    [t('figPriority'), (o) => o.result?.priority.longestWaitMinutes ?? '—'],
    [t('figLast'), (o) => o.result?.lastLeavesAt ?? '—'],
    [t('figIdle'), (o) => o.result?.idleCounterMinutes.total ?? '—'],
    [
      `${t('figQuota')} (p90 ≤ ${target})`,
      (o) => (o.quota ? t('quotaValue', { n: o.quota.bookingsPerHour, windows: o.quota.windows }) : '—'),
    ],
  ];
  return (
    <section className="card" aria-labelledby="planning-figures">
      <h3 id="planning-figures">{t('figures')}</h3>
      <table className="dash-table plan-compare" data-testid="planning-figures">
        <TableHead columns={[t('figure'), ...outcomes.map((_, i) => ({ num: LETTERS[i] as string }))]} />
        <tbody>
          {rows.map(([label, f], r) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              {outcomes.map((o, i) => (
                <td key={i} className="num" data-testid={`fig-${r}-${LETTERS[i]}`}>
                  {f(o)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function PlanCharts({ t, letter, result }: { t: DashText; letter: string; result: SimulationResult }) {
  const bucket = (b: SimulationResult['waitHistogram'][number]) =>
    b.toMinutes === null ? `${b.fromMinutes}+` : `${b.fromMinutes}–${b.toMinutes}`;
  return (
    <div className="plan-charts">
      <ChartCard
        t={t}
        title={t('chartWaiting', { plan: letter })}
        description={t('chartWaitingDesc')}
        unit={t('people')}
        integer
        testId={`chart-waiting-${letter}`}
        data={result.hours.map((h) => ({ label: h.hour.slice(0, 2), value: h.waitingPeak }))}
        table={
          <DataTable
            head={[t('hour'), t('waiting'), t('figWaitP90')]}
            rows={result.hours.map((h) => [h.hour, h.waitingPeak, h.p90])}
          />
        }
      />
      <ChartCard
        t={t}
        title={t('chartDistribution', { plan: letter })}
        description={t('chartDistributionDesc')}
        unit={t('applicants')}
        integer
        testId={`chart-distribution-${letter}`}
        data={result.waitHistogram.map((b) => ({ label: bucket(b), value: b.count }))}
        table={
          <DataTable
            head={[t('waitBucket'), t('count')]}
            rows={result.waitHistogram.map((b) => [bucket(b), b.count])}
          />
        }
      />
    </div>
  );
}
