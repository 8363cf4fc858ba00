import { loginBodySchema, pairBodySchema } from '@giliran/shared';
import { readJson, type Router } from '../router.ts';
import type { RouteDeps } from './route-deps.ts';

/** Signing in: devices pair with a one-time code, officers log in with a password. */
export function sessionRoutes(router: Router, { auth, clock }: RouteDeps): void {
  router.add('POST /api/pair', async ({ req }) => {
    const body = await readJson(req, pairBodySchema);
    const { token, principal } = auth.pair(body.code, clock.now());
    return { token, role: principal.role, name: principal.name };
  });
  router.add('POST /api/login', async ({ req }) => {
    const body = await readJson(req, loginBodySchema);
    const { token, principal } = await auth.login(body.username, body.password, clock.now());
    return { token, role: principal.role, name: principal.name };
  });
  router.add('POST /api/logout', ({ token }) => {
    if (token) auth.logout(token);
    return { ok: true };
  });
  router.add('GET /api/me', ({ principal }) => ({ role: principal?.role, name: principal?.name }));
}
