/**
 * The benches' phones, in a process of their own (`startPhoneFarm`): thousands of phones decoding
 * their updates in the measuring process kept its event loop busy for up to 33 ms at a time
 * (measured with Socket.IO phones), and that stall was then counted as the server's latency, for
 * the real server and the bare baseline alike. Real phones are separate devices; here they at least
 * do not share the event loop that times the boards.
 *
 * Each phone is what the `/t/<token>` page's EventSource is: one plain HTTP GET of
 * `/api/track/:token/events` (`TRACK_STREAM` in shared/) on its own connection, kept open. The farm
 * counts the `track` events in it, by `\n\n`-terminated blocks (an event may arrive split across
 * chunks, or several in one), without decoding their JSON. `tests/support/phone-stream.ts` is the
 * phone for tests that read the updates; it is too heavy for thousands.
 *
 * Run as a child with an IPC channel; each request carries an id and is answered once with it:
 * `{ op: 'connect', url, n, tokens }` → `{ connected, failures }` (n phones following `tokens`
 * round-robin; a phone counts as connected once its first update arrived); `{ op: 'count' }` → the
 * frames received since the last count (`FarmCount`); `{ op: 'drop' }` → every phone leaves;
 * `{ op: 'close' }` → the phones leave and the farm exits.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { TRACK_STREAM } from '@giliran/shared';
import { readEventStream } from '../support/phone-stream.ts';

type FarmRequest =
  | { op: 'connect'; url: string; n: number; tokens: string[] }
  | { op: 'count' }
  | { op: 'drop' }
  | { op: 'close' };

export interface FarmCount {
  /** `track` events received since the last count. */
  frames: number;
  /**
   * Mean bytes of those events' data (one `TrackUpdate` as JSON; the last known size when none
   * came): the bare baseline sends events of this size.
   */
  trackBytes: number;
  /** Phones whose stream is open now. */
  open: number;
  /** Streams that ended since the farm started, by the server (`ended`, a close) or a network error. */
  lost: number;
}

export interface PhoneFarm {
  /** `n` more phones, following `tokens` round-robin (the server keeps at most 4 streams a ticket). */
  connect(url: string, n: number, tokens: string[]): Promise<{ connected: number; failures: number }>;
  count(): Promise<FarmCount>;
  /** Every phone leaves (closes its page); the farm stays for the next ones. */
  drop(): Promise<void>;
  close(): Promise<void>;
  child: ChildProcess;
}

/** Starts the farm process (bounded: every request has a time limit). */
export function startPhoneFarm(): PhoneFarm {
  const child = fork(import.meta.filename, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, (m: unknown) => void>();
  let nextId = 0;
  child.on('message', (m: { id: number }) => {
    waiting.get(m.id)?.(m);
    waiting.delete(m.id);
  });
  const ask = <T>(req: FarmRequest, timeoutMs: number): Promise<T> =>
    new Promise((ok, fail) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        fail(new Error(`phone farm: no answer to ${req.op}`));
      }, timeoutMs);
      waiting.set(id, (m) => {
        clearTimeout(timer);
        ok(m as T);
      });
      child.send({ ...req, id });
    });
  return {
    child,
    connect: (url, n, tokens) => ask({ op: 'connect', url, n, tokens }, 300_000),
    count: () => ask({ op: 'count' }, 10_000),
    drop: async () => {
      await ask({ op: 'drop' }, 10_000);
    },
    close: async () => {
      await ask({ op: 'close' }, 10_000).catch(() => undefined);
    },
  };
}

interface SsePhone {
  /** False once the stream has ended, whoever ended it. */
  readonly open: boolean;
  /** The phone leaves (closes its page): not counted as lost. */
  leave(): void;
}

/**
 * One phone: resolves once its stream is open and the greeting update has arrived; rejects on a
 * refusal (any answer but a `text/event-stream`), an error, a close before that or `timeoutMs`.
 * `onTrack` gets each `track` event's data length; `onLost` runs once if the server ends or drops
 * the stream later.
 */
function ssePhone(
  url: string,
  token: string,
  onTrack: (dataBytes: number) => void,
  onLost: () => void,
  timeoutMs: number,
): Promise<SsePhone> {
  const req = request(`${url}/api/track/${encodeURIComponent(token)}/events`, {
    headers: { accept: 'text/event-stream' },
    agent: false,
  });
  let open = true;
  let leaving = false;
  const phone: SsePhone = {
    get open() {
      return open;
    },
    leave() {
      leaving = true;
      req.destroy();
    },
  };
  return new Promise((ok, fail) => {
    let settled = false;
    const settle = (error: Error | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        phone.leave();
        fail(error);
      } else ok(phone);
    };
    const timer = setTimeout(() => settle(new Error('phone: no update in time')), timeoutMs);
    req.on('error', (e) => settle(e));
    req.on('close', () => {
      open = false;
      if (!settled) settle(new Error('phone: closed before its first update'));
      else if (!leaving) onLost();
    });
    req.on('response', (res) => {
      if (res.statusCode !== 200 || !res.headers['content-type']?.startsWith('text/event-stream')) {
        res.resume();
        settle(new Error(`phone: refused with ${res.statusCode}`));
        return;
      }
      readEventStream(res, (event) => {
        if (event.name !== TRACK_STREAM.update) return;
        onTrack(event.data.length);
        settle(null);
      });
      res.on('error', () => undefined); // the request's `close` says it
    });
    req.end();
  });
}

/** The child side: holds the phones. */
function serveFarm(): void {
  let phones: SsePhone[] = [];
  let frames = 0;
  let bytes = 0;
  let trackBytes = 0;
  let lost = 0;
  const onTrack = (n: number) => {
    frames++;
    bytes += n;
  };
  const onLost = () => lost++;
  const leaveAll = () => {
    for (const p of phones) p.leave();
    phones = [];
  };
  const reply = (id: number, m: object) => process.send?.({ ...m, id });
  process.on('message', (req: FarmRequest & { id: number }) => {
    void (async () => {
      if (req.op === 'connect') {
        let failures = 0;
        // 200 at a time: a storm of 3,000 connections at once is not what the sweep measures.
        for (let i = 0; i < req.n; i += 200) {
          const batch = await Promise.all(
            Array.from({ length: Math.min(200, req.n - i) }, (_, k) =>
              ssePhone(
                req.url,
                req.tokens[(i + k) % req.tokens.length] as string,
                onTrack,
                onLost,
                30_000,
              ).catch(() => null),
            ),
          );
          for (const p of batch)
            if (p) phones.push(p);
            else failures++;
        }
        reply(req.id, { connected: phones.length, failures });
      } else if (req.op === 'count') {
        if (frames) trackBytes = Math.round(bytes / frames);
        const open = phones.filter((p) => p.open).length;
        reply(req.id, { frames, trackBytes, open, lost } satisfies FarmCount);
        frames = 0;
        bytes = 0;
      } else if (req.op === 'drop') {
        leaveAll();
        reply(req.id, { dropped: true });
      } else {
        leaveAll();
        reply(req.id, { closed: true });
        process.disconnect();
      }
    })();
  });
  process.on('disconnect', () => process.exit(0));
}

if (process.send && process.argv[1] === import.meta.filename) serveFarm();
