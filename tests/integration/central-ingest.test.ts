import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localToInstant, type CentralEvent, type IngestBatch } from '@giliran/shared';
import { createCentralApp, revokeOfficeTokens, type Pool } from '@giliran/central';
import type { Cluster } from '@giliran/central/dev';
import { api } from '../support/clients.ts';
import { centralLogin, postgresMissing, seedCentral, startTestCluster } from '../support/central.ts';

const missing = postgresMissing();
if (missing) console.warn(`[central-ingest] SKIPPED: ${missing}`);

const DAY = '2026-11-28';
const at = (time: string) => localToInstant(DAY, time, 'Asia/Makassar');
const min = 60_000;

/** A small hand-made day at DPS (WITA), seq 1–13; the expected counts below are worked by hand. */
const EVENTS: CentralEvent[] = [
  {
    seq: 1,
    type: 'ticket.issued',
    at: at('08:00'),
    day: DAY,
    payload: {
      number: 'A001',
      serviceId: 'mpaspor',
      stageIndex: 0,
      booked: true,
      priority: false,
      applicationType: 'baru',
    },
  },
  {
    seq: 2,
    type: 'ticket.issued',
    at: at('08:10'),
    day: DAY,
    payload: { number: 'B001', serviceId: 'prioritas', stageIndex: 0, booked: false, priority: true },
  },
  {
    seq: 3,
    type: 'ticket.called',
    at: at('08:30'),
    day: DAY,
    payload: {
      number: 'A001',
      stageId: 'verifikasi',
      stageIndex: 0,
      counterId: 'loket-1',
      durationMs: 30 * min,
    },
  },
  {
    seq: 4,
    type: 'ticket.called',
    at: at('08:22'),
    day: DAY,
    payload: {
      number: 'B001',
      stageId: 'verifikasi',
      stageIndex: 0,
      counterId: 'loket-2',
      durationMs: 12 * min,
    },
  },
  {
    seq: 5,
    type: 'ticket.transferred',
    at: at('08:36'),
    day: DAY,
    payload: {
      number: 'A001',
      stageId: 'verifikasi',
      durationMs: 6 * min,
      toStageId: 'foto',
      toServiceId: 'mpaspor',
    },
  },
  {
    seq: 6,
    type: 'ticket.called',
    at: at('08:50'),
    day: DAY,
    payload: { number: 'A001', stageId: 'foto', stageIndex: 1, counterId: 'loket-4', durationMs: 14 * min },
  },
  {
    seq: 7,
    type: 'ticket.completed',
    at: at('09:02'),
    day: DAY,
    payload: { number: 'A001', stageId: 'foto', counterId: 'loket-4', durationMs: 12 * min },
  },
  { seq: 8, type: 'ticket.recalled', at: at('08:24'), day: DAY, payload: { number: 'B001', recalls: 1 } },
  { seq: 9, type: 'ticket.recalled', at: at('08:26'), day: DAY, payload: { number: 'B001', recalls: 2 } },
  { seq: 10, type: 'ticket.no_show', at: at('08:28'), day: DAY, payload: { number: 'B001', stageIndex: 0 } },
  {
    seq: 11,
    type: 'survey.answered',
    at: at('09:10'),
    day: DAY,
    payload: { answers: [4, 4, 3, 4, 4, 3, 4, 4, 4] },
  },
  {
    seq: 12,
    type: 'queue.something_new',
    at: at('09:11'),
    day: DAY,
    payload: { anything: 'kept as it came' },
  },
  { seq: 13, type: 'ticket.called', at: at('09:12'), day: DAY, payload: { number: 'A002', durationMs: -5 } },
];
const batch = (events: CentralEvent[], officeCode = 'DPS'): IngestBatch => ({
  officeCode,
  timeZone: 'Asia/Makassar',
  events,
});
const FIRST = batch(EVENTS.slice(0, 6));
const SECOND = batch(EVENTS.slice(6));

/** The day's daily rollup, worked out by hand from EVENTS (the malformed seq 13 left out). */
const EXPECTED_DAY = {
  events: 12,
  issued: 2,
  issued_booked: 1,
  issued_priority: 1,
  first_calls: 2,
  first_wait_ms: 42 * min,
  calls: 3,
  wait_ms: 56 * min,
  served: 1,
  service_count: 2,
  service_ms: 18 * min,
  no_shows: 1,
  recalls: 2,
};

