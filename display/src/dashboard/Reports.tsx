import { TableHead } from './TableHead.tsx';
import { useState } from 'react';
import type { OfficeConfig } from '@giliran/shared';
import { alarmText } from '../alarms/alarm-text.ts';
import { formatClock } from '../format.ts';
import type { I18n } from '../i18n.ts';
import { failureText } from './api.ts';
import { ChartCard, DataTable } from './ChartCard.tsx';
import { officeToday, reportFileName, type DayReport } from './shape.ts';
import type { DashText } from './strings.ts';
import { useReport } from './use-report.ts';

interface ReportsProps {
  i18n: I18n;
  t: DashText;
  token: string;
  config: OfficeConfig;
  clockOffsetMs: number;
}

/** One office day's anonymous statistics, three SVG charts with their tables, and the CSV. */
export function ReportsSection({ i18n, t, token, config, clockOffsetMs }: ReportsProps) {
  // "Today" is the office's (server-corrected clock, office zone), never this PC's.
  const today = officeToday(Date.now() + clockOffsetMs, config.office.timeZone);
  const [date, setDate] = useState(today);
  // Today's report grows during the day; "refresh" asks again for the same date.
  const [refreshed, setRefreshed] = useState(0);
  const { report, error, downloading, download } = useReport<DayReport>(
    /^\d{4}-\d{2}-\d{2}$/.test(date) ? `/api/reports/day?date=${date}` : null,
    token,
    refreshed,
  );
  const downloadCsv = () =>
    download(`/api/reports/day.csv?date=${date}`, reportFileName(config.office.code, date));

  const stageName = (id: string) => {
    const s = config.stages.find((x) => x.id === id);
    return s ? i18n.l(s.name) : id;
  };
  const serviceName = (id: string) => {
    const s = config.services.find((x) => x.id === id);
    return s ? `${s.letter} — ${i18n.l(s.name)}` : id;
  };
  const counterLabel = (id: string) => {
    const c = config.counters.find((x) => x.id === id);
    return c ? `${t('counter')} ${c.number}` : id;
  };
  const min = t('minutesShort');
  const clock = (ms: number) => formatClock(ms, config.office.timeZone, i18n.lang);

  return (
    <div className="dash-reports">
      <section className="card dash-report-head" aria-labelledby="reports-title">
        <h2 id="reports-title">{t('reportsTitle')}</h2>
        <div className="dash-form-row">
          <label htmlFor="report-date">{t('date')}</label>
          <input
            id="report-date"
            type="date"
            value={date}
            max={today}
            required
            onChange={(e) => setDate(e.target.value || today)}
            data-testid="report-date"
          />
          <button type="button" onClick={() => setRefreshed((n) => n + 1)}>
            {t('refresh')}
          </button>
          <button type="button" className="primary" onClick={() => void downloadCsv()} disabled={downloading}>
            {t('downloadCsv')}
          </button>
        </div>
        {error !== null && (
          <p role="alert" className="error">
            {failureText(error, i18n.lang)}
          </p>
        )}
      </section>
      {!report ? (
        error === null && <p role="status">{t('loading')}</p>
      ) : (
        <>
          <section className="card" aria-labelledby="report-summary">
            <h3 id="report-summary">{t('summary', { date: report.date })}</h3>
            <dl className="dash-stats" data-testid="report-totals">
              <div>
                <dt>{t('issued')}</dt>
                <dd data-testid="report-issued">{report.issued}</dd>
              </div>
              <div>
                <dt>{t('completed')}</dt>
                <dd data-testid="report-completed">{report.completed}</dd>
              </div>
              <div>
                <dt>{t('noShowCount')}</dt>
                <dd data-testid="report-noshows">{report.noShows}</dd>
              </div>
            </dl>
            <h3>{t('perServiceTitle')}</h3>
            <table className="dash-table" data-testid="report-services">
              <TableHead
                columns={[
                  t('service'),
                  { num: t('issued') },
                  { num: t('completed') },
                  { num: t('noShowCount') },
                ]}
              />
              <tbody>
                {report.perService.map((s) => (
                  <tr key={s.serviceId}>
                    <th scope="row">{serviceName(s.serviceId)}</th>
                    <td className="num">{s.issued}</td>
                    <td className="num">{s.completed}</td>
                    <td className="num">{s.noShows}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="card" aria-labelledby="report-alarms">
            <h3 id="report-alarms">{t('dayAlarms')}</h3>
            {report.alarms.length === 0 ? (
              <p className="muted">{t('noAlarms')}</p>
            ) : (
              <table className="dash-table" data-testid="report-alarms">
                <TableHead
                  columns={[t('alarm'), t('alarmRaised'), t('alarmAcknowledged'), t('alarmCleared')]}
                />
                <tbody>
                  {report.alarms.map((a) => (
                    <tr key={a.id}>
                      <th scope="row">{alarmText(a, config, i18n.lang)}</th>
                      <td>{clock(a.raisedAt)}</td>
                      <td>
                        {a.acknowledgedBy !== null && a.acknowledgedAt !== null
                          ? `${a.acknowledgedBy} ${clock(a.acknowledgedAt)}`
                          : '—'}
                      </td>
                      <td>{a.clearedAt !== null ? clock(a.clearedAt) : t('stillOpen')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <div className="dash-charts">
            <ChartCard
              t={t}
              title={t('chartWaits')}
              description={t('chartWaitsDesc')}
              unit={min}
              testId="chart-waits"
              data={report.waitsByHour.map((h) => ({ label: h.hour, value: h.medianWaitMinutes }))}
              table={
                <DataTable
                  head={[t('hour'), t('calls'), t('medianMinutes')]}
                  rows={report.waitsByHour.map((h) => [h.hour, h.calls, h.medianWaitMinutes])}
                />
              }
            />
            <ChartCard
              t={t}
              title={t('chartService')}
              description={t('chartServiceDesc')}
              unit={min}
              testId="chart-service"
              data={report.serviceTimes.map((s) => ({ label: stageName(s.stageId), value: s.medianMinutes }))}
              table={
                <DataTable
                  head={[t('stage'), t('count'), t('medianMinutes')]}
                  rows={report.serviceTimes.map((s) => [stageName(s.stageId), s.count, s.medianMinutes])}
                />
              }
            />
            <ChartCard
              t={t}
              title={t('chartCounters')}
              description={t('chartCountersDesc')}
              unit=""
              integer
              testId="chart-counters"
              data={report.perCounter.map((c) => ({ label: counterLabel(c.counterId), value: c.served }))}
              table={
                <DataTable
                  head={[t('counter'), t('served'), t('medianMinutes')]}
                  rows={report.perCounter.map((c) => [
                    counterLabel(c.counterId),
                    c.served,
                    c.medianServiceMinutes,
                  ])}
                />
              }
            />
          </div>
        </>
      )}
    </div>
  );
}
