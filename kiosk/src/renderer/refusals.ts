import { NIK_PROBLEM_TEXT, type Lang } from '@giliran/shared';
import { formatDate, type Refusal } from './flow.ts';

export interface RefusalText {
  title: string;
  body: string;
  /** What to do next, as short steps. */
  next: string[];
  /** Show "Try again" (back to NIK/code entry) — for refusals a typo can cause. */
  retry: boolean;
}

/** Plain-language text of every refusal screen, in both languages, always with a next step. */
export function refusalText(r: Refusal, lang: Lang): RefusalText {
  const id = lang === 'id';
  switch (r.kind) {
    case 'early':
      return {
        title: id ? 'Anda datang terlalu awal' : 'You are too early',
        body: id
          ? `Jadwal Anda pukul ${r.window.start}–${r.window.end}. Anda bisa mendaftar mulai pukul ${r.comeBackAt}.`
          : `Your time is ${r.window.start}–${r.window.end}. You can check in from ${r.comeBackAt}.`,
        next: id
          ? [
              `Kembali ke anjungan ini pukul ${r.comeBackAt} atau sesudahnya.`,
              'Silakan menunggu di ruang tunggu.',
            ]
          : [`Come back to this kiosk at ${r.comeBackAt} or later.`, 'You may wait in the waiting room.'],
        retry: false,
      };
    case 'closed':
      return {
        title: id ? 'Kantor sedang tutup' : 'The office is closed',
        body: id
          ? `Jam layanan pukul ${r.openTime}–${r.closeTime}. Pendaftaran Anda tetap berlaku.`
          : `Service hours are ${r.openTime}–${r.closeTime}. Your booking stays valid.`,
        next: id
          ? [
              `Datang kembali pada jam layanan, mulai pukul ${r.openTime}.`,
              'Jika jadwal Anda hari ini sudah lewat, buat jadwal baru di aplikasi M-Paspor.',
            ]
          : [
              `Come back during service hours, from ${r.openTime}.`,
              'If your booked time today has passed, book a new time in the M-Paspor app.',
            ],
        retry: false,
      };
    case 'late':
      return {
        title: id ? 'Jadwal Anda sudah lewat' : 'Your booked time has passed',
        body: id
          ? `Jadwal kedatangan Anda berakhir pukul ${r.windowEnd}.`
          : `Your arrival time ended at ${r.windowEnd}.`,
        next: id
          ? ['Buat jadwal baru di aplikasi M-Paspor.', 'Atau tanyakan ke petugas di meja informasi.']
          : ['Book a new time in the M-Paspor app.', 'Or ask at the information desk.'],
        retry: false,
      };
    case 'other_date':
      return {
        title: id ? 'Jadwal Anda bukan hari ini' : 'Your booking is not for today',
        body: id
          ? `Pendaftaran Anda untuk tanggal ${formatDate(r.arrivalDate, lang)}.`
          : `Your booking is for ${formatDate(r.arrivalDate, lang)}.`,
        next: id
          ? ['Datang kembali pada tanggal tersebut.', 'Untuk mengubah jadwal, gunakan aplikasi M-Paspor.']
          : ['Come back on that date.', 'To change the date, use the M-Paspor app.'],
        retry: false,
      };
    case 'other_office':
      return {
        title: id ? 'Pendaftaran untuk kantor lain' : 'Booking for another office',
        body: id
          ? `Pendaftaran Anda untuk kantor imigrasi dengan kode ${r.officeCode}, bukan kantor ini.`
          : `Your booking is for the immigration office with code ${r.officeCode}, not this one.`,
        next: id
          ? ['Datang ke kantor imigrasi yang Anda pilih di M-Paspor.', 'Atau tanyakan ke petugas.']
          : ['Go to the immigration office you chose in M-Paspor.', 'Or ask a staff member.'],
        retry: false,
      };
    case 'unpaid':
      return {
        title: id ? 'Pembayaran belum diterima' : 'Payment not received',
        body: id
          ? 'Biaya paspor (PNBP) untuk pendaftaran ini belum tercatat lunas.'
          : 'The passport fee (PNBP) for this booking is not recorded as paid.',
        next: id
          ? [
              'Bayar melalui bank atau kantor pos sesuai kode billing di M-Paspor.',
              'Jika sudah membayar, tunjukkan bukti bayar ke petugas.',
            ]
          : [
              'Pay at a bank or post office with the billing code from M-Paspor.',
              'If you have paid, show the receipt to staff.',
            ],
        retry: false,
      };
    case 'cancelled':
      return {
        title: id ? 'Pendaftaran dibatalkan' : 'Booking cancelled',
        body: id ? 'Pendaftaran ini sudah dibatalkan.' : 'This booking has been cancelled.',
        next: id
          ? ['Buat pendaftaran baru di aplikasi M-Paspor.', 'Atau pilih layanan tanpa pendaftaran di bawah.']
          : ['Make a new booking in the M-Paspor app.', 'Or choose a walk-in service below.'],
        retry: false,
      };
    case 'booking_not_found':
      return {
        title: id ? 'Pendaftaran tidak ditemukan' : 'Booking not found',
        body: id
          ? 'Kami tidak menemukan pendaftaran dengan data tersebut untuk hari ini.'
          : 'We could not find a booking with those details for today.',
        next: id
          ? [
              'Periksa kembali kode atau NIK lalu coba lagi.',
              'Atau pilih layanan tanpa pendaftaran di bawah.',
            ]
          : ['Check the code or NIK and try again.', 'Or choose a walk-in service below.'],
        retry: true,
      };
    case 'invalid_nik': {
      const problem = r.problem ? NIK_PROBLEM_TEXT[r.problem] : undefined;
      return {
        title: id ? 'NIK tidak valid' : 'Invalid NIK',
        body: id
          ? `NIK yang diketik tidak valid${problem ? `: ${problem.id}` : ''}.`
          : `The NIK you typed is not valid${problem ? `: ${problem.en}` : ''}.`,
        next: id
          ? ['Lihat NIK di e-KTP Anda dan ketik ulang, 16 angka.', 'Atau pindai kode QR M-Paspor.']
          : ['Look at the NIK on your e-KTP and type it again, 16 digits.', 'Or scan your M-Paspor QR code.'],
        retry: true,
      };
    }
    case 'rate_limited':
      return {
        title: id ? 'Terlalu banyak percobaan' : 'Too many attempts',
        body: id
          ? 'Demi keamanan data, pencarian dengan NIK dibatasi sementara di anjungan ini.'
          : 'To protect personal data, NIK searches are limited for a while on this kiosk.',
        next: id
          ? ['Tunggu satu menit lalu coba lagi.', 'Atau pindai kode QR M-Paspor, atau panggil petugas.']
          : ['Wait one minute and try again.', 'Or scan your M-Paspor QR code, or call staff.'],
        retry: true,
      };
    case 'offline':
      return {
        title: id ? 'Tidak terhubung ke server' : 'Not connected to the server',
        body: id
          ? 'Anjungan ini sedang tidak terhubung ke server antrean, jadi permintaan Anda belum selesai.'
          : 'This kiosk cannot reach the queue server right now, so your request did not finish.',
        next: id
          ? [
              'Tunggu sebentar lalu coba lagi.',
              'Jika Anda sudah sempat terdaftar, nomor yang sama akan dicetak ulang.',
              'Atau panggil petugas.',
            ]
          : [
              'Wait a moment and try again.',
              'If you were already checked in, the same number will be printed again.',
              'Or call staff.',
            ],
        retry: true,
      };
    case 'error':
      return {
        title: id ? 'Terjadi kendala' : 'Something went wrong',
        body: r.message,
        next: id
          ? ['Coba lagi sebentar lagi.', 'Atau panggil petugas.']
          : ['Try again in a moment.', 'Or call staff.'],
        retry: true,
      };
  }
}
