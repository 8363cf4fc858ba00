import type { CentralLink, IngestResult } from '@giliran/shared';
import type { Clock } from '../clock.ts';
import type { Db } from '../store/database.ts';

/** How long to wait before looking again when everything is shipped. */
export const IDLE_POLL_MS = 1_000;
/** First retry delay; doubles per failure up to the link's `retryMaxSeconds`. */
export const RETRY_BASE_MS = 1_000;
/** A request that has not answered by then is abandoned (and retried). */
export const REQUEST_TIMEOUT_MS = 15_000;

export interface ShipperStatus {
  /** `idle`: all shipped; `sending`; `waiting`: backing off after a failure; `stopped`. */
  state: 'idle' | 'sending' | 'waiting' | 'stopped';
  shipped: number;
  lastShippedSeq: number | null;
  consecutiveFailures: number;
  /** Failed attempts since start (a request refused, unanswered or not sent). */
  failedAttempts: number;
  lastError: string | null;
}

export interface ShipperDeps {
  /** The shipper's own connection to the office database (see `startOutbox`). */
  db: Db;
  officeCode: string;
  timeZone: string;
  link: CentralLink;
  /** Reads the office token (async: a file); null when there is none yet. */
  readToken: () => Promise<string | null>;
  clock: Clock;
  log?: (message: string) => void;
  random?: () => number;
}

/**
 * Delay before retry number `failures` (1, 2, …): exponential from `baseMs`, capped at `maxMs`, with
 * "equal jitter" (half fixed, half random) so a hundred offices cut off together do not come back
 * in lockstep. Retries are bounded in rate, never in count: giving up would lose events.
 */
export function retryDelayMs(failures: number, baseMs: number, maxMs: number, random: () => number): number {
  const cap = Math.min(maxMs, baseMs * 2 ** Math.min(30, Math.max(0, failures - 1)));
  return cap / 2 + random() * (cap / 2);
}

interface OutboxRow {
  seq: number;
  office_code: string;
  type: string;
  day: string;
  payload: string;
  created_at: number;
}

/**
 * Sends unshipped outbox rows to central in order, a small batch per request, and marks them
 * shipped once central has stored them. Idempotent end to end: central keys events on (office code,
 * seq), so a batch sent twice (an answer lost, a restart before marking) is stored once. Everything
 * on the event loop is bounded by the batch size: one indexed read, one string join, one short write
 * on its own connection that never waits for a lock and never fsyncs; the request is async.
 */
export class OutboxShipper {
  private readonly nextBatch;
  private readonly markShipped;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly abort = new AbortController();
  private readonly current: ShipperStatus = {
    state: 'idle',
    shipped: 0,
    lastShippedSeq: null,
    consecutiveFailures: 0,
    failedAttempts: 0,
    lastError: null,
  };

  constructor(private readonly deps: ShipperDeps) {
    this.nextBatch = deps.db.prepare(
      'SELECT seq, office_code, type, day, payload, created_at FROM outbox WHERE shipped_at IS NULL ORDER BY seq LIMIT ?',
    );
    this.markShipped = deps.db.prepare(
      'UPDATE outbox SET shipped_at = ? WHERE shipped_at IS NULL AND seq BETWEEN ? AND ?',
    );
  }

  start(): void {
    this.schedule(0);
  }

  status(): ShipperStatus {
    return { ...this.current };
  }

  /** Stops after the request under way (abandoned at once: it is simply sent again next time). */
  async stop(): Promise<void> {
    this.current.state = 'stopped';
    if (this.timer) clearTimeout(this.timer);
    this.abort.abort();
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.current.state === 'stopped') return;
    this.timer = setTimeout(() => {
      this.running = this.shipOnce().catch((e: unknown) => this.failed(String(e)));
    }, ms);
    this.timer.unref();
  }

  private log(message: string): void {
    (this.deps.log ?? ((m: string) => console.log(m)))(`[central] ${message}`);
  }

  private async shipOnce(): Promise<void> {
    const { link } = this.deps;
    const rows = this.nextBatch.all(link.batchSize) as OutboxRow[];
    if (!rows.length) {
      this.current.state = 'idle';
      this.schedule(IDLE_POLL_MS);
      return;
    }
    // One office code per request (it changes only if the configuration's code was changed).
    const code = (rows[0] as OutboxRow).office_code;
    const cut = rows.findIndex((r) => r.office_code !== code);
    const batch = cut === -1 ? rows : rows.slice(0, cut);
    const token = await this.deps.readToken();
    if (!token) return this.failed(`no office token in ${link.tokenFile}`);
    this.current.state = 'sending';
    // The payloads are stored as JSON: spliced in as they are, not parsed and serialized again.
    const events = batch.map(
      (r) =>
        `{"seq":${r.seq},"type":${JSON.stringify(r.type)},"at":${r.created_at},"day":${JSON.stringify(r.day)},"payload":${r.payload}}`,
    );
    const body = `{"officeCode":${JSON.stringify(code)},"timeZone":${JSON.stringify(this.deps.timeZone)},"events":[${events.join(',')}]}`;
    let res: Response;
    try {
      res = await fetch(new URL('api/ingest', link.url.endsWith('/') ? link.url : `${link.url}/`), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
      });
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      return this.failed(`cannot reach central: ${err.cause?.code ?? err.message}`);
    }
    const text = await res.text().catch(() => '');
    if (!res.ok) {
      let message = text.slice(0, 200);
      try {
        message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
      } catch {
        // not JSON: keep the text
      }
      return this.failed(`central refused the batch (HTTP ${res.status}): ${message}`);
    }
    const first = (batch[0] as OutboxRow).seq;
    const last = (batch[batch.length - 1] as OutboxRow).seq;
    try {
      this.markShipped.run(this.deps.clock.now(), first, last);
    } catch (e) {
      // Busy (e.g. an import holds the write lock): the batch is sent again and central drops it.
      this.log(`could not mark ${first}–${last} shipped yet: ${(e as Error).message}`);
    }
    try {
      const result = JSON.parse(text) as IngestResult;
      if (result.invalid) this.log(`central stored ${result.invalid} malformed events of ${first}–${last}`);
    } catch {
      // an answer without counts still means stored
    }
    if (this.current.consecutiveFailures)
      this.log(`central reached again after ${this.current.consecutiveFailures} failed attempts`);
    this.current.consecutiveFailures = 0;
    this.current.lastError = null;
    this.current.shipped += batch.length;
    this.current.lastShippedSeq = last;
    this.schedule(rows.length === link.batchSize ? 0 : IDLE_POLL_MS);
  }

  private failed(error: string): void {
    const n = ++this.current.consecutiveFailures;
    this.current.failedAttempts++;
    const delay = retryDelayMs(
      n,
      RETRY_BASE_MS,
      this.deps.link.retryMaxSeconds * 1000,
      this.deps.random ?? Math.random,
    );
    // Say it when it starts, when it changes, and now and then: not once per retry for an hour.
    if (n === 1 || error !== this.current.lastError || n % 20 === 0)
      this.log(`${error}; events stay in the outbox, attempt ${n}, next in ${(delay / 1000).toFixed(1)} s`);
    this.current.lastError = error;
    this.current.state = this.current.state === 'stopped' ? 'stopped' : 'waiting';
    this.schedule(delay);
  }
}
