import type { Lang, Localized } from '@giliran/shared';

/**
 * Every word the kiosk shows, Indonesian first. Short sentences, no jargon: many applicants are
 * elderly or read little. Functions take the values to fill in.
 */
export const STRINGS = {
  appTitle: { id: 'Anjungan Antrean Imigrasi', en: 'Immigration Queue Kiosk' },
  switchLang: { id: 'English', en: 'Bahasa Indonesia' },
  switchLangLabel: { id: 'Ganti bahasa ke English', en: 'Ganti bahasa ke Bahasa Indonesia' },
  callStaff: { id: 'Panggil petugas', en: 'Call staff' },
  staffCalled: {
    id: 'Petugas sudah dipanggil dan akan segera datang.',
    en: 'A staff member has been called and will come soon.',
  },
  staffCallFailed: {
    id: 'Petugas belum bisa dipanggil. Silakan menuju meja informasi.',
    en: 'Could not call staff. Please go to the information desk.',
  },
  connecting: { id: 'Menghubungkan ke server…', en: 'Connecting to the server…' },
  offline: {
    id: 'Koneksi terputus. Menyambung kembali… Jika lama, panggil petugas.',
    en: 'Connection lost. Reconnecting… If this takes long, call staff.',
  },
  // Idle
  welcome: { id: 'Selamat datang', en: 'Welcome' },
  scanTitle: { id: 'Pindai kode QR M-Paspor', en: 'Scan your M-Paspor QR code' },
  scanHint: {
    id: 'Arahkan kode QR di ponsel Anda ke pemindai di bawah layar.',
    en: 'Hold the QR code on your phone to the scanner below the screen.',
  },
  orType: { id: 'Tidak punya kode QR?', en: 'No QR code?' },
  typeNik: { id: 'Ketik NIK', en: 'Type NIK' },
  typeCode: { id: 'Ketik kode pendaftaran', en: 'Type booking code' },
  walkinTitle: { id: 'Tanpa pendaftaran M-Paspor', en: 'Without an M-Paspor booking' },
  // NIK / code entry
  nikTitle: { id: 'Ketik NIK Anda (16 angka)', en: 'Type your NIK (16 digits)' },
  nikHint: {
    id: 'NIK ada di e-KTP Anda. Periksa setiap kelompok 4 angka.',
    en: 'The NIK is on your e-KTP. Check each group of 4 digits.',
  },
  nikCount: { id: (n: number) => `${n} dari 16 angka`, en: (n: number) => `${n} of 16 digits` },
  codeTitle: { id: 'Ketik kode pendaftaran', en: 'Type your booking code' },
  codeHint: {
    id: 'Kode ada di aplikasi M-Paspor, di bawah kode QR (6–20 huruf/angka).',
    en: 'The code is in the M-Paspor app, under the QR code (6–20 letters/digits).',
  },
  search: { id: 'Cari pendaftaran', en: 'Find booking' },
  back: { id: 'Kembali', en: 'Back' },
  erase: { id: 'Hapus', en: 'Delete' },
  eraseAll: { id: 'Hapus semua', en: 'Clear' },
  busyLookup: { id: 'Mencari pendaftaran…', en: 'Looking up your booking…' },
  busyCheckin: { id: 'Mendaftarkan kedatangan…', en: 'Checking you in…' },
  busyPrint: { id: 'Mencetak tiket…', en: 'Printing your ticket…' },
  // Confirm
  confirmTitle: { id: 'Periksa pendaftaran Anda', en: 'Check your booking' },
  confirmFamily: {
    id: 'Ada beberapa pendaftaran. Pilih siapa saja yang hadir sekarang.',
    en: 'There are several bookings. Choose everyone who is here now.',
  },
  name: { id: 'Nama', en: 'Name' },
  birthDate: { id: 'Tanggal lahir', en: 'Date of birth' },
  holder: { id: 'Atas nama', en: 'Name' },
  nik: { id: 'NIK', en: 'NIK' },
  service: { id: 'Layanan', en: 'Service' },
  window: { id: 'Jadwal kedatangan', en: 'Arrival time' },
  bookingCode: { id: 'Kode', en: 'Code' },
  checklistTitle: { id: 'Siapkan dokumen ini', en: 'Have these documents ready' },
  confirmOne: { id: 'Ya, ini saya — ambil nomor', en: 'Yes, this is me — get a number' },
  confirmMany: {
    id: (n: number) => `Ambil ${n} nomor antrean`,
    en: (n: number) => `Get ${n} queue numbers`,
  },
  selected: { id: 'Dipilih', en: 'Selected' },
  notSelected: { id: 'Tidak dipilih', en: 'Not selected' },
  alreadyNote: {
    id: (n: string) => `Sudah terdaftar hari ini: nomor ${n}. Tiket dicetak ulang.`,
    en: (n: string) => `Already checked in today: number ${n}. The ticket will be reprinted.`,
  },
  lateNote: {
    id: (end: string) =>
      `Anda datang setelah jadwal (sampai ${end}). Anda akan dilayani di layanan Informasi.`,
    en: (end: string) => `You arrived after your time (until ${end}). You will be served at Information.`,
  },
  notThisOne: { id: 'Bukan saya', en: 'Not me' },
  cannotToday: { id: 'Tidak bisa hari ini', en: 'Not possible today' },
  walkinConfirmTitle: { id: 'Ambil nomor antrean', en: 'Get a queue number' },
  walkinConfirm: { id: 'Ambil nomor', en: 'Get a number' },
  // Done
  doneTitle: { id: 'Nomor antrean Anda', en: 'Your queue number' },
  doneTitleMany: { id: 'Nomor antrean Anda', en: 'Your queue numbers' },
  peopleAhead: { id: 'Orang di depan Anda', en: 'People ahead of you' },
  estimatedWait: { id: 'Perkiraan waktu tunggu', en: 'Estimated wait' },
  minutes: {
    id: (n: number) => (n < 1 ? 'kurang dari 1 menit' : `± ${n} menit`),
    en: (n: number) => (n < 1 ? 'less than a minute' : `about ${n} min`),
  },
  takeTicket: {
    id: 'Ambil tiket Anda dari printer. Tunggu nomor Anda dipanggil di layar.',
    en: 'Take your ticket from the printer. Wait for your number on the screen.',
  },
  reprinted: { id: 'Cetak ulang', en: 'Reprint' },
  finish: { id: 'Selesai', en: 'Done' },
  // Printer trouble
  printFailedTitle: { id: 'Tiket tidak dapat dicetak', en: 'The ticket could not be printed' },
  printFailedBody: {
    id: 'Nomor antrean Anda tetap berlaku. Foto layar ini atau pindai kode QR untuk memantau antrean di ponsel. Petugas sudah diberi tahu.',
    en: 'Your queue number stands. Take a photo of this screen or scan the QR code to follow the queue on your phone. Staff have been alerted.',
  },
  printAgain: { id: 'Cetak ulang', en: 'Print again' },
  scanToTrack: { id: 'Pindai untuk memantau antrean', en: 'Scan to follow your queue' },
  printerReason: {
    id: (r: string) => `Alasan: ${r}`,
    en: (r: string) => `Reason: ${r}`,
  },
  // Idle warning
  stillThere: { id: 'Apakah Anda masih di sini?', en: 'Are you still there?' },
  returningIn: {
    id: (s: number) => `Kembali ke awal dalam ${s} detik.`,
    en: (s: number) => `Returning to the start in ${s} seconds.`,
  },
  moreTime: { id: 'Saya perlu waktu lagi', en: 'I need more time' },
  startOver: { id: 'Mulai dari awal', en: 'Start over' },
  // Refusals
  whatNext: { id: 'Yang bisa Anda lakukan', en: 'What you can do' },
  orWalkin: { id: 'Atau ambil nomor tanpa pendaftaran:', en: 'Or get a number without a booking:' },
  tryAgain: { id: 'Coba lagi', en: 'Try again' },
  // Pairing
  pairTitle: { id: 'Pasangkan anjungan ini', en: 'Pair this kiosk' },
  pairHint: {
    id: 'Masukkan kode pemasangan dari dasbor admin (6–8 angka).',
    en: 'Enter the pairing code from the admin dashboard (6–8 digits).',
  },
  pairButton: { id: 'Pasangkan', en: 'Pair' },
  pairing: { id: 'Memasangkan…', en: 'Pairing…' },
} as const;

export type StringKey = keyof typeof STRINGS;

/** Picks a language's variant of any localized value (plain text or a template function). */
export function tr<T>(entry: { id: T; en: T }, lang: Lang): T {
  return entry[lang];
}

export function loc(text: Localized, lang: Lang): string {
  return text[lang];
}

/** Printer faults in words an applicant understands. */
export const PRINTER_FAULTS: Record<string, Localized> = {
  paper_out: { id: 'kertas printer habis', en: 'the printer is out of paper' },
  cover_open: { id: 'tutup printer terbuka', en: 'the printer cover is open' },
  offline: { id: 'printer tidak siap', en: 'the printer is not ready' },
  error: { id: 'printer bermasalah', en: 'the printer has a fault' },
  unreachable: { id: 'printer tidak terhubung', en: 'the printer is not connected' },
  timeout: { id: 'printer tidak menjawab', en: 'the printer does not answer' },
};
