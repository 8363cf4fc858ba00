import { AppError, type ErrorCode } from '@giliran/shared';
import type { AuthRepo } from '../auth/auth-repo.ts';
import type { QueueService } from '../store/queue-service.ts';
import type { GiliranServer, GiliranSocket } from './types.ts';

/**
 * Live sockets follow their credential: a logout, an expired session, a disabled officer, a new
 * password (the database ends that officer's sessions, see migration 002), a revoked device, or a
 * phone whose ticket is not today's any more. What the server does itself (logout, revoke, a user
 * changed over the API) ends the sockets of that session/user/device room at once; what another
 * process does (the admin CLI writing the database) is noticed by `checkAll` every `intervalMs`,
 * and by `isLive` before every command.
 */
export function watchCredentials(
  io: GiliranServer,
  service: QueueService,
  auth: AuthRepo,
  intervalMs: number,
): { isLive(socket: GiliranSocket): boolean; end(socket: GiliranSocket): void; close(): void } {
  const isLive = (socket: GiliranSocket): boolean => {
    const p = socket.data.principal;
    if (p.role === 'phone') {
      const id = socket.data.trackTicketId;
      return id !== null && service.state.tickets.has(id);
    }
    return auth.isLive(p, service.clock.now());
  };
  const end = (socket: GiliranSocket) =>
    endSocket(socket, socket.data.principal.role === 'phone' ? 'tracking_unknown' : 'unauthenticated');
  const checkAll = () => {
    for (const [, socket] of io.of('/').sockets) if (!isLive(socket)) end(socket);
  };
  // A new day starts a new queue: phones of yesterday's tickets have nothing left to follow.
  service.onDayChanged(checkAll);
  const timer = setInterval(checkAll, intervalMs);
  timer.unref();
  return { isLive, end, close: () => clearInterval(timer) };
}

/** Tells the client why (`session:ended` with the error), then closes its connection. */
export function endSocket(socket: GiliranSocket, code: ErrorCode): void {
  socket.emit('session:ended', new AppError(code).toBody());
  socket.disconnect(true);
}

/** Ends every socket in `room` (a session, an officer or a device) with `code`. */
export function endConnections(io: GiliranServer, room: string, code: ErrorCode = 'unauthenticated'): void {
  io.in(room).emit('session:ended', new AppError(code).toBody());
  io.in(room).disconnectSockets(true);
}
