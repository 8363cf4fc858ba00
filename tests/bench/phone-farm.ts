/**
 * The scale sweep's phones, in a process of their own (`startPhoneFarm`): 3,000 real Socket.IO
 * clients decoding a `track:update` a second each kept the measuring process's event loop busy for
 * up to 33 ms at a time (measured), and that stall was then counted as the server's latency, for
 * the real server and the bare baseline alike. Real phones are separate devices; here they at least
 * do not share the event loop that times the boards.
 *
 * Each phone is a plain WebSocket speaking the Engine.IO v4 / Socket.IO v5 wire protocol itself:
 * the Socket.IO handshake with the phone's tracking token, answers to every ping, and a count of
 * the event frames it receives, without decoding them. With socket.io-client phones in this
 * process, the one-minute load rose to 3.3 and the server's call p99 to 48 ms at 3,000 phones; with
 * these, 1.5 and 22 ms (one run each, same server): on 2 cores the farm's CPU is the server's.
 *
 * Run as a child with an IPC channel; it answers each message once:
 * `{ op: 'connect', url, n, tokens?, role? }` → `{ connected, failures }` (phones follow `tokens`
 * round-robin, or connect with `{ role }` to the bare server); `{ op: 'count' }` → the frames
 * received since the last count and one frame's size; `{ op: 'close' }` → `{ closed }`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import WebSocket from 'ws';

type FarmRequest =
  | { op: 'connect'; url: string; n: number; tokens?: string[]; role?: string }
  | { op: 'count' }
  | { op: 'close' };

export interface FarmCount {
  frames: number;
  /** Bytes of one `track:update` payload as JSON (the bare baseline sends frames of this size). */
  trackBytes: number;
}

export interface PhoneFarm {
  connect(
    url: string,
    n: number,
    auth: { tokens: string[] } | { role: string },
  ): Promise<{ connected: number; failures: number }>;
  count(): Promise<FarmCount>;
  close(): Promise<void>;
  child: ChildProcess;
}

/** Starts the farm process (bounded: every request has a time limit). */
export function startPhoneFarm(): PhoneFarm {
  const child = fork(import.meta.filename, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ask = <T>(req: FarmRequest, timeoutMs: number): Promise<T> =>
    new Promise((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`phone farm: no answer to ${req.op}`)), timeoutMs);
      child.once('message', (m) => {
        clearTimeout(timer);
        ok(m as T);
      });
      child.send(req);
    });
  return {
    child,
    connect: (url, n, auth) =>
      ask(
        { op: 'connect', url, n, ...('tokens' in auth ? { tokens: auth.tokens } : { role: auth.role }) },
        300_000,
      ),
    count: () => ask({ op: 'count' }, 10_000),
    close: async () => {
      await ask({ op: 'close' }, 10_000).catch(() => undefined);
    },
  };
}

/** Engine.IO packet types (first byte of a text frame) and Socket.IO's, after a `4` (message). */
const EIO_OPEN = 0x30; // '0'
const EIO_PING = 0x32; // '2'
const EIO_MESSAGE = 0x34; // '4'
const SIO_CONNECT = 0x30; // '40'
const SIO_EVENT = 0x32; // '42'

interface RawPhone {
  close(): void;
}

/**
 * One phone: resolves once the server accepted its Socket.IO connection (`40{sid}`), rejects on a
 * refusal (`44…`), a close or `timeoutMs`.
 */
function rawPhone(
  url: string,
  auth: Record<string, unknown>,
  onEvent: (frame: Buffer) => void,
  timeoutMs: number,
): Promise<RawPhone> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
  return new Promise((ok, fail) => {
    let settled = false;
    const settle = (error: Error | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        ws.terminate();
        fail(error);
      } else ok({ close: () => ws.close() });
    };
    const timer = setTimeout(() => settle(new Error('phone: connect timeout')), timeoutMs);
    ws.on('message', (data: Buffer) => {
      const type = data[0];
      if (type === EIO_PING) ws.send('3');
      else if (type === EIO_OPEN) ws.send(`40${JSON.stringify(auth)}`);
      else if (type === EIO_MESSAGE) {
        if (data[1] === SIO_EVENT) onEvent(data);
        else if (data[1] === SIO_CONNECT) settle(null);
        else settle(new Error(`phone: refused ${data.toString().slice(0, 80)}`));
      }
    });
    ws.on('error', (e) => settle(e));
    ws.on('close', () => settle(new Error('phone: closed')));
  });
}

/** The child side: holds the phones. */
function serveFarm(): void {
  let phones: RawPhone[] = [];
  let frames = 0;
  let trackBytes = 0;
  const onEvent = (frame: Buffer) => {
    frames++;
    // `42["track:update",{…}]`: the payload's size, once (the bare server pads its frames to it).
    if (!trackBytes) {
      const [, payload] = JSON.parse(frame.subarray(2).toString()) as [string, unknown];
      trackBytes = JSON.stringify(payload).length;
    }
  };
  const reply = (m: unknown) => process.send?.(m);
  process.on('message', (req: FarmRequest) => {
    void (async () => {
      if (req.op === 'connect') {
        let failures = 0;
        // 200 at a time: a storm of 3,000 handshakes at once is not what the sweep measures.
        for (let i = 0; i < req.n; i += 200) {
          const batch = await Promise.all(
            Array.from({ length: Math.min(200, req.n - i) }, (_, k) =>
              rawPhone(
                req.url,
                req.tokens ? { trackToken: req.tokens[(i + k) % req.tokens.length] } : { role: req.role },
                onEvent,
                30_000,
              ).catch(() => null),
            ),
          );
          for (const p of batch)
            if (p) phones.push(p);
            else failures++;
        }
        reply({ connected: phones.length, failures });
      } else if (req.op === 'count') {
        reply({ frames, trackBytes } satisfies FarmCount);
        frames = 0;
      } else {
        for (const p of phones) p.close();
        phones = [];
        reply({ closed: true });
        process.disconnect();
      }
    })();
  });
  process.on('disconnect', () => process.exit(0));
}

if (process.send && process.argv[1] === import.meta.filename) serveFarm();
