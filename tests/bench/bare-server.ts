/**
 * The bare baseline: a plain Socket.IO server (no engine, no database) run as a child process by
 * `run.ts`. A counter's `ticket:call` is answered by broadcasting the same frames (event names and
 * byte sizes measured on the real server, given in BARE_FRAMES) to boards, kiosks and counters.
 * Phones are plain Server-Sent Events responses, as on the real server (`TRACK_STREAM` in shared/):
 * `GET /api/track/<anything>/events` gets the same headers, `retry:` and a first `track` event at
 * once, then `track` events of the measured size (BARE_TRACK_BYTES of data), BARE_TRACK_PER_SECOND
 * of them a second, round the phones (the real server's measured rate; default one per phone a
 * second), and a heartbeat comment on a stream written nothing for `TRACK_STREAM.heartbeatMs`.
 * Env: PORT, BARE_FRAMES, BARE_TRACK_BYTES, BARE_TRACK_PER_SECOND.
 * With BARE_SQLITE_DIR, each call (and each complete and check-in) is first committed to a SQLite database there (WAL,
 * `synchronous=FULL`, on the event loop), as a durable server without an engine would: the
 * `--scale` sweep's baseline, so a slow fsync on a busy machine costs the baseline too.
 */
import { createServer, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Server } from 'socket.io';
import { TRACK_STREAM } from '@giliran/shared';

const frames = JSON.parse(process.env.BARE_FRAMES ?? '[{"event":"queue:changes","bytes":900}]') as {
  event: string;
  bytes: number;
}[];
const trackBytes = Number(process.env.BARE_TRACK_BYTES ?? 300);

interface BarePhone {
  res: ServerResponse;
  /** When (ms) it was last written to, an update or a heartbeat. */
  writtenAt: number;
}
const phones = new Set<BarePhone>();
const EVENTS_PATH = /^\/api\/track\/[^/]+\/events$/;

/** One `track` event whose data (JSON, a time and padding) is `trackBytes` long, as the real ones. */
function sendTrack(phone: BarePhone, now: number): void {
  const bare = JSON.stringify({ at: now, pad: '' });
  const data = JSON.stringify({ at: now, pad: 'x'.repeat(Math.max(0, trackBytes - bare.length)) });
  phone.writtenAt = now;
  phone.res.write(`event: ${TRACK_STREAM.update}\ndata: ${data}\n\n`);
}

// Socket.IO (attached below) passes every request outside /socket.io/ on to this listener.
const http = createServer((req, res) => {
  if (req.method !== 'GET' || !EVENTS_PATH.test(new URL(req.url ?? '/', 'http://x').pathname)) {
    res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
    res.end('{"error":{"code":"not_found","message":"not found"}}');
    return;
  }
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-accel-buffering': 'no',
  });
  res.write(`retry: ${TRACK_STREAM.retryMs}\n\n`);
  const phone: BarePhone = { res, writtenAt: Date.now() };
  phones.add(phone);
  sendTrack(phone, Date.now());
  req.socket.once('close', () => phones.delete(phone));
});
// The office server's heartbeat (server/src/app.ts) for its Socket.IO clients (boards, kiosks,
// counters): every client is pinged every 5 s.
const io = new Server(http, {
  serveClient: false,
  maxHttpBufferSize: 1e6,
  pingInterval: 5_000,
  pingTimeout: 5_000,
});
const pad = (n: number) => 'x'.repeat(Math.max(0, n - 60));
const sqliteDir = process.env.BARE_SQLITE_DIR;
const db = sqliteDir ? new Database(join(sqliteDir, 'bare.db')) : null;
if (db) {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE IF NOT EXISTS calls (id TEXT PRIMARY KEY, at INTEGER NOT NULL, body TEXT NOT NULL)');
}
const insertCall = db?.prepare('INSERT INTO calls (id, at, body) VALUES (?, ?, ?)');

io.on('connection', (socket) => {
  const role = (socket.handshake.auth as { role?: string }).role ?? 'board';
  void socket.join(role === 'counter' ? 'staff' : 'public');
  // The other commands the sweep sends beside the calls (a complete after each call, paced
  // check-ins) are durable too: each is one FULL commit and an ack. Their frames to the screens
  // are already in BARE_FRAMES, which counts every frame a board got per call.
  for (const event of ['ticket:complete', 'checkin:confirm'])
    socket.on(event, (_payload: unknown, ack: (r: unknown) => void) => {
      insertCall?.run(`${Date.now()}-${Math.random()}`, Date.now(), pad(300));
      ack({ ok: true, data: { tickets: [] } });
    });
  socket.on('ticket:call', (_payload: unknown, ack: (r: unknown) => void) => {
    const id = `${Date.now()}-${Math.random()}`;
    insertCall?.run(id, Date.now(), pad(300));
    ack({ ok: true, data: { tickets: [{ id }] } });
    for (const f of frames) {
      const body =
        f.event === 'queue:changes'
          ? { calls: [{ ticketIds: [id], recall: 0 }], pad: pad(f.bytes) }
          : { pad: pad(f.bytes) };
      io.to(['public', 'staff']).emit(f.event, body);
    }
  });
});
const trackPerSecond = process.env.BARE_TRACK_PER_SECOND ? Number(process.env.BARE_TRACK_PER_SECOND) : null;
let nextPhone = 0;
// As the real server's phone round (server/src/phones/phone-tracking.ts): once a second, the
// phones due get their update, and the others a heartbeat when written nothing for a while.
setInterval(() => {
  const now = Date.now();
  const list = [...phones];
  const updates = trackPerSecond === null ? list.length : Math.min(trackPerSecond, list.length);
  const due = new Set<BarePhone>();
  for (let i = 0; i < updates; i++) due.add(list[nextPhone++ % list.length] as BarePhone);
  for (const phone of list)
    if (due.has(phone)) sendTrack(phone, now);
    else if (now - phone.writtenAt >= TRACK_STREAM.heartbeatMs) {
      phone.writtenAt = now;
      phone.res.write(':\n\n');
    }
}, 1000).unref();

http.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const a = http.address();
  console.log(`listening ${typeof a === 'object' && a ? a.port : 0}`);
});
process.on('SIGTERM', () => process.exit(0));
