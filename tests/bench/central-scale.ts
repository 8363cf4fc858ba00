/**
 * `npm run bench:central -- [--offices 125] [--days 250] [--tickets 250] [--ingest-events 100000]
 * [--ingest-offices 20] [--batch 200] [--runs 15] [--dir DIR] [--keep] [--quick] [--json FILE]`
 *
 * Central reporting at the scale of every immigration office for a year (issue 13): a throwaway
 * PostgreSQL cluster gets `offices` × `days` × `tickets` applicants × 6 events each (125 × 250 ×
 * 250 × 6 ≈ 47 million events), generated in SQL with generate_series into the real schema; the
 * rollups are then counted by the same statement ingest uses (`rebuildRollups`). On top of that
 * year it measures (a) the ingest rate through the real HTTP ingest of the central service (a
 * child process), offices sending batches concurrently as their shippers do, and (b) the
 * dashboard's main queries, as pages over HTTP and as SQL: p50/p95/max of `runs` runs each.
 * `--dir DIR --keep` keeps the generated cluster; a later run with the same `--dir` reuses it.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  addOffice,
  addViewer,
  createPool,
  ensureMonthPartitions,
  hourProfile,
  issueOfficeToken,
  migrate,
  officeDays,
  overview,
  rebuildRollups,
  type Pool,
} from '@giliran/central';
import { startCluster, type Cluster } from '@giliran/central/dev';
import type { CentralEvent, IngestBatch } from '@giliran/shared';
import { percentiles, type Percentiles } from './lib.ts';
import { startCentralProcess, type CentralProcess } from '../support/central.ts';
import { makeTempDir, removeTempDir } from '../support/temp-dir.ts';

const { values: args } = parseArgs({
  options: {
    offices: { type: 'string' },
    days: { type: 'string' },
    tickets: { type: 'string' },
    'ingest-events': { type: 'string' },
    'ingest-offices': { type: 'string' },
    batch: { type: 'string' },
    runs: { type: 'string' },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});
const quick = args.quick ?? false;
const num = (v: string | undefined, full: number, small: number) => (v ? Number(v) : quick ? small : full);
const opts = {
  offices: num(args.offices, 125, 125),
  days: num(args.days, 250, 10),
  tickets: num(args.tickets, 250, 250),
  ingestEvents: num(args['ingest-events'], 100_000, 20_000),
  ingestOffices: num(args['ingest-offices'], 20, 10),
  batch: num(args.batch, 200, 200),
  runs: num(args.runs, 15, 5),
};
const EVENTS_PER_TICKET = 6;
const PASSWORD = 'bench-password-1';

const log = (...a: unknown[]) =>
  console.log(`[bench:central ${(performance.now() / 1000).toFixed(1)}s]`, ...a);

/** 33 regions (Kantor Wilayah), offices spread over them; zones as in Indonesia (WIB/WITA/WIT). */
function officeList(n: number) {
  const zones = ['Asia/Jakarta', 'Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'];
  return Array.from({ length: n }, (_, i) => {
    const code = String.fromCharCode(65 + Math.floor(i / 676), 65 + (Math.floor(i / 26) % 26), 65 + (i % 26));
    return {
      code: `K${code}`,
      name: `Kantor Imigrasi ${i + 1}`,
      region: `Wilayah ${(i % 33) + 1}`,
      timeZone: zones[i % 4] as string,
    };
  });
}

/**
 * One month of the year in one INSERT: every office × working day × applicant × event. Per
 * applicant: issued; called at stage 0 after a wait of 0–119 min; then either started, transferred,
 * called at stage 1, completed (and every 5th answers the survey, else a second `started`), or —
 * every 25th — recalled twice and marked a no-show (plus a reprint).
 */
