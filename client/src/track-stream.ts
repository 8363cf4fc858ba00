import { TRACK_STREAM, type AppErrorBody, type TrackUpdate } from '@giliran/shared';
import { fetchOrExplain } from './http.ts';

/** What a phone page hears about its ticket (see `followTicket`). */
export interface TicketFollower {
  /** The ticket's latest state: at once on connect, then on every change. */
  update(update: TrackUpdate): void;
  /** The live stream opened (true) or was lost (false; the page keeps its last state). */
  connected(on: boolean): void;
  /** No such ticket today (a wrong or expired token, or the day is over): nothing more will come. */
  unknown(): void;
  /** Newer pages follow this ticket (the server keeps a few streams a ticket): this one stopped. */
  replaced(): void;
}

/** The phone's routes for a tracking token, e.g. `trackPath('abc…')` → `/api/track/abc…`. */
export function trackPath(token: string): string {
  return `/api/track/${encodeURIComponent(token)}`;
}

/** Delays (ms) before reopening a stream the browser gave up on: 2 s doubling up to 15 s. */
export const REOPEN_BACKOFF = { firstMs: TRACK_STREAM.retryMs, maxMs: 15_000 } as const;

/**
 * The wait before reopening attempt `attempt` (0 = the first after a refusal): it doubles up to
 * `REOPEN_BACKOFF.maxMs`, drawn from its upper half so thousands of phones refused at once by a
 * busy (503) or restarting server do not all come back in the same second.
 */
export function reopenDelay(attempt: number, random: () => number = Math.random): number {
  const { firstMs, maxMs } = REOPEN_BACKOFF;
  const ceiling = Math.min(maxMs, firstMs * 2 ** Math.max(0, attempt));
  const floor = Math.max(firstMs, ceiling / 2);
  return Math.round(floor + (ceiling - floor) * random());
}

/**
 * What to do once the browser closed the stream for good (a non-200 answer: EventSource does
 * not say which), given the status of `GET /api/track/:token` (null: no answer at all). Only a
 * 404 means the ticket is gone; anything else (503 `server_busy`, a proxy's 502 while the server
 * restarts, no network) is worth another try.
 */
export function afterStreamClosed(probeStatus: number | null): 'unknown' | 'retry' {
  return probeStatus === 404 ? 'unknown' : 'retry';
}

/**
 * Follows one ticket over `GET /api/track/:token/events` (`TRACK_STREAM` in shared/) until
 * `close()`. EventSource reconnects by itself after network errors; when it closes instead (a
 * 404 or 503 answer), `GET /api/track/:token` tells a gone ticket from a passing refusal, and the
 * stream is reopened with `reopenDelay`. An `ended` event is final, no reconnect: `unknown()` when
 * the day is over, `replaced()` when newer streams of the same ticket replaced this one.
 */
export function followTicket(token: string, handlers: TicketFollower): { close(): void } {
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let done = false;

  const finish = (why: 'unknown' | 'replaced' | 'closed') => {
    if (done) return;
    done = true;
    source?.close();
    source = null;
    clearTimeout(timer);
    if (why === 'unknown') handlers.unknown();
    if (why === 'replaced') handlers.replaced();
  };

  const open = () => {
    if (done) return;
    const es = new EventSource(`${trackPath(token)}/events`);
    source = es;
    es.onopen = () => {
      attempt = 0;
      handlers.connected(true);
    };
    es.addEventListener(TRACK_STREAM.update, (e) => {
      const update = parse<TrackUpdate>(e);
      if (update && !done) handlers.update(update);
    });
    es.addEventListener(TRACK_STREAM.ended, (e) =>
      finish(parse<AppErrorBody>(e)?.code === 'tracking_replaced' ? 'replaced' : 'unknown'),
    );
    es.onerror = () => {
      // Also fired for a stream just closed by `ended` or `close()`: that one is over.
      if (done || es !== source) return;
      handlers.connected(false);
      if (es.readyState === EventSource.CLOSED) void probeThenRetry();
    };
  };

  const probeThenRetry = async () => {
    source = null;
    let status: number | null = null;
    try {
      const res = await fetchOrExplain(trackPath(token), {}, 10_000);
      status = res.status;
      // The ticket as it is now, so a phone kept waiting (server busy) still sees its place move.
      if (res.ok) {
        const update = (await res.json()) as TrackUpdate;
        if (!done) handlers.update(update);
      }
    } catch {
      // No answer: the network or the server is down; try again later.
    }
    if (done) return;
    if (afterStreamClosed(status) === 'unknown') return finish('unknown');
    timer = setTimeout(open, reopenDelay(attempt++));
  };

  open();
  return { close: () => finish('closed') };
}

function parse<T>(e: Event): T | null {
  try {
    return JSON.parse((e as MessageEvent<string>).data) as T;
  } catch {
    return null;
  }
}
