import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppError } from '@giliran/shared';
import { openDatabase, type Db } from '../store/database.ts';
import { migrate, MIGRATIONS } from '../store/migrations/index.ts';
import { SurveyStore, type SurveyAnswer } from './survey-store.ts';

const DAY = '2026-11-30';

function ticketRow(db: Db, id: string, number: string, day = DAY): void {
  db.prepare(
    `INSERT INTO tickets (id, day, number, seq, service_id, stage_index, stage_id, status, priority,
       checked_in_at, effective_at, waiting_since, recalls, track_token)
     VALUES (?, ?, ?, 1, 'mpaspor', 1, 'foto', 'done', 0, 0, 0, 0, 0, ?)`,
  ).run(id, day, number, `tok-${id}`);
}

const answer = (over: Partial<SurveyAnswer> = {}): SurveyAnswer => ({
  day: DAY,
  serviceId: 'mpaspor',
  waitBand: '15-30',
  source: 'phone',
  answers: [4, 3, 3, 2, 4, 4, 4, 3, 3],
  ...over,
});

const count = (db: Db, table: string) =>
  (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
const columns = (db: Db, table: string) =>
  (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[]).map(
    (c) => c.name,
  );

describe('migration 005 (survey)', () => {
  it('creates the answer table without any ticket, number or time column, and the respondents table', () => {
    const db = openDatabase(':memory:');
    expect(columns(db, 'survey_answers')).toEqual([
      'id',
      'day',
      'service_id',
      'wait_band',
      'source',
      'u1',
      'u2',
      'u3',
      'u4',
      'u5',
      'u6',
      'u7',
      'u8',
      'u9',
    ]);
    expect(columns(db, 'survey_respondents')).toEqual(['ticket_id', 'day']);
    // No rowid: the storage order cannot tell who answered when.
    expect(() => db.prepare('SELECT rowid FROM survey_answers').all()).toThrow(/rowid/);
    expect(() => db.prepare('SELECT rowid FROM survey_respondents').all()).toThrow(/rowid/);
    db.close();
  });

  it('keeps the paired devices of an older database and lets a survey tablet pair; other roles stay refused', () => {
    const db = new Database(':memory:');
    const before = MIGRATIONS.filter((m) => m.name !== 'survey answers; survey tablets');
    migrate(db, before);
    db.prepare(
      "INSERT INTO devices (id, name, role, token_hash, created_at, revoked_at) VALUES ('k1', 'Kiosk', 'kiosk', 'h1', 1, NULL), ('b1', 'Board', 'board', 'h2', 2, 3)",
    ).run();
    migrate(db);
    expect(db.prepare('SELECT id, role, token_hash, revoked_at FROM devices ORDER BY id').all()).toEqual([
      { id: 'b1', role: 'board', token_hash: 'h2', revoked_at: 3 },
      { id: 'k1', role: 'kiosk', token_hash: 'h1', revoked_at: null },
    ]);
    const add = db.prepare(
      "INSERT INTO devices (id, name, role, token_hash, created_at) VALUES (?, 'x', ?, ?, 0)",
    );
    add.run('s1', 'survey', 'h3');
    expect(() => add.run('p1', 'printer', 'h4')).toThrow(/CHECK/);
    expect(() => add.run('s2', 'survey', 'h3')).toThrow(/UNIQUE/);
    db.close();
  });
});

describe('survey store', () => {
  it('stores an answer, the respondent and the outbox event for central in one go', () => {
    const db = openDatabase(':memory:');
    ticketRow(db, 't1', 'A001');
    const store = new SurveyStore(db, 'DPS');
    expect(store.hasAnswered('t1')).toBe(false);
    store.record('t1', 'A001', answer(), 1_000);
    expect(store.hasAnswered('t1')).toBe(true);
    expect(
      db.prepare('SELECT day, service_id, wait_band, source, u1, u4, u9 FROM survey_answers').all(),
    ).toEqual([
      { day: DAY, service_id: 'mpaspor', wait_band: '15-30', source: 'phone', u1: 4, u4: 2, u9: 3 },
    ]);
    // Exactly the payload central expects (shared/src/central.ts): scores and service, no number.
    expect(db.prepare('SELECT office_code, type, day, payload, created_at FROM outbox').all()).toEqual([
      {
        office_code: 'DPS',
        type: 'survey.answered',
        day: DAY,
        payload: '{"answers":[4,3,3,2,4,4,4,3,3],"serviceId":"mpaspor"}',
        created_at: 1_000,
      },
    ]);
    db.close();
  });

  it('takes one answer per ticket: a second is refused and changes nothing', () => {
    const db = openDatabase(':memory:');
    ticketRow(db, 't1', 'A001');
    const store = new SurveyStore(db, 'DPS');
    store.record('t1', 'A001', answer(), 1_000);
    let refusal: unknown = null;
    try {
      store.record('t1', 'A001', answer({ answers: [1, 1, 1, 1, 1, 1, 1, 1, 1] }), 2_000);
    } catch (e) {
      refusal = e;
    }
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).code).toBe('survey_already_answered');
    expect([count(db, 'survey_answers'), count(db, 'survey_respondents'), count(db, 'outbox')]).toEqual([
      1, 1, 1,
    ]);
    db.close();
  });

  it('enforces one answer per ticket in the database itself', () => {
    const db = openDatabase(':memory:');
    ticketRow(db, 't1', 'A001');
    const insert = db.prepare('INSERT INTO survey_respondents (ticket_id, day) VALUES (?, ?)');
    insert.run('t1', DAY);
    expect(() => insert.run('t1', DAY)).toThrow(/UNIQUE|PRIMARY KEY/);
    // …and only real tickets, and only scores 1–4.
    expect(() => insert.run('no-such-ticket', DAY)).toThrow(/FOREIGN KEY/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO survey_answers (id, day, service_id, wait_band, source, u1, u2, u3, u4, u5, u6, u7, u8, u9) VALUES ('x', ?, 's', 'lt15', 'phone', 5, 1, 1, 1, 1, 1, 1, 1, 1)",
        )
        .run(DAY),
    ).toThrow(/CHECK/);
    db.close();
  });

  it('keeps nothing when the outbox cannot be written (one transaction)', () => {
    const db = openDatabase(':memory:');
    ticketRow(db, 't1', 'A001');
    db.exec(
      "CREATE TRIGGER outbox_full BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END;",
    );
    const store = new SurveyStore(db, 'DPS');
    expect(() => store.record('t1', 'A001', answer(), 1_000)).toThrow(/disk full/);
    expect([count(db, 'survey_answers'), count(db, 'survey_respondents'), count(db, 'outbox')]).toEqual([
      0, 0, 0,
    ]);
    db.exec('DROP TRIGGER outbox_full');
    store.record('t1', 'A001', answer(), 1_000); // the ticket may still answer
    expect(count(db, 'survey_answers')).toBe(1);
    db.close();
  });

  it('forgets which tickets answered once their day is over; the answers stay', () => {
    const db = openDatabase(':memory:');
    ticketRow(db, 'old', 'A001', '2026-11-29');
    ticketRow(db, 'new', 'A001', DAY);
    const store = new SurveyStore(db, 'DPS');
    store.record('old', 'A001', answer({ day: '2026-11-29' }), 1_000);
    store.record('new', 'A001', answer(), 2_000);
    expect(store.forgetRespondentsBefore(DAY)).toBe(1);
    expect(db.prepare('SELECT ticket_id FROM survey_respondents').all()).toEqual([{ ticket_id: 'new' }]);
    expect(count(db, 'survey_answers')).toBe(2);
    db.close();
  });

  it('sums scores per group for IKM', () => {
    const db = openDatabase(':memory:');
    const store = new SurveyStore(db, 'DPS');
    ['a', 'b', 'c'].forEach((id, i) => ticketRow(db, id, `A00${i + 1}`));
    store.record('a', 'A001', answer({ answers: [4, 4, 4, 4, 4, 4, 4, 4, 4] }), 1);
    store.record('b', 'A002', answer({ answers: [2, 2, 2, 2, 2, 2, 2, 2, 2], serviceId: 'prioritas' }), 2);
    store.record('c', 'A003', answer({ answers: [3, 1, 3, 1, 3, 1, 3, 1, 3], source: 'tablet' }), 3);
    const byService = store.totalsBy('service_id', '2026-11-01', '2026-12-01');
    expect(Object.fromEntries(byService)).toEqual({
      mpaspor: { respondents: 2, totals: [7, 5, 7, 5, 7, 5, 7, 5, 7] },
      prioritas: { respondents: 1, totals: [2, 2, 2, 2, 2, 2, 2, 2, 2] },
    });
    expect(store.totalsBy('month', '2026-11-01', '2026-12-01').get('2026-11')?.respondents).toBe(3);
    expect(store.totalsBy(null, '2026-12-01', '2027-01-01').size).toBe(0);
    expect(store.sources('2026-11-01', '2026-12-01')).toEqual({ phone: 2, tablet: 1 });
    db.close();
  });
});