const GENERATE_MONTH = `
INSERT INTO events (office_id, day, seq, type, at, payload)
SELECT o.id, d.day, ((d.idx * $3::int + t) * 6 + k + 1)::bigint,
  CASE WHEN t % 25 = 24
    THEN (ARRAY['ticket.issued','ticket.called','ticket.recalled','ticket.recalled','ticket.no_show','ticket.reprinted'])[k + 1]
    ELSE (ARRAY['ticket.issued','ticket.called','ticket.started','ticket.transferred','ticket.called',
      CASE WHEN t % 5 = 0 THEN 'survey.answered' ELSE 'ticket.completed' END])[k + 1] END,
  ((d.day + time '07:30') AT TIME ZONE o.time_zone)
    + make_interval(secs => t * (30600.0 / $3::int) + CASE k WHEN 0 THEN 0 WHEN 1 THEN w0 WHEN 2 THEN w0 + 60
      WHEN 3 THEN w0 + s0 WHEN 4 THEN w0 + s0 + w1 ELSE w0 + s0 + w1 + s1 END),
  CASE
    WHEN t % 25 <> 24 AND t % 5 = 0 AND k = 5 THEN jsonb_build_object('answers',
      jsonb_build_array(3 + t % 2, 4, 3, 3 + (t / 5) % 2, 4, 3, 4, 3 + (t / 10) % 2, 4))
    ELSE jsonb_build_object(
      'number', chr(65 + (t % 4)) || lpad((t / 4 + 1)::text, 3, '0'),
      'serviceId', 'mpaspor',
      'stageId', CASE WHEN k < 4 OR t % 25 = 24 THEN 'verifikasi' ELSE 'foto' END,
      'stageIndex', CASE WHEN k < 4 OR t % 25 = 24 THEN 0 ELSE 1 END,
      'counterId', 'loket-' || (1 + t % 6),
      'priority', t % 10 = 9,
      'booked', t % 10 < 6,
      'durationMs', CASE
        WHEN k = 1 THEN w0 * 1000
        WHEN t % 25 = 24 THEN NULL
        WHEN k = 3 THEN s0 * 1000 WHEN k = 4 THEN w1 * 1000 WHEN k = 5 THEN s1 * 1000 END)
  END
FROM offices o
CROSS JOIN bench_days d
CROSS JOIN generate_series(0, $3::int - 1) AS t
CROSS JOIN LATERAL (SELECT
  (abs(hashint4(o.id * 7919 + d.idx * 104729 + t)) % 7200) AS w0,
  180 + (abs(hashint4(o.id * 31 + t * 17 + d.idx)) % 420) AS s0,
  (abs(hashint4(o.id + t * 13 + d.idx * 7)) % 1800) AS w1,
  240 + (abs(hashint4(o.id * 3 + t + d.idx * 11)) % 480) AS s1) AS r
CROSS JOIN generate_series(0, 5) AS k
WHERE d.day >= $1::date AND d.day < $2::date`;

/** A statement that may take minutes at this size (the pool's statement timeout is a minute). */
async function untimed(pool: Pool, sql: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SET statement_timeout = 0');
    await client.query(sql);
  } finally {
    client.release();
  }
}

