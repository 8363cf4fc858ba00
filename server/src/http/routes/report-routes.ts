import { AppError, isRealDate } from '@giliran/shared';
import { dayCsv, dayReport } from '../reports.ts';
import type { Router } from '../router.ts';
import type { RouteDeps } from './route-deps.ts';

/** Supervisors' read-only views: day reports (JSON, CSV) and the paired devices. */
export function reportRoutes(router: Router, { db, config, service, auth }: RouteDeps): void {
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
  router.add('GET /api/devices', () => auth.listDevices());
}
