import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDemoApp } from '../support/demo-app.ts';
import { makeTempDir, removeTempDir } from '../support/temp-dir.ts';
import { localToInstant, type DayReport, type OfficeConfig, type ServiceAlarm } from '@giliran/shared';
import { DEFAULT_CONFIG_PATH, loadOfficeConfig, ManualClock, type App } from '@giliran/server';
import {
  api,
  closeAll,
  connect,
  eventually,
  login,
  ok,
  rawRequest,
  request,
  sleep,
  type ClientSocket,
  type Connected,
} from '../support/clients.ts';

/**
 * Service-level alarms through real sockets on an in-process server with a manual clock (the
 * monitor checks every 100 ms instead of 5 s): raised at once to the supervisors and to the
 * counters of the stage only, acknowledged (who, when), cleared by themselves, in the audit log and
 * the day report, kept across a restart.
 */
const DAY = '2026-11-30';
const denpasar = loadOfficeConfig(DEFAULT_CONFIG_PATH);
const at = (hhmm: string) => localToInstant(DAY, hhmm, denpasar.office.timeZone);

/** Denpasar's limits, with the counter plan alone tested in its own case. */
const withoutPlan = (): OfficeConfig => ({
  ...denpasar,
  alarms: { ...denpasar.alarms!, counterPlan: undefined },
});

const alarmsOf = (c: Connected) =>
  c.received.filter((e) => e.event === 'alarm:update').map((e) => e.args[0] as ServiceAlarm);
const auditActions = (app: App) =>
  (
    app.db
      .prepare("SELECT action, actor, detail FROM audit_log WHERE action LIKE 'alarm.%' ORDER BY id")
      .all() as {
      action: string;
      actor: string;
      detail: string;
    }[]
  ).map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));

