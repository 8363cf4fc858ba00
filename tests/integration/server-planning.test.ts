import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanningAnswer, StaffingPlan, SuggestAnswer } from '@giliran/shared';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { api, login, TEST_CLOCK_START, TEST_DATE } from '../support/clients.ts';

/** One counter of each kind all day, except `foto` counters at the photo stage. */
const plan = (foto: number, name: string): StaffingPlan => ({
  name,
  startHour: 7,
  rows: [
    { stages: ['verifikasi'], counters: Array(9).fill(3) as number[] },
    { stages: ['foto'], counters: Array(9).fill(foto) as number[] },
    { stages: ['bap', 'verifikasi'], counters: Array(9).fill(1) as number[] },
    { stages: ['pengambilan', 'informasi'], counters: Array(9).fill(1) as number[] },
  ],
});

/**
 * The capacity planner over HTTP on a real server: the demo day's imported bookings simulated in
 * the planner's worker thread, plans compared, a plan suggested, bad plans refused plainly, and
 * the server answering other requests while a simulation runs.
 */
describe('capacity planner routes', () => {
  let srv: ServerProcess;
  let supervisor: string;

  beforeAll(async () => {
    srv = await startServerProcess({ clockStart: TEST_CLOCK_START });
    supervisor = await login(srv.url, 'supervisor');
  });

  afterAll(async () => {
    await srv?.close();
  });

  it('compares two plans on the date’s bookings: more photo counters, shorter waits', async () => {
    const res = await api<PlanningAnswer>(srv.url, 'POST', '/api/planning/simulate', {
      token: supervisor,
      body: { date: TEST_DATE, plans: [plan(2, 'Foto 2'), plan(5, 'Foto 5')], targetP90Minutes: 60 },
    });
    expect(res.status).toBe(200);
    const [two, five] = res.body.plans;
    expect(res.body.bookings).toBeGreaterThan(200); // the demo day's imported bookings
    expect(two?.plan.name).toBe('Foto 2');
    expect(two?.result.tickets).toBe(five?.result.tickets); // the same people came
    expect(five!.result.wait.p90).toBeLessThan(two!.result.wait.p90);
    expect(five!.quota.bookingsPerHour).toBeGreaterThan(two!.quota.bookingsPerHour);
    expect(five!.result.hours.length).toBeGreaterThanOrEqual(9);
  });

  it('suggests a plan that meets the target, and keeps answering other requests meanwhile', async () => {
    const pending = api<SuggestAnswer>(srv.url, 'POST', '/api/planning/suggest', {
      token: supervisor,
      body: { date: TEST_DATE, targetP90Minutes: 45 },
    });
    let suggested = false;
    void pending.then(() => (suggested = true));
    const health = await api(srv.url, 'GET', '/api/health');
    expect(health.status).toBe(200);
    // The health check was answered while the suggestion was still being simulated.
    expect(suggested).toBe(false);
    const busy = await api(srv.url, 'POST', '/api/planning/suggest', {
      token: supervisor,
      body: { date: TEST_DATE, targetP90Minutes: 45 },
    });
    expect([busy.status, (busy.body as { error: { code: string } }).error.code]).toEqual([
      503,
      'planner_busy',
    ]);
    const res = await pending;
    expect(res.status).toBe(200);
    expect(res.body.met).toBe(true);
    expect(res.body.result.wait.p90).toBeLessThanOrEqual(45);
    expect(res.body.plan.rows.map((r) => r.stages)).toEqual([
      ['verifikasi'],
      ['foto'],
      ['bap', 'verifikasi'],
      ['pengambilan', 'informasi'],
    ]);
  }, 60_000);

  it('refuses a plan for stages the office does not have, in Indonesian', async () => {
    const bad = plan(3, 'Salah');
    bad.rows[1] = { stages: ['fotto'], counters: [1] };
    const res = await api<{ error: { code: string; message: string } }>(
      srv.url,
      'POST',
      '/api/planning/simulate',
      {
        token: supervisor,
        body: { date: TEST_DATE, plans: [bad], targetP90Minutes: 60 },
      },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_payload');
    expect(res.body.error.message).toContain('Permintaan tidak valid');
    expect(res.body.error.message).toContain('unknown stage "fotto"');
  });
});
