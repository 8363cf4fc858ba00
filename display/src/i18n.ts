import { useCallback, useEffect, useState } from 'react';
import type { Lang, Localized } from '@giliran/shared';

/**
 * User-facing text of the display apps. Bahasa Indonesia is the default on every screen; English is
 * one tap away (`LangToggle`) and remembered per browser.
 */
export const STRINGS = {
  appName: { id: 'Giliran', en: 'Giliran' },
  switchLang: { id: 'English', en: 'Bahasa Indonesia' },
  switchLangLabel: { id: 'Ganti bahasa ke English', en: 'Switch language to Bahasa Indonesia' },
  offline: { id: 'Terputus — menyambung ulang…', en: 'Offline — reconnecting…' },
  connecting: { id: 'Menghubungkan ke server…', en: 'Connecting to the server…' },
  online: { id: 'Tersambung', en: 'Connected' },
  nowCalling: { id: 'Nomor dipanggil', en: 'Now calling' },
  toCounter: { id: 'Silakan ke loket', en: 'Please go to counter' },
  counter: { id: 'Loket', en: 'Counter' },
  recall: { id: 'Panggilan ulang', en: 'Recall' },
  lastCalls: { id: 'Panggilan terakhir', en: 'Recent calls' },
  counters: { id: 'Loket', en: 'Counters' },
  serving: { id: 'Melayani', en: 'Serving' },
  free: { id: 'Siap', en: 'Free' },
  paused: { id: 'Istirahat', en: 'On break' },
  closed: { id: 'Tutup', en: 'Closed' },
  waiting: { id: 'Menunggu', en: 'Waiting' },
  estWait: { id: 'Perkiraan tunggu', en: 'Estimated wait' },
  services: { id: 'Layanan', en: 'Services' },
  minutes: { id: 'menit', en: 'min' },
  noCallsYet: { id: 'Belum ada panggilan', en: 'No calls yet' },
  soundOff: { id: 'Suara mati — ketuk untuk menyalakan', en: 'Sound off — tap to turn on' },
  voiceSpeech: { id: 'Suara: bawaan', en: 'Voice: built-in' },
  voiceClips: { id: 'Suara: rekaman', en: 'Voice: recorded' },
  voiceText: { id: 'Tanpa suara: teks saja', en: 'No voice: text only' },
  pairTitle: { id: 'Pasangkan papan ini', en: 'Pair this board' },
  pairCode: { id: 'Kode pemasangan (6–8 angka)', en: 'Pairing code (6–8 digits)' },
  pairSubmit: { id: 'Pasangkan', en: 'Pair' },
  pairHelp: {
    id: 'Minta kode dari admin di Dasbor → Perangkat.',
    en: 'Ask an admin for a code in Dashboard → Devices.',
  },
  // Counter console
  signIn: { id: 'Masuk petugas', en: 'Officer sign-in' },
  username: { id: 'Nama pengguna', en: 'Username' },
  password: { id: 'Kata sandi', en: 'Password' },
  signInSubmit: { id: 'Masuk', en: 'Sign in' },
  signOut: { id: 'Keluar', en: 'Sign out' },
  chooseCounter: { id: 'Pilih loket dan tahap', en: 'Choose a counter and stages' },
  stages: { id: 'Tahap yang dilayani', en: 'Stages served' },
  openCounter: { id: 'Buka loket', en: 'Open counter' },
  currentTicket: { id: 'Sedang dilayani', en: 'Current ticket' },
  noCurrent: {
    id: 'Tidak ada nomor. Tekan F1 atau Spasi untuk memanggil.',
    en: 'No ticket. Press F1 or Space to call.',
  },
  booking: { id: 'Kode booking', en: 'Booking code' },
  applicationType: { id: 'Jenis permohonan', en: 'Application type' },
  holder: { id: 'Pemohon', en: 'Applicant' },
  nik: { id: 'NIK', en: 'NIK' },
  window: { id: 'Jadwal kedatangan', en: 'Booked window' },
  walkin: { id: 'Tanpa pendaftaran', en: 'Walk-in' },
  checklist: { id: 'Dokumen yang diperiksa', en: 'Documents to check' },
  noChecklist: {
    id: 'Tidak ada dokumen khusus untuk layanan ini.',
    en: 'No specific documents for this service.',
  },
  waitingList: { id: 'Daftar tunggu', en: 'Waiting list' },
  waitedMinutes: { id: 'menunggu', en: 'waiting' },
  emptyQueue: { id: 'Tidak ada yang menunggu.', en: 'No one is waiting.' },
  actCall: { id: 'Panggil berikutnya', en: 'Call next' },
  actRecall: { id: 'Panggil ulang', en: 'Recall' },
  actStart: { id: 'Mulai layani', en: 'Start serving' },
  actNoShow: { id: 'Tidak hadir', en: 'No-show' },
  actTransfer: { id: 'Ke tahap berikutnya', en: 'To next stage' },
  actComplete: { id: 'Selesai', en: 'Complete' },
  actCompleteStage: { id: 'Selesai → tahap berikutnya', en: 'Done → next stage' },
  endVisit: { id: 'Akhiri kunjungan lebih awal', en: 'End the visit early' },
  endVisitReason: { id: 'Alasan', en: 'Reason' },
  endVisitSubmit: { id: 'Akhiri kunjungan', en: 'End visit' },
  endReason_documents_incomplete: { id: 'Berkas tidak lengkap', en: 'Documents incomplete' },
  endReason_withdrawn: { id: 'Pemohon membatalkan', en: 'Applicant withdrew' },
  endReason_refused: { id: 'Permohonan ditolak', en: 'Application refused' },
  endReason_referred: { id: 'Dirujuk ke layanan lain', en: 'Referred elsewhere' },
  callOrder: { id: 'Urutan', en: 'Order' },
  actPause: { id: 'Istirahat', en: 'Pause' },
  actResume: { id: 'Lanjutkan', en: 'Resume' },
  actClose: { id: 'Tutup loket', en: 'Close counter' },
  transferTo: { id: 'Alihkan ke layanan', en: 'Transfer to service' },
  transferNext: { id: 'Tahap berikutnya (rute)', en: 'Next stage (route)' },
  status_waiting: { id: 'Menunggu', en: 'Waiting' },
  status_called: { id: 'Dipanggil', en: 'Called' },
  status_serving: { id: 'Dilayani', en: 'Being served' },
  status_done: { id: 'Selesai', en: 'Done' },
  status_no_show: { id: 'Tidak hadir', en: 'No-show' },
  recalls: { id: 'panggilan ulang', en: 'recalls' },
  priority: { id: 'Prioritas', en: 'Priority' },
  alerts: { id: 'Permintaan bantuan', en: 'Help requests' },
  // Why staff are asked for (staff alerts) and what a printer reports: console and dashboard.
  reason_help: { id: 'butuh bantuan', en: 'needs help' },
  reason_printer: { id: 'masalah printer', en: 'printer problem' },
  reason_other: { id: 'lainnya', en: 'other' },
  printer_none: { id: '—', en: '—' },
  printer_unknown: { id: 'belum diketahui', en: 'not known yet' },
  printer_ok: { id: 'siap', en: 'ready' },
  printer_paper_low: { id: 'kertas hampir habis', en: 'paper low' },
  printer_paper_out: { id: 'kertas habis', en: 'paper out' },
  printer_cover_open: { id: 'tutup terbuka', en: 'cover open' },
  printer_offline: { id: 'luring', en: 'offline' },
  printer_error: { id: 'galat', en: 'error' },
  printer_unreachable: { id: 'tidak terjangkau', en: 'unreachable' },
  printer_timeout: { id: 'tidak menjawab', en: 'not answering' },
  acknowledge: { id: 'Tangani', en: 'Acknowledge' },
  noShowList: { id: 'Tidak hadir hari ini', en: "Today's no-shows" },
  reinstate: { id: 'Kembalikan ke antrean', en: 'Reinstate' },
  working: { id: 'Memproses…', en: 'Working…' },
  shortcuts: { id: 'Pintasan papan ketik', en: 'Keyboard shortcuts' },
  // Phone
  yourNumber: { id: 'Nomor antrean Anda', en: 'Your queue number' },
  peopleAhead: { id: 'Orang di depan Anda', en: 'People ahead of you' },
  calledTo: { id: 'Anda dipanggil ke loket {n}', en: 'You are called to counter {n}' },
  beingServed: { id: 'Anda sedang dilayani di loket {n}', en: 'You are being served at counter {n}' },
  done: { id: 'Layanan selesai. Terima kasih.', en: 'Service complete. Thank you.' },
  noShow: {
    id: 'Anda tidak hadir saat dipanggil. Silakan hubungi petugas informasi.',
    en: 'You missed your call. Please ask at the information desk.',
  },
  unknownTicket: {
    id: 'Nomor antrean tidak ditemukan atau sudah kedaluwarsa.',
    en: 'Queue number not found or expired.',
  },
  followedElsewhere: {
    id: 'Nomor antrean ini sedang diikuti di layar lain, jadi halaman ini berhenti diperbarui.',
    en: 'This queue number is being followed on another screen, so this page has stopped updating.',
  },
  followHere: { id: 'Ikuti di sini', en: 'Follow here' },
  stage: { id: 'Tahap', en: 'Stage' },
  updated: { id: 'Diperbarui', en: 'Updated' },
  enableAlerts: { id: 'Nyalakan bunyi panggilan', en: 'Turn on call sound' },
  alertsOn: { id: 'Bunyi panggilan menyala', en: 'Call sound on' },
  keepOpen: {
    id: 'Biarkan halaman ini terbuka; kami memberi tahu saat Anda dipanggil.',
    en: 'Keep this page open; we alert you when you are called.',
  },
  // SKM survey (phone page of a finished ticket, and the /survey tablet)
  surveyTitle: { id: 'Survei Kepuasan Masyarakat', en: 'Public satisfaction survey' },
  surveyIntro: {
    id: 'Sembilan pertanyaan singkat tentang layanan hari ini. Tanpa nama; satu jawaban per nomor antrean.',
    en: 'Nine short questions about today’s service. Anonymous; one answer per queue number.',
  },
  surveySubmit: { id: 'Kirim jawaban', en: 'Send answers' },
  surveyMissing: {
    id: 'Masih ada {n} pertanyaan yang belum dijawab.',
    en: '{n} question(s) not answered yet.',
  },
  surveyThanks: {
    id: 'Terima kasih! Jawaban Anda membantu kami memperbaiki layanan.',
    en: 'Thank you! Your answers help us improve the service.',
  },
  surveyAnswered: {
    id: 'Survei untuk nomor ini sudah diisi. Terima kasih.',
    en: 'The survey for this number has already been answered. Thank you.',
  },
  surveyTicketPrompt: {
    id: 'Masukkan nomor antrean Anda (tertera di tiket, mis. A012)',
    en: 'Enter your queue number (printed on your ticket, e.g. A012)',
  },
  surveyStart: { id: 'Mulai survei', en: 'Start the survey' },
  surveyCancel: { id: 'Batal', en: 'Cancel' },
  surveyFor: { id: 'Survei untuk nomor {number}', en: 'Survey for number {number}' },
  surveyTabletIntro: {
    id: 'Sudah selesai dilayani? Bantu kami dengan mengisi survei singkat ini.',
    en: 'Finished? Help us by answering this short survey.',
  },
  pairSurveyTitle: { id: 'Pasangkan tablet survei ini', en: 'Pair this survey tablet' },
  notFound: { id: 'Halaman tidak ditemukan', en: 'Page not found' },
  screens: { id: 'Layar', en: 'Screens' },
} as const satisfies Record<string, Localized>;

export type StringKey = keyof typeof STRINGS;

/** The text of `key` in `lang`, with `{name}` placeholders filled. */
export function translate(lang: Lang, key: StringKey, params: Record<string, string | number> = {}): string {
  return STRINGS[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

export function localized(lang: Lang, text: Localized): string {
  return text[lang];
}

const LANG_KEY = 'giliran.lang';

function initialLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

export interface I18n {
  lang: Lang;
  t: (key: StringKey, params?: Record<string, string | number>) => string;
  l: (text: Localized) => string;
  toggle: () => void;
}

export function useI18n(): I18n {
  const [lang, setLang] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const toggle = useCallback(() => {
    setLang((prev) => {
      const next: Lang = prev === 'id' ? 'en' : 'id';
      try {
        localStorage.setItem(LANG_KEY, next);
      } catch {
        // private mode: the choice lasts for this page only
      }
      return next;
    });
  }, []);
  const t = useCallback(
    (key: StringKey, params?: Record<string, string | number>) => translate(lang, key, params),
    [lang],
  );
  const l = useCallback((text: Localized) => text[lang], [lang]);
  return { lang, t, l, toggle };
}
