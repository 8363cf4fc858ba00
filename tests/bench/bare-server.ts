/**
 * The bare baseline: a plain Socket.IO server (no engine, no database) run as a child process by
 * `run.ts`. A counter's `ticket:call` is answered by broadcasting the same frames (event names and
 * byte sizes measured on the real server, given in BARE_FRAMES) to boards, kiosks and counters;
 * phones get `track:update`s of the measured size: BARE_TRACK_PER_SECOND of them a second, round
 * the phones (the real server's measured rate; default one per phone a second). Env: PORT,
 * BARE_FRAMES, BARE_TRACK_BYTES, BARE_TRACK_PER_SECOND.
 * With BARE_SQLITE_DIR, each call (and each complete and check-in) is first committed to a SQLite database there (WAL,
 * `synchronous=FULL`, on the event loop), as a durable server without an engine would: the
 * `--scale` sweep's baseline, so a slow fsync on a busy machine costs the baseline too.
 */
import { createServer } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Server } from 'socket.io';

const frames = JSON.parse(process.env.BARE_FRAMES ?? '[{"event":"queue:changes","bytes":900}]') as {
  event: string;
  bytes: number;
}[];
const trackBytes = Number(process.env.BARE_TRACK_BYTES ?? 300);
const http = createServer();
// The office server's heartbeat (server/src/app.ts): every client is pinged every 5 s, which at
// 3,000 phones is 600 pings and 600 pongs a second that the baseline must carry too.
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
  void socket.join(role === 'phone' ? 'phones' : role === 'counter' ? 'staff' : 'public');
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
setInterval(() => {
  if (trackPerSecond === null) {
    io.to('phones').emit('track:update', { pad: pad(trackBytes) });
    return;
  }
  const phones = [...(io.of('/').adapter.rooms.get('phones') ?? [])];
  for (let i = 0; i < Math.min(trackPerSecond, phones.length); i++) {
    const id = phones[nextPhone++ % phones.length] as string;
    io.of('/')
      .sockets.get(id)
      ?.emit('track:update', { pad: pad(trackBytes) });
  }
}, 1000).unref();

http.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const a = http.address();
  console.log(`listening ${typeof a === 'object' && a ? a.port : 0}`);
});
process.on('SIGTERM', () => process.exit(0));
