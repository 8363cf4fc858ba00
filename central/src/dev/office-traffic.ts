import { io, type Socket } from 'socket.io-client';
import type {
  AckResponse,
  ClientToServerEvents,
  CounterActionResult,
  ServerToClientEvents,
} from '@giliran/shared';

/**
 * Real queue traffic on a demo office server through its public APIs (HTTP sign-in, Socket.IO
 * commands), as a kiosk and two officers would make it. For the demo, the integration tests and the
 * benchmark; never part of the product.
 */

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

async function signIn(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`sign-in ${username} at ${url}: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

function connect(url: string, token: string): Promise<Client> {
  const socket: Client = io(url, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => {
      socket.close();
      fail(new Error(`connect to ${url} timed out`));
    }, 10_000);
    socket.once('connect', () => {
      clearTimeout(timer);
      ok(socket);
    });
    socket.once('connect_error', (e) => {
      clearTimeout(timer);
      socket.close();
      fail(e);
    });
  });
}

/** Sends a command and returns its data; throws with the server's message when refused. */
async function send<T>(socket: Client, event: string, payload: unknown): Promise<T> {
  const raw = socket as unknown as Socket;
  const r = (await raw.timeout(10_000).emitWithAck(event, payload)) as AckResponse<T>;
  if (!r.ok) throw new Error(`${event}: ${r.error.code} ${r.error.message}`);
  return r.data;
}

export interface TrafficOptions {
  /** Applicants to put through. */
  tickets: number;
  /** Every n-th applicant does not come when called: two recalls, then a no-show. */
  noShowEvery?: number;
  /** Booking codes to check in first (then walk-ins for the priority and same-day services). */
  bookingCodes?: string[];
  /** Demo credentials. */
  password?: string;
  kioskToken?: string;
  /** Pause between applicants (ms), for a demo that runs like a day rather than a burst. */
  pauseMs?: number;
}

/**
 * Each applicant checks in at the kiosk, is called at the first stage (loket-1), served, transferred,
 * called at the second (loket-4), served and completed, one at a time.
 */
export async function officeTraffic(
  url: string,
  opts: TrafficOptions,
): Promise<{ issued: number; completed: number; noShows: number }> {
  const password = opts.password ?? 'giliran-demo';
  const kiosk = await connect(url, opts.kioskToken ?? 'demo-kiosk-1');
  const first = await connect(url, await signIn(url, 'petugas1', password));
  const second = await connect(url, await signIn(url, 'petugas4', password));
  try {
    await send(first, 'counter:open', { counterId: 'loket-1' });
    await send(second, 'counter:open', { counterId: 'loket-4' });
    let completed = 0;
    let noShows = 0;
    for (let i = 0; i < opts.tickets; i++) {
      const code = opts.bookingCodes?.[i];
      if (code) await send(kiosk, 'checkin:confirm', { bookingCodes: [code] });
      else await send(kiosk, 'ticket:walkin', { serviceId: i % 3 === 0 ? 'prioritas' : 'percepatan' });
      const called = await send<CounterActionResult>(first, 'ticket:call', {});
      if (!called.tickets.length) throw new Error('nothing to call');
      if (opts.noShowEvery && i % opts.noShowEvery === opts.noShowEvery - 1) {
        await send(first, 'ticket:recall', {});
        await send(first, 'ticket:recall', {});
        await send(first, 'ticket:noShow', {});
        noShows++;
      } else {
        await send(first, 'ticket:start', {});
        await send(first, 'ticket:transfer', {});
        await send(second, 'ticket:call', {});
        await send(second, 'ticket:start', {});
        await send(second, 'ticket:complete', {});
        completed++;
      }
      if (opts.pauseMs) await new Promise((r) => setTimeout(r, opts.pauseMs));
    }
    return { issued: opts.tickets, completed, noShows };
  } finally {
    for (const s of [kiosk, first, second]) s.close();
  }
}
