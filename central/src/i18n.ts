import { formatCalendarDate, localParts, type Lang, type Localized } from '@giliran/shared';

/** Every text of the central dashboard, Indonesian first. */
export const T = {
  title: { id: 'Giliran Pusat — laporan lintas kantor', en: 'Giliran Central — reports across offices' },
  signInTitle: { id: 'Masuk', en: 'Sign in' },
  username: { id: 'Nama pengguna', en: 'Username' },
  password: { id: 'Kata sandi', en: 'Password' },
  signIn: { id: 'Masuk', en: 'Sign in' },
  signOut: { id: 'Keluar', en: 'Sign out' },
  from: { id: 'Dari', en: 'From' },
  to: { id: 'Sampai', en: 'To' },
  region: { id: 'Wilayah', en: 'Region' },
  allRegions: { id: 'Semua wilayah', en: 'All regions' },
  show: { id: 'Tampilkan', en: 'Show' },
  office: { id: 'Kantor', en: 'Office' },
  offices: { id: 'Kantor', en: 'Offices' },
  day: { id: 'Tanggal', en: 'Date' },
  hour: { id: 'Jam', en: 'Hour' },
  issued: { id: 'Tiket', en: 'Tickets' },
  booked: { id: 'Dengan pendaftaran', en: 'Booked' },
  served: { id: 'Selesai dilayani', en: 'Served' },
  noShows: { id: 'Tidak hadir', en: 'No-shows' },
  meanWait: { id: 'Rata-rata tunggu', en: 'Mean wait' },
  medianWait: { id: 'Median tunggu', en: 'Median wait' },
  p90Wait: { id: 'Tunggu p90', en: 'Wait p90' },
  meanService: { id: 'Rata-rata layanan', en: 'Mean service' },
  ikm: { id: 'IKM', en: 'IKM (satisfaction)' },
  lastData: { id: 'Data terakhir diterima', en: 'Last data received' },
  never: { id: 'belum pernah', en: 'never' },
  minutes: { id: 'mnt', en: 'min' },
  servedPerHour: {
    id: 'Dilayani per jam (rata-rata per kantor per hari, jam setempat)',
    en: 'Served per hour (average per office per day, local time)',
  },
  waitsPerDay: { id: 'Waktu tunggu per hari', en: 'Waits per day' },
  waitNote: {
    id: 'Tunggu = dari ambil nomor sampai dipanggil di tahap pertama; median dan p90 dari histogram 5 menit.',
    en: 'Wait = from taking a number to the first call at the first stage; median and p90 from a 5-minute histogram.',
  },
  timesNote: {
    id: 'Tanggal dan jam menurut zona waktu masing-masing kantor.',
    en: "Dates and times are in each office's own time zone.",
  },
  exportCsv: { id: 'Unduh CSV', en: 'Download CSV' },
  perDayCsv: { id: 'CSV per kantor per hari', en: 'CSV per office per day' },
  back: { id: '← Semua kantor', en: '← All offices' },
  noData: { id: 'Belum ada data untuk rentang ini.', en: 'No data for this range yet.' },
  signedInAs: { id: 'Masuk sebagai', en: 'Signed in as' },
  directorate: { id: 'Direktorat (semua kantor)', en: 'Directorate (all offices)' },
  regional: { id: 'Kantor Wilayah', en: 'Regional office' },
  badRange: {
    id: 'Rentang tanggal tidak valid (YYYY-MM-DD, paling lama 3 tahun).',
    en: 'Invalid date range (YYYY-MM-DD, at most 3 years).',
  },
  ikmGrades: {
    id: 'A Sangat Baik · B Baik · C Kurang Baik · D Tidak Baik',
    en: 'A Very good · B Good · C Fair · D Poor',
  },
} satisfies Record<string, Localized>;

export function t(lang: Lang, key: keyof typeof T): string {
  return T[key][lang];
}

/** Indonesian zone names, as offices say them; other zones by their IANA name. */
const ZONE_NAMES: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

/** `28 November 2026 09:15 WITA`: an instant in the office's own time zone, never the machine's. */
export function formatInZone(at: Date | null, timeZone: string, lang: Lang): string {
  if (!at) return t(lang, 'never');
  const p = localParts(at.getTime(), timeZone);
  return `${formatCalendarDate(p.date, lang)} ${p.time} ${ZONE_NAMES[timeZone] ?? timeZone}`;
}

export function formatNumber(n: number, lang: Lang): string {
  return n.toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB');
}
