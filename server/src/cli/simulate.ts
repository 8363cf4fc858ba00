/**
 * `npm run simulate -- --generate denpasar | --bookings FILE [--date YYYY-MM-DD] [--plan FILE]
 * [--scale F] [--count N] [--walk-ins N] [--seed N] [--from-history DB] [--json FILE] [--html FILE]`
 *
 * Simulates one office day on the real queue engine and prints its figures (DESIGN §9 service
 * outcome). Bad input exits 2 with a message in Indonesian and English; nothing is written.
 */
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  bookingFromRow,
  defaultPlan,
  planProblem,
  scalePlan,
  DENPASAR_BEHAVIOUR,
  formatIssues,
  officeDay,
  staffingPlanSchema,
  type Booking,
  type StaffingPlan,
} from '@giliran/shared';
import { describeBadLines } from '../bookings/import-bookings.ts';
import { parseBookingsFile } from '../bookings/parse-bookings.ts';
import { ConfigError, DEFAULT_CONFIG_PATH, loadOfficeConfig } from '../config.ts';
import { userPath } from '../env.ts';
import {
  DENPASAR_WALK_INS,
  generatedBookings,
  serviceTimesFromHistory,
  simulate,
  ticketRows,
} from '../simulation/index.ts';
import { resultHtml } from '../simulation/report-html.ts';
import { resultTable } from '../simulation/report-text.ts';

function fail(id: string, en: string): never {
  console.error(`${id}\n${en}`);
  process.exit(2);
}

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    options: {
      generate: { type: 'string' },
      bookings: { type: 'string' },
      date: { type: 'string' },
      plan: { type: 'string' },
      scale: { type: 'string' },
      count: { type: 'string' },
      'walk-ins': { type: 'string' },
      seed: { type: 'string' },
      'from-history': { type: 'string' },
      json: { type: 'string' },
      html: { type: 'string' },
      config: { type: 'string' },
    },
    strict: true,
  }).values;
}
try {
  args = parse();
} catch (e) {
  fail(`Opsi tidak dikenal: ${(e as Error).message}`, `Unknown option: ${(e as Error).message}`);
}

const number = (name: string, v: string | undefined, dflt: number, min: number, max: number): number => {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max)
    fail(`--${name} harus angka ${min}–${max}.`, `--${name} must be a number from ${min} to ${max}.`);
  return n;
};
const read = (file: string): Buffer => {
  try {
    return readFileSync(userPath(file));
  } catch (e) {
    return fail(`Tidak bisa membaca ${file}.`, `Cannot read ${file}: ${(e as Error).message}`);
  }
};

let config;
try {
  const path = args.config ?? process.env.GILIRAN_CONFIG;
  config = loadOfficeConfig(path ? userPath(path) : DEFAULT_CONFIG_PATH);
} catch (e) {
  if (e instanceof ConfigError) fail('Konfigurasi kantor tidak valid.', e.message);
  throw e;
}

if (!args.generate === !args.bookings)
  fail(
    'Pilih satu: --generate denpasar atau --bookings FILE.',
    'Choose one: --generate denpasar or --bookings FILE.',
  );
if (args.generate && args.generate !== 'denpasar')
  fail(
    `Profil "${args.generate}" tidak dikenal (ada: denpasar).`,
    `Unknown profile "${args.generate}" (known: denpasar).`,
  );

const seed = number('seed', args.seed, 1, 0, 2 ** 31);
let bookings: Booking[];
let day: string;
if (args.bookings) {
  const parsed = parseBookingsFile(read(args.bookings));
  if (!parsed.ok)
    fail(
      `Berkas pendaftaran ditolak (${parsed.errors.length} baris bermasalah):\n` +
        describeBadLines(parsed.errors, 'id')
          .map((e) => `  baris ${e.line}: ${e.reason}`)
          .join('\n'),
      'The bookings file was rejected; fix the lines above.',
    );
  bookings = parsed.rows.map(bookingFromRow);
  // Default date: the one most bookings are for.
  const byDate = new Map<string, number>();
  for (const b of bookings) byDate.set(b.arrivalDate, (byDate.get(b.arrivalDate) ?? 0) + 1);
  day =
    args.date ?? [...byDate.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? '';
} else {
  day = args.date ?? officeDay(Date.now(), config.office.timeZone);
  bookings = generatedBookings(config, day, number('count', args.count, 250, 0, 50_000), seed);
}
if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) fail('--date harus YYYY-MM-DD.', '--date must be YYYY-MM-DD.');

let plan: StaffingPlan = defaultPlan(config);
if (args.plan) {
  let raw: unknown;
  try {
    raw = JSON.parse(read(args.plan).toString('utf8'));
  } catch (e) {
    fail('Rencana bukan JSON yang valid.', `The plan is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = staffingPlanSchema.safeParse(raw);
  if (!parsed.success)
    fail(`Rencana tidak valid:\n  ${formatIssues(parsed.error.issues).join('\n  ')}`, 'The plan is invalid.');
  plan = parsed.data;
}
plan = scalePlan(plan, number('scale', args.scale, 1, 0.1, 100));
const problem = planProblem(config, plan);
if (problem)
  fail(`Rencana tidak cocok dengan kantor: ${problem}`, `The plan does not fit the office: ${problem}`);

const walkInTotal = Object.values(DENPASAR_WALK_INS).reduce((a, b) => a + b, 0);
const walkInScale = number('walk-ins', args['walk-ins'], walkInTotal, 0, 20_000) / walkInTotal;
const walkIns = Object.fromEntries(
  Object.entries(DENPASAR_WALK_INS).map(([id, n]) => [id, Math.round(n * walkInScale)]),
);

let serviceTimes;
if (args['from-history']) {
  let db;
  try {
    db = new Database(userPath(args['from-history']), { readonly: true, fileMustExist: true });
  } catch (e) {
    fail(
      `Basis data ${args['from-history']} tidak bisa dibuka.`,
      `Cannot open the database: ${(e as Error).message}`,
    );
  }
  const learnt = serviceTimesFromHistory(db, config, { beforeDay: day });
  db.close();
  serviceTimes = learnt.times;
  console.log(
    `Waktu layanan dari riwayat / service times from history: ${Object.entries(learnt.samples)
      .map(([s, n]) => `${s} ${n}`)
      .join(', ')} (min. 20 per tahap, selain itu bawaan / else the default)`,
  );
}

const started = performance.now();
const { run, result } = simulate({
  config,
  day,
  bookings,
  plan,
  behaviour: DENPASAR_BEHAVIOUR,
  walkIns,
  ...(serviceTimes ? { serviceTimes } : {}),
  seed,
});
const ms = performance.now() - started;
console.log(resultTable(result, config));
console.log(`\n(${ms.toFixed(0)} ms)`);
if (args.json)
  writeFileSync(
    userPath(args.json),
    JSON.stringify({ ...result, plan, ticketDetails: ticketRows(run) }, null, 2),
  );
if (args.html) writeFileSync(userPath(args.html), resultHtml(result, config, plan));
