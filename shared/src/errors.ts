import type { Lang, Localized } from './i18n-types.ts';

/**
 * Every error a client can receive, with a message safe to show a user in both languages.
 * `{name}` placeholders are filled from the error's params.
 */
export const ERROR_MESSAGES = {
  invalid_payload: { id: 'Permintaan tidak valid: {detail}', en: 'Invalid request: {detail}' },
  unauthenticated: {
    id: 'Perangkat atau petugas belum masuk.',
    en: 'This device or officer is not signed in.',
  },
  forbidden: { id: 'Anda tidak berwenang melakukan ini.', en: 'You are not allowed to do this.' },
  not_found: { id: 'Data tidak ditemukan.', en: 'Not found.' },
  booking_not_found: {
    id: 'Pendaftaran tidak ditemukan. Periksa kembali kode atau NIK, atau pilih layanan tanpa pendaftaran.',
    en: 'Booking not found. Check the code or NIK, or choose a walk-in service.',
  },
  invalid_nik: {
    id: 'NIK tidak valid ({problem}). NIK terdiri dari 16 angka, seperti di e-KTP.',
    en: 'Invalid NIK ({problem}). The NIK has 16 digits, as on your e-KTP.',
  },
  rate_limited: {
    id: 'Terlalu banyak percobaan. Silakan tunggu sebentar atau hubungi petugas.',
    en: 'Too many attempts. Please wait a moment or ask a staff member.',
  },
  too_many_attempts: {
    id: 'Terlalu banyak percobaan yang salah. Coba lagi dalam {seconds} detik.',
    en: 'Too many wrong attempts. Try again in {seconds} seconds.',
  },
  server_busy: {
    id: 'Server sedang sibuk. Coba lagi sebentar lagi.',
    en: 'The server is busy. Try again in a moment.',
  },
  tracking_unknown: {
    id: 'Nomor antrean tidak ditemukan atau sudah kedaluwarsa.',
    en: 'Queue number not found or expired.',
  },
  tracking_replaced: {
    id: 'Nomor antrean ini sedang diikuti di layar lain.',
    en: 'This queue number is being followed on another screen.',
  },
  booking_not_eligible: {
    id: 'Pendaftaran {code} tidak dapat diproses hari ini.',
    en: 'Booking {code} cannot be checked in today.',
  },
  office_closed: {
    id: 'Kantor sedang tutup. Jam layanan pukul {openTime}–{closeTime}; silakan datang kembali.',
    en: 'The office is closed. Service hours are {openTime}–{closeTime}; please come back then.',
  },
  unknown_service: { id: 'Layanan tidak dikenal.', en: 'Unknown service.' },
  unknown_counter: { id: 'Loket tidak dikenal.', en: 'Unknown counter.' },
  stage_not_served: {
    id: 'Loket ini tidak melayani tahap tersebut.',
    en: 'This counter does not serve that stage.',
  },
  counter_taken: {
    id: 'Loket {counter} sedang dipakai oleh {officer}.',
    en: 'Counter {counter} is in use by {officer}.',
  },
  counter_not_open: { id: 'Buka loket terlebih dahulu.', en: 'Open a counter first.' },
  counter_paused: {
    id: 'Loket sedang istirahat. Lanjutkan layanan dahulu.',
    en: 'The counter is paused. Resume first.',
  },
  counter_busy: {
    id: 'Loket ini masih melayani {number}. Selesaikan dahulu.',
    en: 'This counter still holds {number}. Finish it first.',
  },
  queue_empty: { id: 'Tidak ada antrean untuk loket ini.', en: 'No one is waiting for this counter.' },
  no_ticket_held: { id: 'Loket ini tidak sedang memanggil nomor.', en: 'This counter holds no ticket.' },
  invalid_transition: {
    id: 'Nomor {number} sedang berstatus {status}; tindakan ini tidak bisa dilakukan.',
    en: 'Ticket {number} is {status}; this action is not possible.',
  },
  no_show_too_early: {
    id: 'Panggil ulang {required} kali sebelum menandai tidak hadir.',
    en: 'Recall {required} times before marking a no-show.',
  },
  no_next_stage: {
    id: 'Tidak ada tahap berikutnya; gunakan Selesai.',
    en: 'There is no next stage; use Complete.',
  },
  pairing_code_invalid: {
    id: 'Kode pemasangan salah atau kedaluwarsa.',
    en: 'The pairing code is wrong or expired.',
  },
  login_failed: { id: 'Nama pengguna atau kata sandi salah.', en: 'Wrong username or password.' },
  import_invalid: {
    id: 'Berkas ditolak: {count} baris bermasalah.',
    en: 'File rejected: {count} bad lines.',
  },
  printer_unavailable: {
    id: 'Printer tidak dapat mencetak ({reason}). Nomor antrean Anda tetap berlaku.',
    en: 'The printer cannot print ({reason}). Your queue number stands.',
  },
  no_printer: { id: 'Tidak ada printer untuk perangkat ini.', en: 'No printer is set up for this device.' },
  office_token_invalid: {
    id: 'Token kantor tidak dikenal atau sudah dicabut.',
    en: 'Unknown or revoked office token.',
  },
  office_mismatch: {
    id: 'Token ini milik kantor {expected}, bukan {got}.',
    en: 'This token belongs to office {expected}, not {got}.',
  },
  survey_ticket_unknown: {
    id: 'Nomor antrean {number} tidak ditemukan hari ini. Periksa nomor pada karcis Anda.',
    en: 'Queue number {number} was not found today. Check the number on your ticket.',
  },
  survey_not_done: {
    id: 'Layanan untuk nomor {number} belum selesai. Survei dapat diisi setelah layanan selesai.',
    en: 'The service for number {number} is not finished yet. The survey opens once it is.',
  },
  survey_already_answered: {
    id: 'Survei untuk nomor {number} sudah diisi. Terima kasih.',
    en: 'The survey for number {number} has already been answered. Thank you.',
  },
  survey_expired: {
    id: 'Survei di tablet untuk nomor {number} sudah ditutup. Anda masih dapat mengisinya hari ini lewat tautan (kode QR) di karcis.',
    en: 'The tablet survey for number {number} has closed. You can still answer today through the link (QR code) on your ticket.',
  },
  storage_unavailable: {
    id: 'Penyimpanan data bermasalah. Tidak ada yang berubah; hubungi petugas.',
    en: 'Data storage failed. Nothing was changed; please call staff.',
  },
  planner_busy: {
    id: 'Perencana sedang menghitung permintaan lain. Coba lagi sebentar lagi.',
    en: 'The planner is busy with another request. Try again in a moment.',
  },
  planner_too_large: {
    id: 'Terlalu banyak pendaftaran untuk disimulasikan ({count}; paling banyak {max}).',
    en: 'Too many bookings to simulate ({count}; at most {max}).',
  },
  planner_failed: {
    id: 'Simulasi tidak selesai ({reason}). Coba lagi atau kecilkan rencana.',
    en: 'The simulation did not finish ({reason}). Try again or plan less at once.',
  },
  internal: {
    id: 'Terjadi kesalahan pada server. Tidak ada yang berubah.',
    en: 'Server error. Nothing was changed.',
  },
  // The two below are a client's own: the server never sends them.
  offline: {
    id: 'Koneksi ke server terputus. Periksa jaringan lalu coba lagi.',
    en: 'The connection to the server is lost. Check the network and try again.',
  },
  no_answer: {
    id: 'Server tidak menjawab. Periksa jaringan lalu coba lagi.',
    en: 'The server does not answer. Check the network and try again.',
  },
} as const satisfies Record<string, Localized>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;
export type ErrorParams = Record<string, string | number>;

/** The error half of every acknowledgement. `message` is Indonesian, ready to show. */
export interface AppErrorBody {
  code: ErrorCode;
  message: string;
  params?: ErrorParams;
}

export function errorMessage(code: ErrorCode, params: ErrorParams = {}, lang: Lang = 'id'): string {
  return ERROR_MESSAGES[code][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

/** A domain refusal; the gateway turns it into an error acknowledgement. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
  ) {
    super(errorMessage(code, params));
    this.name = 'AppError';
  }

  toBody(): AppErrorBody {
    return { code: this.code, message: this.message, params: this.params };
  }
}
