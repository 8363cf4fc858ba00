import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { AppError, TRACK_STREAM, type ErrorCode, type TrackUpdate } from '@giliran/shared';
import { eventStreamHead, openEventStream } from '../http/event-stream.ts';

/** One phone following its ticket: an open `text/event-stream` response. */
export interface PhoneStream {
  readonly ticketId: string;
  /** The last update sent (JSON without its time), to send only changes. */
  lastTrack: string | null;
  /** The queue version (commits changing tickets) this phone's update was last worked out at. */
  checkedVersion: number;
  /** When (clock ms) this phone was last written to, an update or a heartbeat. */
  writtenAt: number;
  /** When (clock ms) its last update was sent. */
  sentAt: number;
}

export interface PhoneStreamLimits {
  /**
   * Streams one ticket may have open; a newer one ends the oldest. A phone that lost its network
   * without closing leaves a stream TCP may keep for minutes, and its page has reconnected since;
   * a family may follow one ticket on a few phones. Also bounds what one leaked token can hold.
   */
  perTicket: number;
  /** Streams the whole server holds; beyond it a phone is told `server_busy` and tries again. */
  total: number;
}

export const DEFAULT_PHONE_STREAM_LIMITS: PhoneStreamLimits = { perTicket: 4, total: 20_000 };

interface OpenStream extends PhoneStream {
  socket: Socket;
}

/** What every phone's stream starts with: the head, and how soon EventSource comes back. */
const HEAD = eventStreamHead(`retry: ${TRACK_STREAM.retryMs}\n\n`);

/**
 * The open phone streams (Server-Sent Events, see `TRACK_STREAM` in shared/). Writing to them is
 * all it does; what to send, and when, is `phone-tracking.ts`.
 */
export class PhoneStreams {
  private readonly open = new Set<OpenStream>();
  private readonly byTicket = new Map<string, OpenStream[]>();

  constructor(
    private readonly now: () => number,
    private readonly limits: PhoneStreamLimits = DEFAULT_PHONE_STREAM_LIMITS,
  ) {}

  get size(): number {
    return this.open.size;
  }

  /** The open streams of one ticket (a snapshot). */
  ofTicket(ticketId: string): PhoneStream[] {
    return [...(this.byTicket.get(ticketId) ?? [])];
  }

  /** Every open stream (a snapshot: ending one while walking them is safe). */
  list(): PhoneStream[] {
    return [...this.open];
  }

  /**
   * Turns the response into this ticket's stream; the caller sends the first update. Throws
   * `server_busy` (nothing written yet) when the server already holds `limits.total` streams.
   */
  start(req: IncomingMessage, res: ServerResponse, ticketId: string): PhoneStream {
    if (this.open.size >= this.limits.total) throw new AppError('server_busy', { seconds: 10 });
    const socket = openEventStream(req, res, HEAD);
    const now = this.now();
    const stream: OpenStream = {
      ticketId,
      socket,
      lastTrack: null,
      checkedVersion: -1,
      writtenAt: now,
      sentAt: -Infinity,
    };
    this.open.add(stream);
    const same = this.byTicket.get(ticketId) ?? [];
    same.push(stream);
    this.byTicket.set(ticketId, same);
    while (same.length > this.limits.perTicket) this.end(same[0] as OpenStream, 'tracking_replaced');
    // The phone went away (closed the page, lost its network and TCP noticed): forget it.
    socket.once('close', () => this.forget(stream));
    return stream;
  }

  /** Sends an update; false when the stream has gone. */
  send(stream: PhoneStream, update: TrackUpdate): boolean {
    const now = this.now();
    stream.sentAt = now;
    return this.write(stream, `event: ${TRACK_STREAM.update}\ndata: ${JSON.stringify(update)}\n\n`, now);
  }

  /** A comment line, so a proxy or NAT box does not take a quiet stream for a dead one. */
  heartbeat(stream: PhoneStream): boolean {
    return this.write(stream, ':\n\n', this.now());
  }

  /** Tells the phone why (`ended`), then closes its stream; its page does not reconnect. */
  end(stream: PhoneStream, code: ErrorCode): void {
    const s = stream as OpenStream;
    if (!this.open.has(s)) return;
    const body = JSON.stringify(new AppError(code).toBody());
    s.socket.end(`event: ${TRACK_STREAM.ended}\ndata: ${body}\n\n`);
    this.forget(s);
  }

  /** Closes every stream at once (the server is shutting down); pages reconnect to the next one. */
  closeAll(): void {
    for (const s of this.open) s.socket.destroy();
    this.open.clear();
    this.byTicket.clear();
  }

  private write(stream: PhoneStream, text: string, now: number): boolean {
    const s = stream as OpenStream;
    if (!this.open.has(s) || s.socket.destroyed) return false;
    s.writtenAt = now;
    // A phone that reads nothing while data piles up in its socket is not a reader any more.
    if (s.socket.writableLength > MAX_UNREAD_BYTES) {
      s.socket.destroy();
      this.forget(s);
      return false;
    }
    s.socket.write(text);
    return true;
  }

  private forget(s: OpenStream): void {
    if (!this.open.delete(s)) return;
    const same = this.byTicket.get(s.ticketId);
    const i = same?.indexOf(s) ?? -1;
    if (same && i >= 0) same.splice(i, 1);
    if (same && !same.length) this.byTicket.delete(s.ticketId);
  }
}

/** An update is ~400 bytes: this is dozens of them unread. */
const MAX_UNREAD_BYTES = 16 * 1024;
