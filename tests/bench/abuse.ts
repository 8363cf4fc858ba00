/**
 * `npm run bench:abuse --workspace tests -- [--seconds 5] [--json FILE]`, or `npm run bench -- --abuse`
 *
 * Guessing storms against a real server process (demo day) on loopback, through the public
 * interfaces only, so the same script measures any version of the server:
 * - login: 16 concurrent wrong-password loops from 127.0.0.1 (one user, then many usernames, then
 *   many usernames from 64 addresses), while a real officer signs in from 127.0.0.2 every 250 ms
 *   (its latency is the figure that matters);
 * - pairing: 16 concurrent loops of wrong 8-digit codes from 127.0.0.1;
 * - booking look-up: one kiosk socket, 16 look-ups in flight, random booking codes.
 * `/api/health` is sampled every 50 ms during each storm.
 * "Answered" counts the guesses the server actually judged (a wrong password/code, a booking found
 * or not found); refusals by a rate limit or a busy server are counted apart.
 * Every loop is bounded in time; the server is killed on exit.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { seededRandom } from '@giliran/shared';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { DEMO_PASSWORD } from '@giliran/server';
import { command, connect, percentiles, repoRoot, sleep, type Percentiles } from './lib.ts';
import { postFrom as post } from '../support/clients.ts';

const CONCURRENCY = 16;

interface StormResult {
  seconds: number;
  /** Guesses the server judged, per second (the attacker's useful rate). */
  answeredPerSecond: number;
  answered: number;
  /** Refused by a limit (429) or because the server was busy (503), or failed. */
  refused: Record<string, number>;
  /** `GET /api/health` latency during the storm. */
  healthMs: Percentiles;
}

async function storm(
  url: string,
  seconds: number,
  /** Resolves 'answered' for a judged guess, else the refusal's name. */
  attempt: (i: number) => Promise<string>,
): Promise<StormResult> {
  const deadline = performance.now() + seconds * 1000;
  // DESIGN §9: under attack, /api/health stays answered (p99 ≤ 50 ms); sampled every 50 ms.
  const health: number[] = [];
  const sampler = (async () => {
    while (performance.now() < deadline) {
      const t = performance.now();
      const r = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(10_000) }).catch(() => null);
      if (r?.ok) health.push(performance.now() - t);
      await r?.arrayBuffer();
      await sleep(50);
    }
  })();
  let answered = 0;
  let n = 0;
  const refused: Record<string, number> = {};
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const outcome = await attempt(n++);
        if (outcome === 'answered') answered++;
        else refused[outcome] = (refused[outcome] ?? 0) + 1;
      }
    }),
  );
  await sampler;
  const s = (performance.now() - t0) / 1000;
  return {
    seconds: Math.round(s * 10) / 10,
    answeredPerSecond: Math.round((answered / s) * 10) / 10,
    answered,
    refused,
    healthMs: percentiles(health),
  };
}

const httpOutcome = (r: { status: number }, judged: number): string =>
  r.status === judged ? 'answered' : `http ${r.status}`;

/** A login storm; meanwhile the real officer signs in from another address every 250 ms. */
async function loginStorm(
  srv: ServerProcess,
  seconds: number,
  username: (i: number) => string,
  from: (i: number) => string = () => '127.0.0.1',
): Promise<StormResult & { realSignInMs: Percentiles; realSignInFailures: number }> {
  const real: number[] = [];
  let realFailures = 0;
  let running = true;
  const officer = (async () => {
    while (running) {
      const r = await post(
        srv.url,
        '/api/login',
        { username: 'petugas1', password: DEMO_PASSWORD },
        '127.0.0.2',
      );
      if (r.status === 200) real.push(r.ms);
      else realFailures++;
      await sleep(250);
    }
  })();
  const result = await storm(srv.url, seconds, async (i) =>
    httpOutcome(
      await post(srv.url, '/api/login', { username: username(i), password: `wrong-${i}` }, from(i)),
      401,
    ),
  );
  running = false;
  await officer;
  return { ...result, realSignInMs: percentiles(real), realSignInFailures: realFailures };
}

export async function runAbuse(opts: {
  seconds: number;
  log?: (...a: unknown[]) => void;
}): Promise<Record<string, unknown>> {
  const log = opts.log ?? (() => undefined);
  // The production bundle through bin/giliran-server (its malloc tuning matters for scrypt), as
  // `npm start` and the load bench run it.
  execFileSync('npm', ['run', 'build', '--workspace', 'server'], { cwd: repoRoot, stdio: 'ignore' });
  const srv = await startServerProcess({ clockStart: '2026-03-10T10:00', entry: 'built' }, 30_000);
  try {
    // Baseline: a real sign-in with nothing else going on.
    const quiet: number[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await post(
        srv.url,
        '/api/login',
        { username: 'petugas1', password: DEMO_PASSWORD },
        '127.0.0.2',
      );
      if (r.status === 200) quiet.push(r.ms);
    }
    log('login storm on one user…');
    const loginOneUser = await loginStorm(srv, opts.seconds, () => 'petugas2');
    log(loginOneUser);
    log('login storm spraying usernames…');
    const rand = seededRandom(3);
    const loginSpray = await loginStorm(srv, opts.seconds, () => `guess${Math.floor(rand() * 1e6)}`);
    log(loginSpray);
    // Many attackers: 64 addresses, so the per-address limits let more guesses through to scrypt.
    log('login storm from 64 addresses…');
    const loginDistributed = await loginStorm(
      srv,
      opts.seconds,
      () => `guess${Math.floor(rand() * 1e6)}`,
      (i) => `127.0.10.${(i % 64) + 1}`,
    );
    log(loginDistributed);

    log('pairing storm…');
    const pairing = await storm(srv.url, opts.seconds, async (i) =>
      httpOutcome(
        await post(
          srv.url,
          '/api/pair',
          { code: String(10_000_000 + ((i * 7919) % 89_999_999)) },
          '127.0.0.1',
        ),
        401,
      ),
    );
    log(pairing);

    log('booking-code look-up storm…');
    const kiosk = await connect(srv.url, { token: 'demo-kiosk-1' }, { reconnection: false });
    const lookups = await storm(srv.url, opts.seconds, async (i) => {
      const r = await command(kiosk, 'checkin:lookup', {
        method: 'code',
        value: `ZZ${String(i).padStart(6, '0')}`,
      });
      return r.ok || r.error.code === 'booking_not_found' ? 'answered' : r.error.code;
    });
    kiosk.close();
    log(lookups);

    return {
      at: new Date().toISOString(),
      seconds: opts.seconds,
      concurrency: CONCURRENCY,
      quietSignInMs: percentiles(quiet),
      loginOneUser,
      loginSpray,
      loginDistributed,
      pairing,
      bookingCodeLookups: lookups,
    };
  } finally {
    await srv.close('SIGKILL');
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { seconds: { type: 'string', default: '5' }, json: { type: 'string' } },
  });
  const hardStop = setTimeout(() => {
    console.error('abuse bench: hard time limit reached');
    process.exit(2);
  }, 180_000);
  hardStop.unref();
  runAbuse({ seconds: Number(values.seconds), log: (...a) => console.log('[abuse]', ...a) })
    .then((r) => {
      console.log(JSON.stringify(r, null, 2));
      if (values.json) writeFileSync(values.json, JSON.stringify(r, null, 2));
      process.exit(0);
    })
    .catch((e: unknown) => {
      console.error('abuse bench failed:', e);
      process.exit(1);
    });
}
