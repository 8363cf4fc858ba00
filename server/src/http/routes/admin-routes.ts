import { AppError, createUserBodySchema, pairingCodeBodySchema } from '@giliran/shared';
import { importBookings } from '../../bookings/import-bookings.ts';
import { MAX_IMPORT_BYTES } from '../../bookings/parse-bookings.ts';
import { endConnections } from '../../gateway/live-credentials.ts';
import { ROOMS } from '../../gateway/types.ts';
import { HttpError, readBody, readJson, type Router } from '../router.ts';
import type { RouteDeps } from './route-deps.ts';

/** Admin only: the day's bookings, device pairing and revocation, officers. */
export function adminRoutes(router: Router, { auth, bookings, clock, io }: RouteDeps): void {
  router.add('POST /api/admin/bookings/import', async ({ req }) => {
    const bytes = await readBody(req, MAX_IMPORT_BYTES);
    const result = importBookings(bookings, bytes, clock.now());
    if (!result.ok)
      throw new HttpError('import_invalid', { count: result.errors.length }, { lines: result.errors });
    return result.counts;
  });
  router.add('POST /api/admin/pairing-codes', async ({ req }) => {
    const body = await readJson(req, pairingCodeBodySchema);
    return auth.createPairingCode(body, clock.now());
  });
  router.add('DELETE /api/admin/devices/:id', ({ params }) => {
    const id = params.id ?? '';
    if (!auth.revokeDevice(id, clock.now())) throw new AppError('not_found');
    // A revoked device loses its live connection at once, not at its next reconnect.
    endConnections(io, ROOMS.device(id));
    return { revoked: true };
  });
  router.add('POST /api/admin/users', async ({ req }) => {
    const body = await readJson(req, createUserBodySchema);
    await auth.createUser(body, clock.now());
    // Re-creating an officer sets a new password (and maybe role): the database ended their
    // sessions (migration 002); their sockets go now, not at the next check.
    endConnections(io, ROOMS.officer(body.username));
    return { username: body.username, role: body.role };
  });
}