async function generateYear(
  pool: Pool,
): Promise<{ seconds: number; events: number; firstDay: string; lastDay: string }> {
  const t0 = performance.now();
  // The year's working days: Monday–Friday from 2025-01-02, `days` of them.
  await pool.query('DROP TABLE IF EXISTS bench_days');
  await pool.query(
    `CREATE TABLE bench_days AS
     SELECT day::date AS day, (row_number() OVER (ORDER BY day) - 1)::int AS idx
     FROM generate_series('2025-01-02'::date, '2027-12-31'::date, interval '1 day') AS day
     WHERE extract(isodow FROM day) < 6 ORDER BY day LIMIT $1`,
    [opts.days],
  );
  const { rows } = await pool.query<{ first: string; last: string }>(
    'SELECT min(day)::text AS first, max(day)::text AS last FROM bench_days',
  );
  const firstDay = rows[0]?.first as string;
  const lastDay = rows[0]?.last as string;
  const months: string[] = [];
  for (let m = `${firstDay.slice(0, 7)}-01`; m <= lastDay;) {
    months.push(m);
    const [y, mo] = [Number(m.slice(0, 4)), Number(m.slice(5, 7))];
    m = mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`;
  }
  await ensureMonthPartitions(pool, months);
  let events = 0;
  for (const [i, m] of months.entries()) {
    const next = months[i + 1] ?? '2100-01-01';
    const client = await pool.connect();
    try {
      await client.query('SET synchronous_commit = off');
      await client.query('SET statement_timeout = 0');
      const r = await client.query(GENERATE_MONTH, [m, next, opts.tickets]);
      events += r.rowCount ?? 0;
    } finally {
      client.release();
    }
    log(`generated ${m.slice(0, 7)}: ${events.toLocaleString('en')} events so far`);
  }
  // Offices' bookkeeping as ingest would have left it.
  await untimed(
    pool,
    `UPDATE offices o SET max_seq = s.m, events_received = s.n, last_received_at = s.last, last_event_at = s.last
     FROM (SELECT office_id, max(seq) AS m, count(*) AS n, max(at) AS last FROM events GROUP BY office_id) s
     WHERE s.office_id = o.id`,
  );
  return { seconds: (performance.now() - t0) / 1000, events, firstDay, lastDay };
}

/** Realistic batches for one office's next day, in the office's own event shapes. */
function officeDayBatches(
  code: string,
  day: string,
  start: number,
  count: number,
  batch: number,
): IngestBatch[] {
  const events: CentralEvent[] = [];
  const base = Date.parse(`${day}T00:30:00Z`);
  for (let i = 0; events.length < count; i++) {
    const t = Math.floor(i / EVENTS_PER_TICKET);
    const k = i % EVENTS_PER_TICKET;
    const number = `A${String(t + 1).padStart(3, '0')}`;
    const type = [
      'ticket.issued',
      'ticket.called',
      'ticket.started',
      'ticket.transferred',
      'ticket.called',
      'ticket.completed',
    ][k] as string;
    const payload =
      k === 0
        ? {
            number,
            serviceId: 'mpaspor',
            stageIndex: 0,
            priority: false,
            booked: true,
            applicationType: 'baru',
            windowStart: base,
            windowEnd: base + 3_600_000,
          }
        : {
            number,
            serviceId: 'mpaspor',
            stageId: k < 4 ? 'verifikasi' : 'foto',
            stageIndex: k < 4 ? 0 : 1,
            counterId: `loket-${1 + (t % 6)}`,
            priority: false,
            booked: true,
            applicationType: 'baru',
            ...(k === 1 || k >= 3 ? { durationMs: (t % 90) * 60_000 } : {}),
          };
    events.push({ seq: start + i, type, at: base + t * 120_000 + k * 60_000, day, payload });
  }
  const out: IngestBatch[] = [];
  for (let i = 0; i < events.length; i += batch)
    out.push({ officeCode: code, timeZone: 'Asia/Jakarta', events: events.slice(i, i + batch) });
  return out;
}

async function measureIngest(
  central: CentralProcess,
  tokens: { code: string; token: string; nextSeq: number }[],
  day: string,
): Promise<{
  events: number;
  seconds: number;
  eventsPerSecond: number;
  batchMs: Percentiles;
  duplicatesRejected: number;
}> {
  const per = Math.ceil(opts.ingestEvents / tokens.length);
  const plans = tokens.map((t) => officeDayBatches(t.code, day, t.nextSeq, per, opts.batch));
  const batchMs: number[] = [];
  let events = 0;
  let dup = 0;
  const t0 = performance.now();
  // Each office sends its batches one after another, as its shipper does; offices in parallel.
  await Promise.all(
    plans.map(async (batches, i) => {
      for (const b of batches) {
        const s = performance.now();
        const res = await fetch(`${central.url}/api/ingest`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i]?.token}` },
          body: JSON.stringify(b),
        });
        const body = (await res.json()) as { accepted: number; duplicates: number };
        if (!res.ok) throw new Error(`ingest ${res.status} ${JSON.stringify(body)}`);
        batchMs.push(performance.now() - s);
        events += body.accepted;
        dup += body.duplicates;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return {
    events,
    seconds,
    eventsPerSecond: Math.round(events / seconds),
    batchMs: percentiles(batchMs),
    duplicatesRejected: dup,
  };
}

