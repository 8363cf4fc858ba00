import { TableHead } from './TableHead.tsx';
import { useState } from 'react';
import {
  ikmGradeLabel,
  SKM_ELEMENTS,
  WAIT_BANDS,
  type IkmResult,
  type OfficeConfig,
  type SurveyReport,
} from '@giliran/shared';
import type { I18n } from '../i18n.ts';
import { failureText } from './api.ts';
import { BarChart } from './BarChart.tsx';
import { officeToday } from './shape.ts';
import type { DashText } from './strings.ts';
import { useReport } from './use-report.ts';

interface SurveyProps {
  i18n: I18n;
  t: DashText;
  token: string;
  config: OfficeConfig;
  clockOffsetMs: number;
}

/** A figure as the regulation's worksheet writes it: two decimals (three for NRR), comma in Indonesian. */
export function decimal(n: number, digits: number, lang: 'id' | 'en'): string {
  const s = n.toFixed(digits);
  return lang === 'id' ? s.replace('.', ',') : s;
}

/**
 * `Survei (IKM)`: the month's SKM index with its grade, the worksheet per element, the index per
 * service and per wait band, twelve months as a chart, and the CSV offices hand in.
 */
export function SurveySection({ i18n, t, token, config, clockOffsetMs }: SurveyProps) {
  const thisMonth = officeToday(Date.now() + clockOffsetMs, config.office.timeZone).slice(0, 7);
  const [month, setMonth] = useState(thisMonth);
  const lang = i18n.lang;
  const { report, error, downloading, download } = useReport<SurveyReport>(
    /^\d{4}-\d{2}$/.test(month) ? `/api/reports/survey?month=${month}` : null,
    token,
  );
  const downloadCsv = () =>
    download(
      `/api/reports/survey.csv?month=${month}&lang=${lang}`,
      `giliran-${config.office.code}-ikm-${month}.csv`,
    );

  const serviceName = (id: string) => {
    const s = config.services.find((x) => x.id === id);
    return s ? `${s.letter} — ${i18n.l(s.name)}` : id;
  };
  const bandName = (id: string) => {
    const b = WAIT_BANDS.find((x) => x.id === id);
    return b ? i18n.l(b.label) : id;
  };
  const grade = (r: IkmResult) => `${r.grade} (${i18n.l(ikmGradeLabel(r.grade))})`;
  const groupRows = (groups: { key: string; result: IkmResult }[], name: (k: string) => string) =>
    groups.map((g) => (
      <tr key={g.key}>
        <th scope="row">{name(g.key)}</th>
        <td className="num">{g.result.respondents}</td>
        <td className="num">{decimal(g.result.ikm, 2, lang)}</td>
        <td>{grade(g.result)}</td>
      </tr>
    ));

  return (
    <div className="dash-reports">
      <section className="card dash-report-head" aria-labelledby="ikm-title">
        <h2 id="ikm-title">{t('ikmTitle')}</h2>
        <p className="muted">{t('ikmBasis')}</p>
        <div className="dash-form-row">
          <label htmlFor="ikm-month">{t('month')}</label>
          <input
            id="ikm-month"
            type="month"
            value={month}
            max={thisMonth}
            required
            onChange={(e) => setMonth(e.target.value || thisMonth)}
            data-testid="ikm-month"
          />
          <button type="button" className="primary" onClick={() => void downloadCsv()} disabled={downloading}>
            {t('downloadCsv')}
          </button>
        </div>
        {error !== null && (
          <p role="alert" className="error">
            {failureText(error, lang)}
          </p>
        )}
      </section>
      {!report ? (
        error === null && <p role="status">{t('loading')}</p>
      ) : (
        <>
          <section className="card" aria-labelledby="ikm-overall">
            <h3 id="ikm-overall">
              {t('ikmValue')} {report.month}
            </h3>
            {!report.overall ? (
              <p data-testid="ikm-none">{t('ikmNone')}</p>
            ) : (
              <>
                <dl className="dash-stats" data-testid="ikm-totals">
                  <div>
                    <dt>{t('ikmValue')}</dt>
                    <dd data-testid="ikm-value">{decimal(report.overall.ikm, 2, lang)}</dd>
                  </div>
                  <div>
                    <dt>{t('ikmGrade')}</dt>
                    <dd data-testid="ikm-grade">{grade(report.overall)}</dd>
                  </div>
                  <div>
                    <dt>{t('respondents')}</dt>
                    <dd data-testid="ikm-respondents">{report.overall.respondents}</dd>
                  </div>
                </dl>
                <p className="muted">
                  {report.bySource.phone} {t('viaPhone')} · {report.bySource.tablet} {t('viaTablet')} ·{' '}
                  {t('ikmGradeScale')}
                </p>
                <h3>{t('perElement')}</h3>
                <table className="dash-table" data-testid="ikm-elements">
                  <TableHead
                    columns={[
                      t('element'),
                      { num: t('scoreSum') },
                      { num: t('nrr') },
                      { num: t('nrrWeighted') },
                    ]}
                  />
                  <tbody>
                    {SKM_ELEMENTS.map((el, i) => (
                      <tr key={el.code}>
                        <th scope="row">
                          {el.code} {i18n.l(el.name)}
                        </th>
                        <td className="num">{report.overall?.totals[i] ?? 0}</td>
                        <td className="num">{decimal(report.overall?.nrr[i] ?? 0, 3, lang)}</td>
                        <td className="num">{decimal(report.overall?.weighted[i] ?? 0, 3, lang)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <h3>{t('ikmPerService')}</h3>
                <table className="dash-table" data-testid="ikm-services">
                  <TableHead
                    columns={[t('service'), { num: t('respondents') }, { num: t('ikmValue') }, t('ikmGrade')]}
                  />
                  <tbody>{groupRows(report.perService, serviceName)}</tbody>
                </table>
                <h3>{t('ikmPerWait')}</h3>
                <table className="dash-table" data-testid="ikm-waits">
                  <TableHead
                    columns={[
                      t('waitBand'),
                      { num: t('respondents') },
                      { num: t('ikmValue') },
                      t('ikmGrade'),
                    ]}
                  />
                  <tbody>{groupRows(report.perWaitBand, bandName)}</tbody>
                </table>
              </>
            )}
          </section>
          <section className="card" aria-labelledby="ikm-months">
            <h3 id="ikm-months">{t('ikmByMonth')}</h3>
            <BarChart
              title={t('ikmByMonth')}
              description={t('ikmByMonthDesc')}
              data={report.months.map((m) => ({ label: m.month, value: m.ikm ?? 0 }))}
              unit={t('ikmValue')}
              testId="ikm-chart"
            />
            <details>
              <summary>{t('asTable')}</summary>
              <table className="dash-table">
                <TableHead
                  columns={[t('month'), { num: t('respondents') }, { num: t('ikmValue') }, t('ikmGrade')]}
                />
                <tbody>
                  {report.months.map((m) => (
                    <tr key={m.month}>
                      <th scope="row">{m.month}</th>
                      <td className="num">{m.respondents}</td>
                      <td className="num">{m.ikm === null ? '—' : decimal(m.ikm, 2, lang)}</td>
                      <td>{m.grade ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </section>
        </>
      )}
    </div>
  );
}
