import { seededRandom, type BookingRow } from '@giliran/shared';

const BALI_PREFIX_M = ['I Wayan', 'I Made', 'I Nyoman', 'I Ketut', 'I Gede', 'I Putu', 'I Komang', 'I Kadek'];
const BALI_PREFIX_F = [
  'Ni Wayan',
  'Ni Made',
  'Ni Nyoman',
  'Ni Ketut',
  'Ni Luh',
  'Ni Putu',
  'Ni Komang',
  'Ni Kadek',
];
const BALI_NAMES_M = [
  'Sudarsana',
  'Wirawan',
  'Astawa',
  'Suardana',
  'Mahendra',
  'Sutama',
  'Arsana',
  'Budiarta',
  'Widnyana',
];
const BALI_NAMES_F = [
  'Ariani',
  'Suartini',
  'Sri Wahyuni',
  'Ayu Lestari',
  'Sukerti',
  'Dewi Purnama',
  'Marhaeni',
  'Sumiati',
];
const OTHER_M = [
  'Budi Santoso',
  'Agus Setiawan',
  'Muhammad Rizki',
  'Andi Pratama',
  'Yohanes Kristianto',
  'Hendra Gunawan',
  'Rahmat Hidayat',
  'Fransiskus Xaverius Bria',
];
const OTHER_F = [
  'Siti Rahmawati',
  'Dewi Lestari',
  'Rina Marlina',
  'Maria Goreti Tefa',
  'Nur Aisyah',
  'Fitri Handayani',
  'Clara Wijaya',
  'Anak Agung Sagung Mirah',
];
/** Regency codes: Denpasar, Badung, Gianyar, Buleleng, Tabanan; Surabaya, Jakarta Selatan, Bandung, Mataram, Kupang, Makassar. */
const REGIONS = ['5171', '5103', '5104', '5108', '5102', '3578', '3174', '3273', '5271', '5371', '7371'];
const TYPES: BookingRow['application_type'][] = [
  'baru',
  'baru',
  'baru',
  'penggantian',
  'penggantian',
  'hilang',
  'rusak',
  'anak',
  'umrah',
];
const WINDOWS = ['08:00', '09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00'];

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)] as T;
}

function seedOf(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

/** Every demo booking's code starts with this (`DEMO2611280001`), so a newcomer can tell them apart. */
export const DEMO_CODE_PREFIX = 'DEMO';

export interface DemoOptions {
  /** Office-local date the demo day is for (`YYYY-MM-DD`). */
  date: string;
  officeCode: string;
  /** Number of applicants booked for the date (families count each member). Default 280. */
  count?: number;
  /** Include the cases a kiosk must explain (unpaid, cancelled, other date or office). Default true. */
  withProblems?: boolean;
  /** Seed of the generator; default derived from the office and date. */
  seed?: number;
}

function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * A realistic, deterministic day of M-Paspor bookings: Balinese and other Indonesian names, valid
 * NIKs from several provinces, hourly windows 08:00–15:00, families on one account, and the awkward
 * cases a kiosk must handle (unpaid, cancelled, another date, another office).
 */
export function generateDemoBookings(opts: DemoOptions): BookingRow[] {
  const rnd = seededRandom(opts.seed ?? seedOf(`${opts.officeCode}:${opts.date}`));
  const withProblems = opts.withProblems ?? true;
  const count = opts.count ?? 280;
  const rows: BookingRow[] = [];
  const year = Number(opts.date.slice(0, 4));
  let serial = 1;
  let account = 1;
  const person = (adult: boolean) => {
    const female = rnd() < 0.5;
    const balinese = rnd() < 0.6;
    const name = balinese
      ? `${pick(rnd, female ? BALI_PREFIX_F : BALI_PREFIX_M)} ${pick(rnd, female ? BALI_NAMES_F : BALI_NAMES_M)}`
      : pick(rnd, female ? OTHER_F : OTHER_M);
    const age = adult ? 18 + Math.floor(rnd() * 55) : 1 + Math.floor(rnd() * 15);
    const by = year - age;
    const bm = 1 + Math.floor(rnd() * 12);
    const bd = 1 + Math.floor(rnd() * 28);
    const region = pick(rnd, REGIONS);
    const district = String(1 + Math.floor(rnd() * 9)).padStart(2, '0');
    const nik = `${region}${district}${String(bd + (female ? 40 : 0)).padStart(2, '0')}${String(bm).padStart(2, '0')}${String(by % 100).padStart(2, '0')}${String(serial++).padStart(4, '0')}`;
    const birth = `${by}-${String(bm).padStart(2, '0')}-${String(bd).padStart(2, '0')}`;
    return { name, nik, birth };
  };
  while (rows.length < count) {
    const familySize = rnd() < 0.12 ? 2 + Math.floor(rnd() * 3) : 1;
    const start = pick(rnd, WINDOWS);
    const end = `${String(Number(start.slice(0, 2)) + 1).padStart(2, '0')}:00`;
    const accountId = `DEMOACC${String(account++).padStart(5, '0')}`;
    // Drawn either way, so a day without problems has the same names and windows.
    const drawn = rnd();
    const roll = withProblems ? drawn : 1;
    // Most bookings are for today at this office; a few are the cases the kiosk must explain.
    const date = roll < 0.03 ? shiftDate(opts.date, 1) : roll < 0.05 ? shiftDate(opts.date, -1) : opts.date;
    const office = roll >= 0.05 && roll < 0.07 ? 'SGR' : opts.officeCode;
    const payment: BookingRow['payment_status'] =
      roll >= 0.07 && roll < 0.12 ? 'unpaid' : roll >= 0.12 && roll < 0.15 ? 'cancelled' : 'paid';
    for (let m = 0; m < familySize && rows.length < count; m++) {
      const child = m > 0 && rnd() < 0.6;
      const p = person(!child);
      rows.push({
        booking_code: `${DEMO_CODE_PREFIX}${opts.date.replace(/-/g, '').slice(2)}${String(rows.length + 1).padStart(4, '0')}`,
        nik: p.nik,
        full_name: p.name,
        birth_date: p.birth,
        application_type: child
          ? 'anak'
          : pick(
              rnd,
              TYPES.filter((t) => t !== 'anak'),
            ),
        office_code: office,
        arrival_date: date,
        window_start: start,
        window_end: end,
        payment_status: payment,
        account_id: accountId,
      });
    }
  }
  return rows;
}

/** Demo sign-ins printed at start-up (demo mode only; never for a real office). */
export const DEMO_PASSWORD = 'giliran-demo';
export const DEMO_OFFICERS = [
  ...Array.from({ length: 8 }, (_, i) => ({
    username: `petugas${i + 1}`,
    displayName: `Petugas ${i + 1}`,
    role: 'counter' as const,
  })),
  { username: 'supervisor', displayName: 'Supervisor', role: 'supervisor' as const },
  { username: 'admin', displayName: 'Admin', role: 'admin' as const },
];
export const DEMO_DEVICES = [
  { id: 'demo-kiosk-1', name: 'Kiosk Lobi 1', role: 'kiosk' as const, token: 'demo-kiosk-1' },
  { id: 'demo-kiosk-2', name: 'Kiosk Lobi 2', role: 'kiosk' as const, token: 'demo-kiosk-2' },
  { id: 'demo-board-1', name: 'Layar Ruang Tunggu', role: 'board' as const, token: 'demo-board-1' },
  {
    id: 'demo-survey-1',
    name: 'Tablet Survei Pintu Keluar',
    role: 'survey' as const,
    token: 'demo-survey-1',
  },
];
