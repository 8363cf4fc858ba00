import { AppError, type ErrorCode } from '@giliran/shared';
import type { AuthRepo } from '../auth/auth-repo.ts';
import type { QueueService } from '../store/queue-service.ts';
import type { GiliranServer, GiliranSocket } from './types.ts';

/**
 * Live sockets follow their credential: a logout, an expired session, a disabled officer, a new
 * password (the database ends that officer's sessions, see migration 002) or a revoked device.
 * What the server does itself (logout, revoke, a user
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
  const isLive = (socket: GiliranSocket): boolean => auth.isLive(socket.data.principal, service.clock.now());
  const end = (socket: GiliranSocket) => endSocket(socket, 'unauthenticated');
  const checkAll = () => {
    for (const [, socket] of io.of('/').sockets) if (!isLive(socket)) end(socket);
  };
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
