import type { Router } from '../router.ts';

/** Routes without a credential: health for monitoring (a phone's routes are in phones/). */
export function publicRoutes(router: Router): void {
  router.add('GET /api/health', () => ({ status: 'ok' }));
}