describe.skipIf(missing !== null)('central ingest (real PostgreSQL)', () => {
  let cluster: Cluster;
  const pools: Pool[] = [];
  let n = 0;

  beforeAll(async () => {
    cluster = await startTestCluster();
  });
  afterAll(async () => {
    for (const p of pools) await p.end();
    await cluster?.destroy();
  });

  /** A fresh central database and service (in this process) with offices DPS (Bali), SBY (Jawa Timur). */
  async function central() {
    const seeded = await seedCentral(cluster, `ingest_${++n}`, { DPS: 'Bali', SBY: 'Jawa Timur' });
    pools.push(seeded.pool);
    const app = createCentralApp({ pool: seeded.pool, timeZone: 'Asia/Jakarta' });
    const port = await app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${port}`;
    const ingest = (b: IngestBatch, token = seeded.tokens.DPS) =>
      api<Record<string, unknown>>(url, 'POST', '/api/ingest', { token, body: b });
    const dayStats = async () =>
      (
        await seeded.pool.query<Record<string, unknown>>(
          `SELECT s.grain, s.period::text, events, issued, issued_booked, issued_priority, first_calls, first_wait_ms,
             calls, wait_ms, served, service_count, service_ms, no_shows, recalls
           FROM office_stats s JOIN offices o ON o.id = s.office_id WHERE o.code = 'DPS' ORDER BY grain`,
        )
      ).rows;
    const detail = async () => ({
      hours: (
        await seeded.pool.query<Record<string, number>>(
          `SELECT hour, issued, first_calls, first_wait_ms, served FROM office_hour_stats WHERE grain = 'd' ORDER BY hour`,
        )
      ).rows,
      waits: (
        await seeded.pool.query<Record<string, number>>(
          `SELECT bucket, tickets FROM office_wait_hist WHERE grain = 'd' ORDER BY bucket`,
        )
      ).rows,
      survey: (
        await seeded.pool.query<{ element: number; responses: number; score_sum: number }>(
          `SELECT element, responses, score_sum FROM office_survey_stats WHERE grain = 'd' ORDER BY element`,
        )
      ).rows,
      events: (
        await seeded.pool.query<{ seq: number; type: string; bad: boolean }>(
          'SELECT seq, type, problem IS NOT NULL AS bad FROM events ORDER BY seq',
        )
      ).rows,
    });
    const close = () => new Promise<void>((ok) => app.http.close(() => ok()));
    return { ...seeded, url, ingest, dayStats, detail, close };
  }

  it('stores a day and counts it: daily and monthly rollups, hours, waits, survey, unknown types kept', async () => {
    const c = await central();
    expect((await c.ingest(FIRST)).body).toEqual({ accepted: 6, duplicates: 0, invalid: 0 });
    expect((await c.ingest(SECOND)).body).toEqual({ accepted: 7, duplicates: 0, invalid: 1 });
    expect(await c.dayStats()).toEqual([
      { grain: 'd', period: DAY, ...EXPECTED_DAY },
      { grain: 'm', period: '2026-11-01', ...EXPECTED_DAY },
    ]);
    const d = await c.detail();
    // Office-local hours (WITA): two issued and two first calls in the 08:00 hour, one served at 09:xx.
    expect(d.hours).toEqual([
      { hour: 8, issued: 2, first_calls: 2, first_wait_ms: 42 * min, served: 0 },
      { hour: 9, issued: 0, first_calls: 0, first_wait_ms: 0, served: 1 },
    ]);
    expect(d.waits).toEqual([
      { bucket: 2, tickets: 1 },
      { bucket: 6, tickets: 1 },
    ]);
    expect(d.survey.map((s) => [s.element, s.responses, s.score_sum])).toEqual([
      [1, 1, 4],
      [2, 1, 4],
      [3, 1, 3],
      [4, 1, 4],
      [5, 1, 4],
      [6, 1, 3],
      [7, 1, 4],
      [8, 1, 4],
      [9, 1, 4],
    ]);
    expect(d.events.filter((e) => e.bad)).toEqual([{ seq: 13, type: 'ticket.called', bad: true }]);
    expect(d.events.find((e) => e.seq === 12)).toEqual({ seq: 12, type: 'queue.something_new', bad: false });

    // The dashboard's figures for that day, through the JSON API as a directorate viewer.
    const token = await centralLogin(c.url, 'direktorat');
    const r = await api<{ offices: Record<string, unknown>[] }>(
      c.url,
      'GET',
      `/api/overview?from=${DAY}&to=${DAY}`,
      {
        token,
      },
    );
    expect(r.status).toBe(200);
    expect(r.body.offices.find((o) => o.code === 'DPS')).toMatchObject({
      issued: 2,
      served: 1,
      noShows: 1,
      meanWaitMinutes: 21,
      medianWait: { minutes: 15, atLeast: false },
      p90Wait: { minutes: 34, atLeast: false },
      meanServiceMinutes: 9,
      ikm: { responses: 1, index: 94.44, grade: 'A' },
    });
    // Long ranges read the month's rollup minus the days outside: the same day in, or not.
    const dps = async (from: string, to: string) =>
      (
        await api<{ offices: { code: string; issued: number; p90Wait: unknown; ikm: unknown }[] }>(
          c.url,
          'GET',
          `/api/overview?from=${from}&to=${to}`,
          { token },
        )
      ).body.offices.find((o) => o.code === 'DPS');
    expect(await dps('2026-11-02', '2026-11-30')).toMatchObject({
      issued: 2,
      p90Wait: { minutes: 34, atLeast: false },
      ikm: { responses: 1, index: 94.44 },
    });
    expect(await dps('2026-10-20', '2027-01-31')).toMatchObject({ issued: 2 });
    expect(await dps('2026-11-01', '2026-11-27')).toMatchObject({ issued: 0, p90Wait: null, ikm: null });
    expect(await dps('2026-11-29', '2026-12-31')).toMatchObject({ issued: 0, p90Wait: null, ikm: null });
    await c.close();
  });

  it('a duplicate batch changes nothing (idempotent on office + seq)', async () => {
    const c = await central();
    await c.ingest(FIRST);
    await c.ingest(SECOND);
    const before = { stats: await c.dayStats(), detail: await c.detail() };
    expect((await c.ingest(FIRST)).body).toEqual({ accepted: 0, duplicates: 6, invalid: 0 });
    expect((await c.ingest(SECOND)).body).toEqual({ accepted: 0, duplicates: 7, invalid: 0 });
    // Two copies at once, and a batch overlapping what is stored: only the new seq counts.
    const both = await Promise.all([c.ingest(FIRST), c.ingest(FIRST)]);
    expect(both.map((b) => b.body)).toEqual([
      { accepted: 0, duplicates: 6, invalid: 0 },
      { accepted: 0, duplicates: 6, invalid: 0 },
    ]);
    expect({ stats: await c.dayStats(), detail: await c.detail() }).toEqual(before);
    const extra: CentralEvent = {
      seq: 14,
      type: 'ticket.issued',
      at: at('09:30'),
      day: DAY,
      payload: { number: 'F001', booked: false, priority: false },
    };
    expect((await c.ingest(batch([...EVENTS.slice(10), extra]))).body).toEqual({
      accepted: 1,
      duplicates: 3,
      invalid: 0,
    });
    expect((await c.dayStats())[0]).toMatchObject({ events: 13, issued: 3 });
    await c.close();
  });

  it('out-of-order batches give the same counts as in order', async () => {
    const c = await central();
    expect((await c.ingest(SECOND)).body).toEqual({ accepted: 7, duplicates: 0, invalid: 1 });
    expect((await c.ingest(FIRST)).body).toEqual({ accepted: 6, duplicates: 0, invalid: 0 });
    expect(await c.dayStats()).toEqual([
      { grain: 'd', period: DAY, ...EXPECTED_DAY },
      { grain: 'm', period: '2026-11-01', ...EXPECTED_DAY },
    ]);
    // Shuffled single events, concurrently: still the same.
    const c2 = await central();
    const shuffled = [...EVENTS].sort((a, b) => ((a.seq * 7) % 13) - ((b.seq * 7) % 13));
    await Promise.all(shuffled.map((e) => c2.ingest(batch([e]))));
    expect(await c2.dayStats()).toEqual(await c.dayStats());
    expect(await c2.detail()).toEqual(await c.detail());
    await c.close();
    await c2.close();
  });

  it('refuses a wrong token, another office’s code and a revoked token; stores nothing then', async () => {
    const c = await central();
    const wrong = await c.ingest(FIRST, 'this-token-was-never-issued-000000');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({
      error: { code: 'office_token_invalid', message: 'Token kantor tidak dikenal atau sudah dicabut.' },
    });
    expect((await c.ingest(FIRST, '')).status).toBe(401);
    // SBY's token cannot send DPS's events.
    const mismatch = await c.ingest(FIRST, c.tokens.SBY);
    expect(mismatch.status).toBe(403);
    expect(mismatch.body).toMatchObject({
      error: { code: 'office_mismatch', message: 'Token ini milik kantor SBY, bukan DPS.' },
    });
    expect((await c.detail()).events).toEqual([]);

    expect((await c.ingest(FIRST)).status).toBe(200);
    expect(await revokeOfficeTokens(c.pool, 'DPS')).toBe(1);
    const revoked = await c.ingest(SECOND);
    expect(revoked.status).toBe(401);
    expect(revoked.body).toMatchObject({ error: { code: 'office_token_invalid' } });
    expect((await c.detail()).events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    await c.close();
  });

  it('validates the batch at the boundary: a malformed body is refused whole, with a clear message', async () => {
    const c = await central();
    const bad = [
      { ...FIRST, events: [] },
      { ...FIRST, timeZone: 'Mars/Olympus' },
      { ...FIRST, officeCode: 'dps' },
      { ...FIRST, events: [{ ...EVENTS[0], seq: 0 }] },
      { ...FIRST, events: [{ ...EVENTS[0], day: '2026-02-30' }] },
      { ...FIRST, events: [{ ...EVENTS[0], extra: 1 }] },
      { ...FIRST, events: [{ ...EVENTS[0], payload: { big: 'x'.repeat(5000) } }] },
    ];
    for (const b of bad) {
      const r = await c.ingest(b as IngestBatch);
      expect(r.status, JSON.stringify(b).slice(0, 120)).toBe(400);
      expect(r.body).toMatchObject({ error: { code: 'invalid_payload' } });
      expect((r.body as { error: { message: string } }).error.message).toMatch(/^Permintaan tidak valid: /);
    }
    const notJson = await api(c.url, 'POST', '/api/ingest', {
      token: c.tokens.DPS,
      body: '{"officeCode":',
      contentType: 'application/json',
    });
    expect(notJson.status).toBe(400);
    expect((await c.detail()).events).toEqual([]);
    await c.close();
  });

  it('regional viewers see their region only; the directorate sees all; strangers nothing', async () => {
    const c = await central();
    await c.ingest(FIRST);
    await c.ingest(
      batch(
        [
          {
            seq: 1,
            type: 'ticket.issued',
            at: at('08:00'),
            day: DAY,
            payload: { number: 'A001', booked: false, priority: false },
          },
        ],
        'SBY',
      ),
      c.tokens.SBY,
    );
    const codes = async (user: string, query = '') =>
      (
        await api<{ offices: { code: string }[] }>(
          c.url,
          'GET',
          `/api/overview?from=${DAY}&to=${DAY}${query}`,
          {
            token: await centralLogin(c.url, user),
          },
        )
      ).body.offices.map((o) => o.code);
    expect(await codes('direktorat')).toEqual(['DPS', 'SBY']);
    expect(await codes('direktorat', '&region=Bali')).toEqual(['DPS']);
    expect(await codes('kanwil-bali')).toEqual(['DPS']);
    expect(await codes('kanwil-bali', '&region=Jawa%20Timur')).toEqual(['DPS']); // cannot widen
    expect(await codes('kanwil-jawa-timur')).toEqual(['SBY']);
    const bali = await centralLogin(c.url, 'kanwil-bali');
    expect(
      (await api(c.url, 'GET', `/api/offices/SBY/days?from=${DAY}&to=${DAY}`, { token: bali })).status,
    ).toBe(404);
    expect(
      (await api(c.url, 'GET', `/export/days.csv?from=${DAY}&to=${DAY}&office=SBY`, { token: bali })).status,
    ).toBe(404);
    const csv = await api<string>(c.url, 'GET', `/export/days.csv?from=${DAY}&to=${DAY}`, { token: bali });
    expect(csv.body.split('\n')[1]).toBe(`DPS,${DAY},2,1,1,0,0,0,2,21,15,34,6,0,,`);
    expect(csv.body).not.toContain('SBY');
    // Not signed in: JSON gets 401, a page goes to the sign-in form; a wrong password is refused.
    expect((await api(c.url, 'GET', '/api/overview')).status).toBe(401);
    const page = await fetch(`${c.url}/`, { redirect: 'manual' });
    expect([page.status, page.headers.get('location')]).toEqual([303, '/login?lang=id']);
    const wrong = await api(c.url, 'POST', '/api/login', {
      body: { username: 'direktorat', password: 'salah-sekali' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({
      error: { code: 'login_failed', message: 'Nama pengguna atau kata sandi salah.' },
    });
    // Guessing is bounded: after 10 wrong passwords from an address, it waits (even the right one).
    for (let i = 0; i < 9; i++)
      await api(c.url, 'POST', '/api/login', { body: { username: 'direktorat', password: `tebakan-${i}` } });
    const limited = await api(c.url, 'POST', '/api/login', {
      body: { username: 'direktorat', password: 'pusat-rahasia-1' },
    });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: { code: 'rate_limited' } });
    await c.close();
  });
});
