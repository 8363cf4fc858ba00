import { io, type Socket } from 'socket.io-client';
import { failureOf, ServerError } from './server-error.ts';
import {
  type AckResponse,
  type ClientEventName,
  type ClientToServerEvents,
  type HandshakeAuth,
  type Payload,
  type ServerToClientEvents,
} from '@giliran/shared';

/** The typed Socket.IO client every browser app uses (same contract as the server). */
export type GiliranSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Result type of an event's acknowledgement. */
export type AckData<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>[1] extends (
  res: AckResponse<infer T>,
) => void
  ? T
  : never;

/**
 * Connects to the office server. Reconnects forever with backoff (a board must never give up);
 * the server sends a fresh `queue:snapshot` after every (re)connect.
 */
export function connectSocket(auth: HandshakeAuth, url: string = window.location.origin): GiliranSocket {
  return io(url, {
    auth,
    transports: ['websocket', 'polling'],
    reconnection: true,
    // Back within the 3 s resync target after a server restart, even with jitter.
    reconnectionDelay: 300,
    reconnectionDelayMax: 1_500,
    randomizationFactor: 0.3,
    timeout: 5_000,
  });
}

/**
 * Sends a command and resolves with its data, or rejects with a `ServerError`: the server's
 * refusal, `offline` at once when there is no connection or it drops before the answer, or
 * `no_answer` after `timeoutMs`. A request never waits for a reconnect: a command buffered while
 * offline could run long after the user was told it failed.
 */
export function request<E extends ClientEventName>(
  socket: GiliranSocket,
  event: E,
  payload: Payload<E>,
  timeoutMs = 8_000,
): Promise<AckData<E>> {
  if (!socket.connected) return Promise.reject(failureOf('offline'));
  // The contract's types are checked at the call site; socket.io's overloads cannot follow a generic E.
  type LooseEmit = (
    ev: string,
    p: unknown,
    cb: (err: Error | null, res: AckResponse<AckData<E>>) => void,
  ) => void;
  const timed = socket.timeout(timeoutMs);
  const emit = timed.emit.bind(timed) as unknown as LooseEmit;
  return new Promise((resolve, reject) => {
    const lost = () => reject(failureOf('offline'));
    socket.once('disconnect', lost);
    emit(event, payload, (err, res) => {
      socket.off('disconnect', lost);
      if (err) reject(failureOf('no_answer'));
      else if (res.ok) resolve(res.data);
      else reject(new ServerError(res.error));
    });
  });
}
