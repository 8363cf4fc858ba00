import {
  AppError,
  createUserBodySchema,
  errorMessage,
  pairingCodeBodySchema,
  requestLang,
  type ImportRejection,
} from '@giliran/shared';
import {
  describeBadLines,
  importBookings,
  SERVER_PACING,
  STAGE_ROWS,
} from '../../bookings/import-bookings.ts';
import { workerBatches } from '../../bookings/import-worker-host.ts';
import { MAX_IMPORT_BYTES } from '../../bookings/parse-bookings.ts';
import { storageProblem } from '../../store/data-dir.ts';
import { endConnections } from '../../gateway/live-credentials.ts';
import { ROOMS } from '../../gateway/types.ts';
import { HttpError, readBody, readJson, type Router } from '../router.ts';
import type { RouteDeps } from './route-deps.ts';

/** Admin only: the day's bookings, device pairing and revocation, officers. */
export function adminRoutes(router: Router, { auth, imports, secret, clock, io }: RouteDeps): void {
  // Checked in a worker thread and written in short transactions (import-bookings.ts): the office
  // keeps working during a big file.
  // Errors come in the language asked for: `?lang=en`, else Accept-Language, else Indonesian.
  router.add('POST /api/admin/bookings/import', async ({ req, url, principal }) => {
    const lang = requestLang(url.searchParams.get('lang'), req.headers['accept-language']);
    const bytes = await readBody(req, MAX_IMPORT_BYTES);
    const batches = workerBatches(bytes, secret, STAGE_ROWS);
    const result = await importBookings(imports, batches, {
      source: principal?.actor ?? 'http',
      now: clock.now(),
      pacing: SERVER_PACING,
    }).catch((e: unknown) => {
      if (storageProblem(e, 'giliran.db')) throw new AppError('storage_unavailable');
      throw e;
    });
    if (!result.ok) {
      const params = { count: result.badLines };
      const rejection: ImportRejection = {
        lines: describeBadLines(result.errors, lang),
        moreLines: result.badLines - result.errors.length,
      };
      throw new HttpError('import_invalid', params, {
        message: errorMessage('import_invalid', params, lang),
        ...rejection,
      });
    }
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
