import { AppError } from '@giliran/shared';
import type { AuthRepo, Principal } from '../auth/auth-repo.ts';
import type { QueueService } from '../store/queue-service.ts';
import type { GiliranSocket } from './types.ts';

const PHONE: Principal = {
  role: 'phone',
  name: 'phone',
  actor: 'phone',
  deviceId: null,
  username: null,
  sessionId: null,
  printerUri: null,
};

/**
 * Socket.IO middleware: establishes who connects before any event is handled. A phone presents
 * its ticket's tracking token, which must name one of today's tickets (`tracking_unknown`
 * otherwise); devices and officers present their bearer token.
 */
export function authenticateHandshake(service: QueueService, auth: AuthRepo) {
  return (socket: GiliranSocket, next: (err?: Error) => void): void => {
    const a = socket.handshake.auth as Record<string, unknown>;
    socket.data.trackTicketId = null;
    socket.data.lastTrack = null;
    socket.data.trackCheckedVersion = -1;
    socket.data.trackSentAt = -Infinity;
    if (typeof a.trackToken === 'string') {
      service.ensureDay();
      const ticketId = service.state.byTrackToken.get(a.trackToken);
      if (!ticketId) return next(refusal('tracking_unknown'));
      socket.data.principal = PHONE;
      socket.data.trackTicketId = ticketId;
      return next();
    }
    const principal = typeof a.token === 'string' ? auth.authenticate(a.token, service.clock.now()) : null;
    if (!principal) return next(refusal('unauthenticated'));
    socket.data.principal = principal;
    next();
  };
}

/** A handshake refusal the client can read (`err.data`), in the same shape as an ack error. */
export function refusal(code: 'unauthenticated' | 'forbidden' | 'tracking_unknown'): Error {
  return Object.assign(new Error(code), { data: new AppError(code).toBody() });
}
