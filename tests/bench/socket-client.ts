/**
 * Real Socket.IO clients on loopback for the benchmarks (boards, kiosks, counters; phones are not
 * Socket.IO clients, see phone-farm.ts): connect (bounded) and acknowledged commands. Kept apart
 * from lib.ts, which loads the server's code, for processes that need only the client.
 */
import { io, type Socket } from 'socket.io-client';
import type { AckResponse, AppErrorBody } from '@giliran/shared';

export type Client = Socket;

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Connects one real client over WebSocket; resolves once the server accepted it. Bounded. */
export function connect(
  url: string,
  auth: Record<string, unknown>,
  opts: {
    timeoutMs?: number;
    reconnection?: boolean;
    /** Listeners attached before connecting (the snapshot arrives right with the connection). */
    on?: Record<string, (...a: never[]) => void>;
  } = {},
): Promise<Client> {
  const socket = io(url, {
    auth,
    transports: ['websocket'],
    forceNew: true,
    // Same reconnection pacing as the screens (client/src/socket.ts).
    reconnection: opts.reconnection ?? true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 3_000,
    timeout: opts.timeoutMs ?? 10_000,
  });
  for (const [event, fn] of Object.entries(opts.on ?? {})) socket.on(event, fn as (...a: unknown[]) => void);
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => {
      done();
      socket.close();
      fail(new Error(`connect timeout (${JSON.stringify(auth).slice(0, 60)})`));
    }, opts.timeoutMs ?? 10_000);
    const onConnect = () => {
      done();
      ok(socket);
    };
    const onError = (e: Error) => {
      done();
      socket.close();
      fail(e);
    };
    // Only the first connection settles the promise; later reconnections are the socket's own.
    const done = () => {
      clearTimeout(timer);
      socket.off('connect', onConnect);
      socket.off('connect_error', onError);
    };
    socket.on('connect', onConnect);
    socket.on('connect_error', onError);
  });
}

/** Sends one command and waits for its acknowledgement (or a timeout, reported as an error). */
export async function command<T = unknown>(
  socket: Client,
  event: string,
  payload: unknown,
  timeoutMs = 10_000,
): Promise<AckResponse<T>> {
  try {
    return (await socket.timeout(timeoutMs).emitWithAck(event, payload)) as AckResponse<T>;
  } catch {
    return {
      ok: false,
      error: { code: 'timeout', message: 'no ack', params: {} } as unknown as AppErrorBody,
    };
  }
}
