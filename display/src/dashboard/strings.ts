import type { Lang, Localized } from '@giliran/shared';

/**
 * Dashboard text, kept beside the dashboard so the board and phone bundles do not carry it. The
 * language itself is the shared one of `useI18n()` (Indonesian default, one tap to English).
 */
export const DASH_STRINGS = {
  title: { id: 'Dasbor kantor', en: 'Office dashboard' },
  signInTitle: { id: 'Masuk dasbor', en: 'Dashboard sign-in' },
  notAllowed: {
    id: 'Akun ini tidak diizinkan membuka dasbor. Hanya supervisor dan admin.',
    en: 'This account may not open the dashboard. Supervisors and admins only.',
  },
  sections: { id: 'Bagian dasbor', en: 'Dashboard sections' },
  tabFloor: { id: 'Lantai', en: 'Floor' },
  tabImport: { id: 'Impor', en: 'Import' },
  tabDevices: { id: 'Perangkat', en: 'Devices' },
  tabReports: { id: 'Laporan', en: 'Reports' },
  roleSupervisor: { id: 'Supervisor', en: 'Supervisor' },
  roleAdmin: { id: 'Admin', en: 'Admin' },
  // Floor
  counters: { id: 'Loket', en: 'Counters' },
  counter: { id: 'Loket', en: 'Counter' },
  mode: { id: 'Status', en: 'Mode' },
  mode_open: { id: 'Buka', en: 'Open' },
  mode_paused: { id: 'Istirahat', en: 'Paused' },
  mode_closed: { id: 'Tutup', en: 'Closed' },
  officer: { id: 'Petugas', en: 'Officer' },
  held: { id: 'Nomor dipegang', en: 'Ticket(s) held' },
  since: { id: 'sejak', en: 'since' },
  stagesServed: { id: 'Tahap', en: 'Stages' },
  byStage: { id: 'Per tahap', en: 'By stage' },
  byService: { id: 'Per layanan', en: 'By service' },
  stage: { id: 'Tahap', en: 'Stage' },
  service: { id: 'Layanan', en: 'Service' },
  waiting: { id: 'Menunggu', en: 'Waiting' },
  longestWait: { id: 'Tunggu terlama', en: 'Longest wait' },
  estWait: { id: 'Perkiraan tunggu', en: 'Estimated wait' },
  openCounters: { id: 'Loket buka', en: 'Open counters' },
  recentCalls: { id: 'Panggilan terakhir', en: 'Recent calls' },
  noCalls: { id: 'Belum ada panggilan.', en: 'No calls yet.' },
  recallMark: { id: 'ulang', en: 'recall' },
  alerts: { id: 'Permintaan bantuan', en: 'Help requests' },
  noAlerts: { id: 'Tidak ada permintaan terbuka.', en: 'No open requests.' },
  acknowledge: { id: 'Tangani', en: 'Acknowledge' },
  noShows: { id: 'Tidak hadir hari ini', en: "Today's no-shows" },
  noNoShows: { id: 'Tidak ada.', en: 'None.' },
  reinstate: { id: 'Kembalikan ke antrean', en: 'Reinstate' },
  calledAt: { id: 'dipanggil', en: 'called' },
  // Import
  importTitle: { id: 'Impor booking M-Paspor', en: 'Import M-Paspor bookings' },
  importHelp: {
    id: 'Pilih berkas ekspor M-Paspor (CSV atau JSON, UTF-8). Berkas diperiksa utuh: satu baris salah → seluruh berkas ditolak dan tidak ada yang berubah. Impor ulang berkas yang sama aman.',
    en: 'Choose an M-Paspor export (CSV or JSON, UTF-8). The file is checked as a whole: one bad line → the whole file is rejected and nothing changes. Importing the same file again is safe.',
  },
  csvHeader: { id: 'Baris judul CSV yang diharapkan', en: 'Expected CSV header' },
  csvExample: { id: 'Contoh baris', en: 'Example line' },
  chooseFile: { id: 'Berkas ekspor', en: 'Export file' },
  importSubmit: { id: 'Impor', en: 'Import' },
  importing: { id: 'Mengimpor…', en: 'Importing…' },
  importDone: { id: 'Impor berhasil: {file}', en: 'Import done: {file}' },
  inserted: { id: 'Baru', en: 'New' },
  updated: { id: 'Diperbarui', en: 'Updated' },
  unchanged: { id: 'Tidak berubah', en: 'Unchanged' },
  importRejected: {
    id: 'Berkas {file} ditolak: {count} baris bermasalah. Tidak ada data yang diubah.',
    en: 'File {file} rejected: {count} bad lines. Nothing was changed.',
  },
  importFailed: {
    id: 'Impor gagal: {message} Tidak ada data yang diubah.',
    en: 'Import failed: {message} Nothing was changed.',
  },
  importMoreLines: {
    id: '… dan {count} baris bermasalah lainnya. Perbaiki yang di atas, lalu impor lagi.',
    en: '… and {count} more bad lines. Fix those above, then import again.',
  },
  line: { id: 'Baris', en: 'Line' },
  reason: { id: 'Masalah', en: 'Problem' },
  adminOnly: { id: 'Hanya admin.', en: 'Admins only.' },
  // Devices
  devicesTitle: { id: 'Perangkat', en: 'Devices' },
  refresh: { id: 'Muat ulang', en: 'Refresh' },
  name: { id: 'Nama', en: 'Name' },
  role: { id: 'Jenis', en: 'Type' },
  role_kiosk: { id: 'Kios', en: 'Kiosk' },
  role_board: { id: 'Papan', en: 'Board' },
  role_survey: { id: 'Tablet survei', en: 'Survey tablet' },
  connection: { id: 'Koneksi', en: 'Connection' },
  connected: { id: 'Tersambung', en: 'Connected' },
  disconnected: { id: 'Terputus', en: 'Disconnected' },
  revoked: { id: 'Dicabut', en: 'Revoked' },
  lastSeen: { id: 'Terakhir terlihat', en: 'Last seen' },
  never: { id: 'belum pernah', en: 'never' },
  printer: { id: 'Printer', en: 'Printer' },
  actions: { id: 'Tindakan', en: 'Actions' },
  revoke: { id: 'Cabut', en: 'Revoke' },
  revokeConfirm: {
    id: 'Cabut {name}? Perangkat langsung terputus dan harus dipasangkan ulang.',
    en: 'Revoke {name}? It disconnects at once and must be paired again.',
  },
  revokeYes: { id: 'Ya, cabut', en: 'Yes, revoke' },
  cancel: { id: 'Batal', en: 'Cancel' },
  noDevices: { id: 'Belum ada perangkat.', en: 'No devices yet.' },
  pairTitle: { id: 'Pasangkan perangkat baru', en: 'Pair a new device' },
  pairHelp: {
    id: 'Buat kode, lalu ketik kode itu di layar pemasangan kios, papan, atau tablet survei (/survey). Kode hanya berlaku sekali.',
    en: 'Create a code, then type it on the pairing screen of the kiosk, board or survey tablet (/survey). A code works once.',
  },
  deviceName: { id: 'Nama perangkat', en: 'Device name' },
  printerUri: { id: 'Printer jaringan (opsional)', en: 'Network printer (optional)' },
  createCode: { id: 'Buat kode', en: 'Create code' },
  pairingCode: { id: 'Kode pemasangan untuk {name}', en: 'Pairing code for {name}' },
  validUntil: { id: 'Berlaku sampai {time}', en: 'Valid until {time}' },
  // Reports
  reportsTitle: { id: 'Laporan harian', en: 'Daily report' },
  summary: { id: 'Ringkasan {date}', en: 'Summary {date}' },
  date: { id: 'Tanggal', en: 'Date' },
  loading: { id: 'Memuat…', en: 'Loading…' },
  issued: { id: 'Nomor diterbitkan', en: 'Tickets issued' },
  completed: { id: 'Selesai dilayani', en: 'Completed' },
  noShowCount: { id: 'Tidak hadir', en: 'No-shows' },
  downloadCsv: { id: 'Unduh CSV', en: 'Download CSV' },
  chartWaits: { id: 'Median waktu tunggu per jam (menit)', en: 'Median wait by hour (minutes)' },
  chartWaitsDesc: {
    id: 'Median menit dari masuk antrean sampai dipanggil, per jam panggilan.',
    en: 'Median minutes from joining the queue to being called, by hour of the call.',
  },
  chartService: {
    id: 'Median waktu layanan per tahap (menit)',
    en: 'Median service time per stage (minutes)',
  },
  chartServiceDesc: {
    id: 'Median menit dari dipanggil sampai selesai atau dialihkan, per tahap.',
    en: 'Median minutes from call to completion or transfer, by stage.',
  },
  chartCounters: { id: 'Dilayani per loket', en: 'Served per counter' },
  chartCountersDesc: {
    id: 'Jumlah layanan yang selesai atau dialihkan di tiap loket.',
    en: 'Services completed or transferred at each counter.',
  },
  noData: { id: 'Belum ada data untuk tanggal ini.', en: 'No data for this date yet.' },
  asTable: { id: 'Lihat sebagai tabel', en: 'Show as a table' },
  hour: { id: 'Jam', en: 'Hour' },
  calls: { id: 'Panggilan', en: 'Calls' },
  medianMinutes: { id: 'Median (menit)', en: 'Median (min)' },
  count: { id: 'Jumlah', en: 'Count' },
  served: { id: 'Dilayani', en: 'Served' },
  perServiceTitle: { id: 'Per layanan', en: 'Per service' },
  minutesShort: { id: 'mnt', en: 'min' },
} as const satisfies Record<string, Localized>;

export type DashKey = keyof typeof DASH_STRINGS;
export type DashText = (key: DashKey, params?: Record<string, string | number>) => string;

/** The text of `key` in `lang`, with `{name}` placeholders filled. */
export function dashText(lang: Lang): DashText {
  return (key, params = {}) =>
    DASH_STRINGS[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}
