import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDemoApp } from '../support/demo-app.ts';
import { makeTempDir, removeTempDir } from '../support/temp-dir.ts';
import { localToInstant, type SurveyReport, type SurveyTicket } from '@giliran/shared';
import { DEFAULT_CONFIG_PATH, loadOfficeConfig, ManualClock, type App } from '@giliran/server';
import {
  api,
  closeAll,
  connect,
  login,
  ok,
  pairDevice,
  rawRequest,
  request,
  type ClientSocket,
  type Connected,
} from '../support/clients.ts';

/**
 * The SKM survey through real sockets on an in-process server with a manual clock: a phone answers
 * for its own finished ticket, a survey tablet for a ticket number of today; one answer per ticket;
 * nothing personal stored; the outbox event for central; the monthly IKM report and its CSV.
 */
const DAY = '2026-11-30';
const config = loadOfficeConfig(DEFAULT_CONFIG_PATH);
const at = (hhmm: string) => localToInstant(DAY, hhmm, config.office.timeZone);

const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code);

describe('SKM survey', () => {
  let dir: string;
  let clock: ManualClock;
  let app: App;
  let url: string;
  const sockets: ClientSocket[] = [];
  let kiosk: Connected;
  let counter: Connected;
  let tablet: Connected;
  let admin: string;
  const track: Record<string, string> = {};

  const client = async (auth: { token: string }) => {
    const c = await connect(url, auth);
    sockets.push(c.socket);
    return c;
  };
  const walkIn = async () => {
    const t = (await ok(kiosk.socket, 'ticket:walkin', { serviceId: 'informasi' })).tickets[0]!;
    track[t.ticket.number] = t.print.trackingUrl.split('/').pop()!;
    return t.ticket.number;
  };
  /** A phone's survey over HTTP, for the ticket its token names: the ack's shape, from the JSON. */
  const phoneSurvey = async (number: string, answers?: unknown, raw?: string) => {
    const path = `/api/track/${track[number]!}/survey`;
    const r =
      answers === undefined && raw === undefined
        ? await api<{ ticket?: SurveyTicket; error?: { code: string } }>(url, 'GET', path)
        : await api<{ ticket?: SurveyTicket; error?: { code: string } }>(url, 'POST', path, {
            body: raw ?? { answers },
            ...(raw ? { contentType: 'application/json' } : {}),
          });
    return r.body.error
      ? { ok: false, status: r.status, error: r.body.error }
      : { ok: true, status: r.status, ticket: r.body.ticket };
  };
  /** loket-8 (informasi) calls the next ticket and completes it. */
  const serveNext = async () => {
    await ok(counter.socket, 'ticket:call', {});
    await ok(counter.socket, 'ticket:complete', {});
  };

  beforeAll(async () => {
    dir = makeTempDir('survey');
    clock = new ManualClock(at('09:00'));
    ({ app, url } = await serveDemoApp({ config, dataDir: dir, clock, printer: null }));
    admin = await login(url, 'admin');
    kiosk = await client({ token: 'demo-kiosk-1' });
    counter = await client({ token: await login(url, 'petugas8') });
    await ok(counter.socket, 'counter:open', { counterId: 'loket-8' });
    // A survey tablet pairs like a board.
    const paired = await pairDevice(url, admin, 'survey', 'Tablet Survei Uji');
    tablet = await client({ token: paired.token });
    // F001 waits 20 minutes, F002 5 minutes, F003 and F004 are served at once.
    for (let i = 0; i < 4; i++) await walkIn();
    clock.set(at('09:20'));
    await serveNext(); // F001: waited 20 min
    clock.set(at('09:25'));
    await serveNext(); // F002: waited 25 min
  });

  afterAll(async () => {
    closeAll(...sockets);
    await app?.close();
    removeTempDir(dir);
  });

  it('pairs a survey tablet that sees no personal data', () => {
    expect(tablet.snapshot?.viewer.role).toBe('survey');
    for (const t of tablet.snapshot?.tickets ?? []) expect(t).not.toHaveProperty('holder');
  });

  it('lets a phone answer for its own finished ticket, once', async () => {
    expect(codeOf(await phoneSurvey('F003'))).toBe('survey_not_done');
    expect(codeOf(await phoneSurvey('F003', [4, 4, 4, 4, 4, 4, 4, 4, 4]))).toBe('survey_not_done');

    expect(await phoneSurvey('F001')).toEqual({
      ok: true,
      status: 200,
      ticket: { number: 'F001', serviceId: 'informasi', status: 'open' },
    });
    // A phone cannot speak for another ticket: its body names none.
    expect(
      codeOf(
        await phoneSurvey(
          'F001',
          undefined,
          JSON.stringify({ ticketNumber: 'F002', answers: [1, 1, 1, 1, 1, 1, 1, 1, 1] }),
        ),
      ),
    ).toBe('invalid_payload');
    const answered = await phoneSurvey('F001', [4, 3, 3, 4, 4, 4, 4, 3, 3]);
    expect(answered.ticket?.status).toBe('answered');
    expect(codeOf(await phoneSurvey('F001', [1, 1, 1, 1, 1, 1, 1, 1, 1]))).toBe('survey_already_answered');
    expect((await phoneSurvey('F001')).ticket?.status).toBe('answered');
    // An unknown token reaches no ticket.
    const unknown = await api(url, 'POST', '/api/track/no-such-token/survey', {
      body: { answers: [4, 4, 4, 4, 4, 4, 4, 4, 4] },
    });
    expect([unknown.status, (unknown.body as { error?: { code: string } }).error?.code]).toEqual([
      404,
      'tracking_unknown',
    ]);
  });

  it('refuses malformed answers with a clear error and stores nothing', async () => {
    for (const answers of [
      [4, 4, 4, 4, 4, 4, 4, 4],
      [4, 4, 4, 4, 4, 4, 4, 4, 5],
      [0, 1, 1, 1, 1, 1, 1, 1, 1],
      [1.5, 1, 1, 1, 1, 1, 1, 1, 1],
      '4,4,4,4,4,4,4,4,4',
    ]) {
      const r = await phoneSurvey('F002', answers);
      expect([r.status, codeOf(r)]).toEqual([400, 'invalid_payload']);
    }
    for (const raw of [
      JSON.stringify({ answers: [4, 4, 4, 4, 4, 4, 4, 4, 4], name: 'Ni Luh' }),
      '{"answers": [4, 4, 4',
      '',
    ])
      expect(codeOf(await phoneSurvey('F002', undefined, raw))).toBe('invalid_payload');
    // The tablet's event names its ticket, always.
    for (const payload of [
      { answers: [4, 4, 4, 4, 4, 4, 4, 4, 4] },
      { ticketNumber: 'F002', answers: [4], name: 'x' },
    ]) {
      const r = await rawRequest(tablet.socket, 'survey:answer', [payload]);
      expect(codeOf(r as { ok: boolean; error?: { code: string } })).toBe('invalid_payload');
    }
    expect(app.db.prepare('SELECT COUNT(*) AS n FROM survey_answers').get()).toEqual({ n: 1 });
  });

  it('lets a survey tablet answer for a finished ticket of today by its number, once', async () => {
    const unnamed = await rawRequest(tablet.socket, 'survey:check', [{}]);
    expect(codeOf(unnamed as { ok: boolean; error?: { code: string } })).toBe('invalid_payload');
    expect(codeOf(await request(tablet.socket, 'survey:check', { ticketNumber: 'F099' }))).toBe(
      'survey_ticket_unknown',
    );
    expect(codeOf(await request(tablet.socket, 'survey:check', { ticketNumber: 'F004' }))).toBe(
      'survey_not_done',
    );
    // Typed in lower case with spaces: still F002.
    expect((await ok(tablet.socket, 'survey:check', { ticketNumber: ' f002 ' })).ticket).toEqual({
      number: 'F002',
      serviceId: 'informasi',
      status: 'open',
    });
    await ok(tablet.socket, 'survey:answer', { ticketNumber: 'F002', answers: [3, 3, 2, 3, 3, 3, 4, 2, 3] });
    expect(
      codeOf(
        await request(tablet.socket, 'survey:answer', {
          ticketNumber: 'F002',
          answers: [1, 1, 1, 1, 1, 1, 1, 1, 1],
        }),
      ),
    ).toBe('survey_already_answered');
    // F001 answered on its phone: the tablet cannot answer it again either.
    expect(codeOf(await request(tablet.socket, 'survey:check', { ticketNumber: 'F001' }))).toBe(
      'survey_already_answered',
    );
  });

  it('closes the tablet for a ticket finished more than two hours ago; its phone may still answer', async () => {
    clock.set(at('09:30'));
    await serveNext(); // F003 done at 09:30
    clock.set(at('11:31'));
    expect(codeOf(await request(tablet.socket, 'survey:check', { ticketNumber: 'F003' }))).toBe(
      'survey_expired',
    );
    expect((await phoneSurvey('F003')).ticket?.status).toBe('open');
  });

  it('stores no ticket, number, name or time with an answer; central gets scores and service only', () => {
    expect(
      app.db
        .prepare(
          'SELECT day, service_id, wait_band, source, u1, u2, u3, u4, u5, u6, u7, u8, u9 FROM survey_answers ORDER BY source',
        )
        .all(),
    ).toEqual([
      // F001 waited 20 min (09:00–09:20), F002 25 min (09:00–09:25).
      {
        day: DAY,
        service_id: 'informasi',
        wait_band: '15-30',
        source: 'phone',
        u1: 4,
        u2: 3,
        u3: 3,
        u4: 4,
        u5: 4,
        u6: 4,
        u7: 4,
        u8: 3,
        u9: 3,
      },
      {
        day: DAY,
        service_id: 'informasi',
        wait_band: '15-30',
        source: 'tablet',
        u1: 3,
        u2: 3,
        u3: 2,
        u4: 3,
        u5: 3,
        u6: 3,
        u7: 4,
        u8: 2,
        u9: 3,
      },
    ]);
    const events = app.db
      .prepare("SELECT day, payload FROM outbox WHERE type = 'survey.answered' ORDER BY seq")
      .all() as { day: string; payload: string }[];
    expect(events.map((e) => JSON.parse(e.payload) as unknown)).toEqual([
      { answers: [4, 3, 3, 4, 4, 4, 4, 3, 3], serviceId: 'informasi' },
      { answers: [3, 3, 2, 3, 3, 3, 4, 2, 3], serviceId: 'informasi' },
    ]);
    expect(events.map((e) => e.day)).toEqual([DAY, DAY]);
  });

  it('bounds a tablet trying numbers: after 10 refusals a minute it is refused for a while', async () => {
    const paired = await pairDevice(url, admin, 'survey', 'Tablet Survei Dua');
    const t = await client({ token: paired.token });
    for (let i = 0; i < 10; i++)
      expect(codeOf(await request(t.socket, 'survey:check', { ticketNumber: `A${900 + i}` }))).toBe(
        'survey_ticket_unknown',
      );
    const refused = await request(t.socket, 'survey:check', { ticketNumber: 'F004' });
    expect(refused.ok ? null : refused.error).toMatchObject({
      code: 'rate_limited',
      params: { seconds: 60 },
    });
    // Another tablet is not affected.
    expect(codeOf(await request(tablet.socket, 'survey:check', { ticketNumber: 'F004' }))).toBe(
      'survey_not_done',
    );
    // One audit row for the burst, not one per attempt.
    await request(t.socket, 'survey:check', { ticketNumber: 'F004' });
    const devices = await api<{ id: string; name: string }[]>(url, 'GET', '/api/devices', { token: admin });
    const id = devices.body.find((d) => d.name === 'Tablet Survei Dua')?.id;
    expect(
      app.db.prepare("SELECT actor, detail FROM audit_log WHERE action = 'device.rate_limited'").all(),
    ).toEqual([{ actor: `device:${id}`, detail: '{"kind":"surveyRefusal"}' }]);
  });

  it('reports the month’s IKM (per element, service, wait band) and the worksheet CSV', async () => {
    const sup = await login(url, 'supervisor');
    const r = await api<SurveyReport>(url, 'GET', '/api/reports/survey?month=2026-11', { token: sup });
    expect(r.status).toBe(200);
    // Two answers: 4 3 3 4 4 4 4 3 3 and 3 3 2 3 3 3 4 2 3 → Σ 7 6 5 7 7 7 8 5 6 = 58;
    // NRR 3.5 3 2.5 3.5 3.5 3.5 4 2.5 3; index 58 / 18 = 3.2222…; IKM 80.555… → 80.56 (B).
    expect(r.body.overall).toMatchObject({
      respondents: 2,
      totals: [7, 6, 5, 7, 7, 7, 8, 5, 6],
      ikm: 80.56,
      grade: 'B',
    });
    expect(r.body.perService.map((g) => [g.key, g.result.respondents, g.result.ikm])).toEqual([
      ['informasi', 2, 80.56],
    ]);
    expect(r.body.perWaitBand.map((g) => [g.key, g.result.respondents])).toEqual([['15-30', 2]]);
    expect(r.body.bySource).toEqual({ phone: 1, tablet: 1 });
    expect(r.body.months.at(-1)).toEqual({ month: '2026-11', respondents: 2, ikm: 80.56, grade: 'B' });
    expect(r.body.months[0]).toEqual({ month: '2025-12', respondents: 0, ikm: null, grade: null });

    const csv = await api<string>(url, 'GET', '/api/reports/survey.csv?month=2026-11', { token: sup });
    const lines = csv.body.trimEnd().split('\n');
    expect(lines[0]).toBe('No. Responden,U1,U2,U3,U4,U5,U6,U7,U8,U9,Layanan,Lama menunggu,Sumber');
    expect(
      lines
        .slice(1, 3)
        .map((l) => l.split(',').slice(1, 10).join(' '))
        .sort(),
    ).toEqual(['3 3 2 3 3 3 4 2 3', '4 3 3 4 4 4 4 3 3']);
    expect(lines[1]).toMatch(/^1,.*,F Informasi & pengaduan,15–29 menit,(ponsel|tablet)$/);
    expect(lines.slice(3)).toEqual([
      'Jumlah nilai per unsur,7,6,5,7,7,7,8,5,6',
      'NRR per unsur,3.500,3.000,2.500,3.500,3.500,3.500,4.000,2.500,3.000',
      'NRR tertimbang per unsur,0.389,0.333,0.278,0.389,0.389,0.389,0.444,0.278,0.333',
      'IKM unit pelayanan (jumlah NRR tertimbang),3.222',
      'IKM konversi (x 25),80.56',
      'Mutu pelayanan,B (Baik)',
      'Jumlah responden,2',
    ]);
    // Counters, boards and kiosks may not read it; a bad month is a clear error.
    expect(
      (await api(url, 'GET', '/api/reports/survey', { token: await login(url, 'petugas1') })).status,
    ).toBe(403);
    const bad = await api<{ error: { message: string } }>(url, 'GET', '/api/reports/survey?month=2026-13', {
      token: sup,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('YYYY-MM');
  });

  it('forgets which tickets answered once the day is over', () => {
    expect(app.db.prepare('SELECT COUNT(*) AS n FROM survey_respondents').get()).toEqual({ n: 2 });
    clock.set(localToInstant('2026-12-01', '07:00', config.office.timeZone));
    app.service.ensureDay();
    expect(app.db.prepare('SELECT COUNT(*) AS n FROM survey_respondents').get()).toEqual({ n: 0 });
    expect(app.db.prepare('SELECT COUNT(*) AS n FROM survey_answers').get()).toEqual({ n: 2 });
  });
});
