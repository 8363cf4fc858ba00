import { request as httpRequest, type IncomingMessage } from 'node:http';
import { TRACK_STREAM, type AppErrorBody, type TrackUpdate } from '@giliran/shared';

/** A phone following its ticket over `GET /api/track/:token/events`, as the `/t/<token>` page does. */
export interface FollowedTicket {
  /** Every `track` update received, in order. */
  updates: TrackUpdate[];
  /** The `ended` event's error, once the server has ended this stream. */
  ended: AppErrorBody | null;
  /** Comment lines (heartbeats) received. */
  heartbeats: number;
  /** The reconnect delay the server asked for (`retry:`), in ms; null if it named none. */
  retryMs: number | null;
  /** The stream's response headers. */
  headers: IncomingMessage['headers'];
  /** The first update (already received or still to come) that matches; rejects after `timeoutMs`. */
  next(match: (u: TrackUpdate) => boolean, timeoutMs?: number): Promise<TrackUpdate>;
  /** Resolves once the server has closed the stream. */
  closed: Promise<void>;
  /** The phone leaves (closes the page). */
  close(): void;
}

/** Refused before any stream started: the status and the JSON error, as the page would see them. */
export class StreamRefused extends Error {
  constructor(
    readonly status: number,
    readonly error: AppErrorBody | null,
  ) {
    super(error?.code ?? `HTTP ${status}`);
  }
}

/**
 * Opens a phone's event stream and resolves once its first update has arrived (the server sends
 * one at once); rejects with `StreamRefused` when the server answers anything but a stream.
 */
export function followTicket(url: string, token: string, timeoutMs = 5_000): Promise<FollowedTicket> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/api/track/${encodeURIComponent(token)}/events`, {
      headers: { accept: 'text/event-stream' },
      agent: false,
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error('stream did not start in time'));
    }, timeoutMs);
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.on('response', (res) => {
      if (res.statusCode !== 200 || !res.headers['content-type']?.startsWith('text/event-stream')) {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          clearTimeout(timer);
          let error: AppErrorBody | null = null;
          try {
            error = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { error: AppErrorBody }).error;
          } catch {
            // not JSON: the status says it
          }
          reject(new StreamRefused(res.statusCode ?? 0, error));
        });
        return;
      }
      const waiters = new Set<() => void>();
      let closedOk: () => void = () => {};
      const phone: FollowedTicket = {
        updates: [],
        ended: null,
        heartbeats: 0,
        retryMs: null,
        headers: res.headers,
        closed: new Promise<void>((ok) => (closedOk = ok)),
        close: () => req.destroy(),
        next: (match, ms = 5_000) =>
          new Promise((ok, fail) => {
            const check = () => {
              const u = phone.updates.find(match);
              if (!u) return false;
              clearTimeout(t);
              waiters.delete(waiter);
              ok(u);
              return true;
            };
            const waiter = () => void check();
            const t = setTimeout(() => {
              waiters.delete(waiter);
              fail(new Error(`no matching update within ${ms} ms (${phone.updates.length} received)`));
            }, ms);
            if (!check()) waiters.add(waiter);
          }),
      };
      readEventStream(res, (event) => {
        if (event.comment) phone.heartbeats++;
        if (event.retryMs !== null) phone.retryMs = event.retryMs;
        if (event.name === TRACK_STREAM.update) {
          phone.updates.push(JSON.parse(event.data) as TrackUpdate);
          if (phone.updates.length === 1) {
            clearTimeout(timer);
            resolve(phone);
          }
        }
        if (event.name === TRACK_STREAM.ended) phone.ended = JSON.parse(event.data) as AppErrorBody;
        for (const w of [...waiters]) w();
      });
      res.on('close', () => {
        clearTimeout(timer);
        closedOk();
        if (!phone.updates.length) reject(new StreamRefused(200, phone.ended));
      });
    });
    req.end();
  });
}

/** One Server-Sent Events block: its `event:` name, its `data:` lines joined, or a comment. */
export interface StreamEvent {
  name: string | null;
  data: string;
  comment: boolean;
  retryMs: number | null;
}

/** Calls `onEvent` for every complete block of an event stream, however its chunks split them. */
export function readEventStream(res: IncomingMessage, onEvent: (event: StreamEvent) => void): void {
  let buffered = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    buffered += chunk;
    let end: number;
    while ((end = buffered.indexOf('\n\n')) >= 0) {
      const block = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      onEvent(parseEvent(block));
    }
  });
}

function parseEvent(block: string): StreamEvent {
  const event: StreamEvent = { name: null, data: '', comment: false, retryMs: null };
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) event.comment = true;
    else if (line.startsWith('event: ')) event.name = line.slice(7);
    else if (line.startsWith('data: ')) data.push(line.slice(6));
    else if (line.startsWith('retry: ')) event.retryMs = Number(line.slice(7));
  }
  event.data = data.join('\n');
  return event;
}
