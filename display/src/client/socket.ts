import { io, type Socket } from 'socket.io-client';
import {
  type AckResponse,
  type AppErrorBody,
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

/** A refusal from the server; `message` is ready to show (Indonesian), `code` picks a translation. */
export class ServerError extends Error {
  readonly code: string;
  readonly params: Record<string, string | number>;
  constructor(body: AppErrorBody) {
    super(body.message);
    this.name = 'ServerError';
    this.code = body.code;
    this.params = body.params ?? {};
  }
}

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

/** Sends a command and resolves with its data, or rejects with a `ServerError` (or a timeout). */
export function request<E extends ClientEventName>(
  socket: GiliranSocket,
  event: E,
  payload: Payload<E>,
  timeoutMs = 8_000,
): Promise<AckData<E>> {
  // The contract's types are checked at the call site; socket.io's overloads cannot follow a generic E.
  type LooseEmit = (
    ev: string,
    p: unknown,
    cb: (err: Error | null, res: AckResponse<AckData<E>>) => void,
  ) => void;
  const timed = socket.timeout(timeoutMs);
  const emit = timed.emit.bind(timed) as unknown as LooseEmit;
  return new Promise((resolve, reject) => {
    emit(event, payload, (err, res) => {
      if (err) {
        reject(
          new ServerError({
            code: 'internal',
            message: 'Server tidak menjawab. Periksa jaringan lalu coba lagi.',
          }),
        );
      } else if (res.ok) resolve(res.data);
      else reject(new ServerError(res.error));
    });
  });
}