async function timeIt(runs: number, fn: () => Promise<unknown>): Promise<Percentiles> {
  await fn(); // warm-up (plans, caches)
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    ms.push(performance.now() - s);
  }
  return percentiles(ms);
}

async function main(): Promise<void> {
  log('options', opts, { cpus: cpus().length, loadavg: loadavg() });
  const dir = args.dir ?? makeTempDir('central-bench');
  const reuse = existsSync(join(dir, 'pgdata', 'PG_VERSION'));
  const cluster: Cluster = await startCluster({
    dir,
    settings: {
      shared_buffers: "'1GB'",
      work_mem: "'32MB'",
      maintenance_work_mem: "'512MB'",
      max_wal_size: "'8GB'",
      checkpoint_timeout: "'30min'",
      max_connections: 60,
    },
  });
  let central: CentralProcess | null = null;
  const cleanup = async () => {
    await central?.stop();
    if (args.keep) await cluster.stop();
    else await cluster.destroy();
  };
  try {
    const url = reuse ? cluster.url('giliran_central') : await cluster.createDatabase('giliran_central');
    const pool = createPool(url, 8);
    await migrate(pool);
    const offices = officeList(opts.offices);
    let gen: Awaited<ReturnType<typeof generateYear>> | null = null;
    if (!reuse) {
      for (const o of offices) await addOffice(pool, o);
      await addViewer(pool, {
        username: 'direktorat',
        displayName: 'Direktorat',
        role: 'directorate',
        region: null,
        password: PASSWORD,
      });
      await addViewer(pool, {
        username: 'kanwil-1',
        displayName: 'Kanwil 1',
        role: 'regional',
        region: 'Wilayah 1',
        password: PASSWORD,
      });
      log(
        `generating ${opts.offices} offices × ${opts.days} days × ${opts.tickets} applicants × ${EVENTS_PER_TICKET} events…`,
      );
      gen = await generateYear(pool);
      log('generated', gen);
    } else log(`reusing the cluster in ${dir}`);
    const t1 = performance.now();
    if (!reuse) {
      await rebuildRollups(pool);
      await untimed(pool, 'ANALYZE');
    }
    const rollupSeconds = reuse ? null : (performance.now() - t1) / 1000;
    if (rollupSeconds !== null) log(`rollups counted from the events in ${rollupSeconds.toFixed(1)} s`);
    const { rows: span } = await pool.query<{ first: string; last: string }>(
      "SELECT min(period)::text AS first, max(period)::text AS last FROM office_stats WHERE grain = 'd'",
    );
    const firstDay = span[0]?.first as string;
    const lastDay = span[0]?.last as string;
    const sizes = (
      await pool.query<{ events: number; rows: number; events_bytes: number; rollup_bytes: number }>(
        `SELECT (SELECT sum(events_received) FROM offices)::bigint AS events,
           (SELECT count(*) FROM office_stats)::int AS rows,
           (SELECT sum(pg_total_relation_size(i.inhrelid)) FROM pg_inherits i WHERE i.inhparent = 'events'::regclass)::bigint AS events_bytes,
           (pg_total_relation_size('office_stats') + pg_total_relation_size('office_hour_stats')
             + pg_total_relation_size('office_wait_hist') + pg_total_relation_size('office_survey_stats'))::bigint AS rollup_bytes`,
      )
    ).rows[0];
    log('sizes', sizes);

    const service = await startCentralProcess(url);
    central = service;
    const tokenRows = await pool.query<{ code: string; max_seq: number }>(
      'SELECT code, max_seq FROM offices ORDER BY id LIMIT $1',
      [opts.ingestOffices],
    );
    const tokens = [];
    for (const r of tokenRows.rows)
      tokens.push({
        code: r.code,
        token: (await issueOfficeToken(pool, r.code, 'bench')).token,
        nextSeq: r.max_seq + 1,
      });
    const ingestDay = new Date(Date.parse(`${lastDay}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    log(
      `ingest: ${opts.ingestEvents} events from ${tokens.length} offices in batches of ${opts.batch}, over HTTP…`,
    );
    const ingest = await measureIngest(service, tokens, ingestDay);
    log('ingest', ingest);

    // The dashboard's main queries, on the year (the ingest day included).
    const login = await fetch(`${service.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'direktorat', password: PASSWORD }),
    });
    const token = ((await login.json()) as { token: string }).token;
    const regionalLogin = await fetch(`${service.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'kanwil-1', password: PASSWORD }),
    });
    const regional = ((await regionalLogin.json()) as { token: string }).token;
    const page =
      (path: string, as = token) =>
      async () => {
        const r = await fetch(`${service.url}${path}`, { headers: { authorization: `Bearer ${as}` } });
        if (!r.ok) throw new Error(`${path}: ${r.status}`);
        await r.text();
      };
    const monthFrom = new Date(Date.parse(`${lastDay}T00:00:00Z`) - 29 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const to = ingestDay;
    const office = offices[0]?.code as string;
    const runs = opts.runs;
    const queries: Record<string, Percentiles> = {};
    const measure = async (name: string, fn: () => Promise<unknown>) => {
      queries[name] = await timeIt(runs, fn);
      log(name, queries[name]);
    };
    await measure('page: dashboard, all offices, last 30 days', page(`/?from=${monthFrom}&to=${to}`));
    await measure('page: dashboard, all offices, whole year', page(`/?from=${firstDay}&to=${to}`));
    await measure(
      'page: dashboard, one region (regional viewer), whole year',
      page(`/?from=${firstDay}&to=${to}`, regional),
    );
    await measure(
      'page: one office, per day, whole year',
      page(`/office/${office}?from=${firstDay}&to=${to}`),
    );
    await measure(
      'csv: per office per day, all offices, last 30 days',
      page(`/export/days.csv?from=${monthFrom}&to=${to}`),
    );
    await measure(
      'csv: per office per day, all offices, whole year',
      page(`/export/days.csv?from=${firstDay}&to=${to}`),
    );
    const scopeYear = { from: firstDay, to, region: null };
    await measure('sql: overview, all offices, whole year', () => overview(pool, scopeYear));
    await measure('sql: served per hour, all offices, whole year', () => hourProfile(pool, scopeYear, null));
    await measure('sql: one office per day, whole year', () => officeDays(pool, scopeYear, office));
    await pool.end();

    const result = {
      at: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        node: process.version,
        loadavgAtEnd: loadavg().map((l) => Math.round(l * 100) / 100),
      },
      scale: {
        offices: opts.offices,
        workingDays: opts.days,
        applicantsPerOfficeDay: opts.tickets,
        eventsPerApplicant: EVENTS_PER_TICKET,
        eventsStored: sizes?.events,
        eventsTableGb: Math.round(((sizes?.events_bytes ?? 0) / 1e9) * 100) / 100,
        rollupTablesMb: Math.round(((sizes?.rollup_bytes ?? 0) / 1e6) * 10) / 10,
        days: { first: firstDay, last: lastDay },
      },
      generateSeconds: gen ? Math.round(gen.seconds) : null,
      rollupRebuildSeconds: rollupSeconds === null ? null : Math.round(rollupSeconds),
      ingest: { ...ingest, offices: tokens.length, batch: opts.batch },
      queriesMs: queries,
    };
    console.log(JSON.stringify(result, null, 2));
    console.log('\nquery (p50 / p95 / max ms, target < 200)');
    for (const [name, p] of Object.entries(queries))
      console.log(`  ${name.padEnd(62)} ${p.p50} / ${p.p95} / ${p.max}  ${p.p95 < 200 ? 'ok' : 'SLOW'}`);
    console.log(
      `ingest through HTTP: ${ingest.eventsPerSecond} events/s (batch p50 ${ingest.batchMs.p50} ms)`,
    );
    if (args.json) writeFileSync(args.json, JSON.stringify(result, null, 2));
  } finally {
    await cleanup();
    if (!args.keep && !args.dir) removeTempDir(dir);
  }
}

main().catch((e: unknown) => {
  console.error('bench:central failed:', e);
  process.exit(1);
});