describe('service-level alarms', () => {
  let dir: string;
  let clock: ManualClock;
  let app: App;
  let url: string;
  const sockets: ClientSocket[] = [];
  let kiosk: Connected;
  let board: Connected;
  let supervisor: Connected;
  let verifikasi: Connected; // petugas1 at loket-1
  let foto: Connected; // petugas4 at loket-4

  const start = async (config: OfficeConfig) => {
    ({ app, url } = await serveDemoApp({
      config,
      dataDir: dir,
      clock,
      printer: null,
      alarms: { intervalMs: 100, minGapMs: 50 },
    }));
  };
  const client = async (auth: { token: string }) => {
    const c = await connect(url, auth);
    sockets.push(c.socket);
    return c;
  };

  beforeAll(async () => {
    dir = makeTempDir('alarms');
    clock = new ManualClock(at('10:00'));
    await start(withoutPlan());
    kiosk = await client({ token: 'demo-kiosk-1' });
    board = await client({ token: 'demo-board-1' });
    supervisor = await client({ token: await login(url, 'supervisor') });
    verifikasi = await client({ token: await login(url, 'petugas1') });
    foto = await client({ token: await login(url, 'petugas4') });
    await ok(verifikasi.socket, 'counter:open', { counterId: 'loket-1' });
    await ok(foto.socket, 'counter:open', { counterId: 'loket-4' });
    await ok(kiosk.socket, 'ticket:walkin', { serviceId: 'bap' });
  });

  afterAll(async () => {
    closeAll(...sockets);
    await app?.close();
    removeTempDir(dir);
  });

  it('raises a long wait at once to supervisors and the counters of that stage only', async () => {
    await ok(kiosk.socket, 'ticket:walkin', { serviceId: 'percepatan' }); // D001 at verifikasi
    await ok(kiosk.socket, 'ticket:walkin', { serviceId: 'percepatan' }); // D002
    clock.set(at('10:46')); // waited 46 minutes > 45
    const raised = await eventually(
      () => alarmsOf(supervisor).find((a) => a.kind === 'wait_long' && a.stageId === 'verifikasi'),
      3_000,
    );
    expect(raised).toMatchObject({
      kind: 'wait_long',
      stageId: 'verifikasi',
      value: 46,
      limit: 45,
      ticketNumbers: ['D001', 'D002'],
      raisedAt: at('10:46'),
      acknowledgedBy: null,
      clearedAt: null,
    });
    await eventually(() => alarmsOf(verifikasi).find((a) => a.id === raised.id), 3_000);
    // The BAP walk-in (C001) has waited 46 minutes too: that alarm reaches the supervisor, and no
    // counter (none serving BAP is open).
    const bap = await eventually(() => alarmsOf(supervisor).find((a) => a.stageId === 'bap'));
    expect(bap).toMatchObject({ kind: 'wait_long', value: 46, ticketNumbers: ['C001'] });
    await sleep(300);
    expect(alarmsOf(foto)).toEqual([]);
    expect(alarmsOf(verifikasi).map((a) => a.stageId)).toEqual(['verifikasi']);
    for (const c of [kiosk, board])
      expect(c.received.filter((e) => e.event.startsWith('alarm:'))).toEqual([]);
    expect(auditActions(app).filter((r) => r.detail.alarmId === raised.id)).toEqual([
      {
        action: 'alarm.raised',
        actor: 'system',
        detail: {
          alarmId: raised.id,
          kind: 'wait_long',
          stageId: 'verifikasi',
          value: 46,
          limit: 45,
          ticketNumbers: ['D001', 'D002'],
        },
      },
    ]);
  });

  it('lets only supervisors and the counters of the stage acknowledge; records who and when', async () => {
    const alarm = alarmsOf(supervisor).find((a) => a.kind === 'wait_long' && a.stageId === 'verifikasi')!;
    for (const c of [foto, board, kiosk]) {
      const r = await request(c.socket, 'alarm:acknowledge', { alarmId: alarm.id });
      expect(r.ok ? 'ok' : r.error.code).toBe('forbidden');
    }
    const missing = await request(supervisor.socket, 'alarm:acknowledge', { alarmId: 'no-such-alarm' });
    expect(missing.ok ? 'ok' : missing.error.code).toBe('not_found');
    const bad = await rawRequest(supervisor.socket, 'alarm:acknowledge', [{ alarmId: 42 }]);
    expect(bad.ok ? 'ok' : bad.error.code).toBe('invalid_payload');

    clock.set(at('10:50'));
    const acked = await ok(supervisor.socket, 'alarm:acknowledge', { alarmId: alarm.id });
    expect(acked.alarm).toMatchObject({
      id: alarm.id,
      acknowledgedBy: 'Supervisor',
      acknowledgedAt: at('10:50'),
    });
    await eventually(() =>
      alarmsOf(verifikasi).find((a) => a.id === alarm.id && a.acknowledgedBy === 'Supervisor'),
    );
    // A second acknowledgement (the counter's) does not overwrite the first.
    const again = await ok(verifikasi.socket, 'alarm:acknowledge', { alarmId: alarm.id });
    expect(again.alarm.acknowledgedBy).toBe('Supervisor');
    expect(auditActions(app).filter((r) => r.action === 'alarm.acknowledged')).toEqual([
      {
        action: 'alarm.acknowledged',
        actor: 'officer:supervisor',
        detail: { alarmId: alarm.id, by: 'Supervisor' },
      },
    ]);
  });

  it('clears by itself when nobody waits too long any more, and says so', async () => {
    const alarm = alarmsOf(supervisor).find((a) => a.kind === 'wait_long' && a.stageId === 'verifikasi')!;
    clock.set(at('10:55'));
    await ok(verifikasi.socket, 'ticket:call', {}); // D001
    await ok(verifikasi.socket, 'ticket:complete', { endVisit: { reason: 'withdrawn' } });
    await ok(verifikasi.socket, 'ticket:call', {}); // D002: nobody left waiting at verifikasi
    const cleared = await eventually(() =>
      alarmsOf(supervisor).find((a) => a.id === alarm.id && a.clearedAt !== null),
    );
    expect(cleared).toMatchObject({ acknowledgedBy: 'Supervisor', clearedAt: at('10:55') });
    await eventually(() => alarmsOf(verifikasi).find((a) => a.id === alarm.id && a.clearedAt !== null));
    expect(
      auditActions(app).filter((r) => r.action === 'alarm.cleared' && r.detail.alarmId === alarm.id),
    ).toHaveLength(1);
  });

  it('raises a waiting priority applicant after 15 minutes, and the same-day cut-off', async () => {
    clock.set(at('12:00'));
    await ok(kiosk.socket, 'ticket:walkin', { serviceId: 'prioritas' }); // B001 at verifikasi
    clock.set(at('12:16'));
    const prio = await eventually(() => alarmsOf(supervisor).find((a) => a.kind === 'priority_wait'));
    expect(prio).toMatchObject({ stageId: 'verifikasi', value: 16, limit: 15, ticketNumbers: ['B001'] });
    await ok(kiosk.socket, 'ticket:walkin', { serviceId: 'percepatan' }); // D003
    clock.set(at('12:31')); // 29 minutes before the 13:00 cut-off
    const near = await eventually(() => alarmsOf(supervisor).find((a) => a.kind === 'same_day_near'));
    expect(near).toMatchObject({ stageId: 'verifikasi', value: 1, limit: 780, ticketNumbers: ['D003'] });
    clock.set(at('13:00'));
    const passed = await eventually(() => alarmsOf(supervisor).find((a) => a.kind === 'same_day_passed'));
    expect(passed).toMatchObject({ stageId: 'verifikasi', value: 1, ticketNumbers: ['D003'] });
    // The warning gave way to the alarm.
    await eventually(() => alarmsOf(supervisor).find((a) => a.id === near.id && a.clearedAt !== null));
  });

  it('lists the day’s alarms on connect: all of them to a supervisor, the open ones of its stages to a counter', async () => {
    // B001 has now waited 60 minutes: a new long-wait alarm at verifikasi (the first one cleared).
    await eventually(() =>
      alarmsOf(supervisor).find(
        (a) => a.kind === 'wait_long' && a.stageId === 'verifikasi' && a.clearedAt === null,
      ),
    );
    const late = await client({ token: await login(url, 'supervisor') });
    const [list] = (late.received.find((e) => e.event === 'alarm:list')?.args ?? []) as [ServiceAlarm[]];
    expect(
      list.map((a) => `${a.kind}:${a.stageId}:${a.clearedAt === null ? 'open' : 'cleared'}`).sort(),
    ).toEqual([
      'priority_wait:verifikasi:open',
      'same_day_near:verifikasi:cleared',
      'same_day_passed:verifikasi:open',
      'wait_long:bap:open',
      'wait_long:verifikasi:cleared',
      'wait_long:verifikasi:open',
    ]);
    // petugas2 opens loket-2 (verifikasi): the open verifikasi alarms come with it.
    const second = await client({ token: await login(url, 'petugas2') });
    await ok(second.socket, 'counter:open', { counterId: 'loket-2' });
    const lists = await eventually(() => {
      const l = second.received
        .filter((e) => e.event === 'alarm:list')
        .map((e) => e.args[0] as ServiceAlarm[]);
      return l.length >= 2 ? l : undefined;
    });
    expect(lists[0]).toEqual([]); // on connect: no counter yet
    expect(
      lists
        .at(-1)!
        .map((a) => `${a.kind}:${a.stageId}`)
        .sort(),
    ).toEqual(['priority_wait:verifikasi', 'same_day_passed:verifikasi', 'wait_long:verifikasi']);
  });

  it('puts the alarms in the day report and its CSV', async () => {
    const admin = await login(url, 'admin');
    const report = await api<DayReport>(url, 'GET', `/api/reports/day?date=${DAY}`, { token: admin });
    expect(report.status).toBe(200);
    const verif = report.body.alarms.find((a) => a.kind === 'wait_long' && a.stageId === 'verifikasi');
    expect(verif).toMatchObject({
      value: 46,
      limit: 45,
      raisedAt: at('10:46'),
      acknowledgedBy: 'Supervisor',
      acknowledgedAt: at('10:50'),
      clearedAt: at('10:55'),
    });
    const csv = await api<string>(url, 'GET', `/api/reports/day.csv?date=${DAY}`, { token: admin });
    const lines = csv.body.split('\n');
    const head = lines.indexOf('alarm,stage,raised,value,limit,tickets,acknowledged_by,acknowledged,cleared');
    expect(head).toBeGreaterThan(0);
    expect(lines[head - 1]).toBe('');
    expect(lines).toContain('wait_long,verifikasi,10:46,46,45,D001 D002,Supervisor,10:50,10:55');
  });

  it('keeps its alarms across a restart instead of raising them again', async () => {
    const before = auditActions(app).filter((r) => r.action === 'alarm.raised').length;
    const open = app.alarms
      .list()
      .filter((a) => a.clearedAt === null)
      .map((a) => a.id)
      .sort();
    expect(open.length).toBeGreaterThan(0);
    closeAll(...sockets);
    sockets.length = 0;
    await app.close();
    await start(withoutPlan());
    await sleep(400); // several checks
    expect(
      app.alarms
        .list()
        .filter((a) => a.clearedAt === null)
        .map((a) => a.id)
        .sort(),
    ).toEqual(open);
    expect(auditActions(app).filter((r) => r.action === 'alarm.raised')).toHaveLength(before);
  });

  it('raises counters below plan only after the grace period, and clears when counters open', async () => {
    closeAll(...sockets);
    sockets.length = 0;
    await app.close();
    clock.set(at('14:00'));
    // The plan at 14:00: 3 verifikasi, 3 foto, 1 bap, 1 pengambilan. Open (kept across the
    // restart): loket-1 and loket-2 (verifikasi), loket-4 (foto).
    await start(denpasar);
    const sup = await client({ token: await login(url, 'supervisor') });
    clock.set(at('14:09'));
    await sleep(400);
    expect(alarmsOf(sup).filter((a) => a.kind === 'counters_below_plan')).toEqual([]);
    clock.set(at('14:10'));
    const plan = await eventually(() => {
      const l = alarmsOf(sup).filter((a) => a.kind === 'counters_below_plan');
      return l.length === 4 ? l : undefined;
    });
    expect(plan.map((a) => `${a.stageId} ${a.value}/${a.limit}`).sort()).toEqual([
      'bap 0/1',
      'foto 1/3',
      'pengambilan 0/1',
      'verifikasi 2/3',
    ]);
    const officer = await client({ token: await login(url, 'petugas8') });
    await ok(officer.socket, 'counter:open', { counterId: 'loket-8' }); // pengambilan + informasi
    const cleared = await eventually(() =>
      alarmsOf(sup).find(
        (a) => a.kind === 'counters_below_plan' && a.stageId === 'pengambilan' && a.clearedAt !== null,
      ),
    );
    expect(cleared.clearedAt).toBe(at('14:10'));
  });
});
