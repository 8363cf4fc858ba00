import { AppError } from '@giliran/shared';
import { trackUpdate } from '../../engine/projections.ts';
import type { Router } from '../router.ts';
import type { RouteDeps } from './route-deps.ts';

/** Routes without a credential: health for monitoring, and a phone's own ticket by its token. */
export function publicRoutes(router: Router, { service, config, clock }: RouteDeps): void {
  router.add('GET /api/health', () => ({ status: 'ok' }));
  router.add('GET /api/track/:token', ({ params }) => {
    service.ensureDay();
    const id = service.state.byTrackToken.get(params.token ?? '');
    const t = id ? service.state.tickets.get(id) : undefined;
    if (!t) throw new AppError('not_found');
    return trackUpdate(service.state, config, t, clock.now());
  });
}
