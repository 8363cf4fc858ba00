import { AppError } from '@giliran/shared';
import type { AuthRepo } from '../auth/auth-repo.ts';
import type { QueueService } from '../store/queue-service.ts';
import type { GiliranSocket } from './types.ts';

/**
 * Socket.IO middleware: establishes who connects before any event is handled. Devices and officers
 * present their bearer token; phones do not use Socket.IO (phones/phone-routes.ts).
 */
export function authenticateHandshake(service: QueueService, auth: AuthRepo) {
  return (socket: GiliranSocket, next: (err?: Error) => void): void => {
    const a = socket.handshake.auth as Record<string, unknown>;
    const principal = typeof a.token === 'string' ? auth.authenticate(a.token, service.clock.now()) : null;
    if (!principal) return next(refusal('unauthenticated'));
    socket.data.principal = principal;
    next();
  };
}

/** A handshake refusal the client can read (`err.data`), in the same shape as an ack error. */
export function refusal(code: 'unauthenticated' | 'forbidden'): Error {
  return Object.assign(new Error(code), { data: new AppError(code).toBody() });
}
