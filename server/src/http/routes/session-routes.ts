import { loginBodySchema, pairBodySchema } from '@giliran/shared';
import { clientAddress } from '../../auth/sign-in.ts';
import { endConnections } from '../../gateway/live-credentials.ts';
import { ROOMS } from '../../gateway/types.ts';
import { readJson, type Router } from '../router.ts';
import type { RouteDeps } from './route-deps.ts';

/**
 * Signing in: devices pair with a one-time code, officers log in with a password — both limited
 * against guessing (`SignIn`). Signing out ends the session's live sockets at once.
 */
export function sessionRoutes(router: Router, { auth, signIn, io }: RouteDeps): void {
  router.add('POST /api/pair', async ({ req }) => {
    const body = await readJson(req, pairBodySchema);
    const { token, principal } = signIn.pair(body.code, clientAddress(req.socket.remoteAddress));
    return { token, role: principal.role, name: principal.name };
  });
  router.add('POST /api/login', async ({ req }) => {
    const body = await readJson(req, loginBodySchema);
    const { token, principal } = await signIn.login(
      body.username,
      body.password,
      clientAddress(req.socket.remoteAddress),
    );
    return { token, role: principal.role, name: principal.name };
  });
  router.add('POST /api/logout', ({ token }) => {
    if (token) endConnections(io, ROOMS.session(auth.logout(token)));
    return { ok: true };
  });
  router.add('GET /api/me', ({ principal }) => ({ role: principal?.role, name: principal?.name }));
}
