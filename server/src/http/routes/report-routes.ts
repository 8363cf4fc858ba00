import { AppError, isRealDate } from '@giliran/shared';
import { surveyCsv, surveyReport } from '../../survey/survey-report.ts';
import { dayCsv, dayReport } from '../reports.ts';
import type { Router } from '../router.ts';
import type { RouteDeps } from './route-deps.ts';

/** Supervisors' read-only views: day reports, the monthly SKM/IKM (JSON, CSV) and the paired devices. */
export function reportRoutes(router: Router, { db, config, service, auth, survey }: RouteDeps): void {
  const reportDate = (url: URL) => {
    const d = url.searchParams.get('date') ?? service.today();
    if (!isRealDate(d))
      throw new AppError('invalid_payload', { detail: 'date must be a real date as YYYY-MM-DD' });
    return d;
  };
  router.add('GET /api/reports/day', ({ url }) => dayReport(db, config, reportDate(url)));
  router.add('GET /api/reports/day.csv', ({ url }) => ({
    raw: dayCsv(db, config, reportDate(url)),
    contentType: 'text/csv; charset=utf-8',
  }));
  const reportMonth = (url: URL) => {
    const m = url.searchParams.get('month') ?? service.today().slice(0, 7);
    if (!isRealDate(`${m}-01`))
      throw new AppError('invalid_payload', { detail: 'month must be a real month as YYYY-MM' });
    return m;
  };
  router.add('GET /api/reports/survey', ({ url }) => surveyReport(survey, config, reportMonth(url)));
  router.add('GET /api/reports/survey.csv', ({ url }) => ({
    raw: surveyCsv(survey, config, reportMonth(url), url.searchParams.get('lang') === 'en' ? 'en' : 'id'),
    contentType: 'text/csv; charset=utf-8',
  }));
  router.add('GET /api/devices', () => auth.listDevices());
}
