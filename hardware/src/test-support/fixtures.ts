import type { TicketPrintData } from '@giliran/shared';

/**
 * A realistic ticket (new passport, 6-item checklist with a long, wrapping item), overridable per
 * test. The one sample ticket for hardware, kiosk and integration tests and the encode bench;
 * exported for tests only as `@giliran/hardware/test-support`, not from the package root.
 */
export function sampleTicket(overrides: Partial<TicketPrintData> = {}): TicketPrintData {
  return {
    officeName: 'Kantor Imigrasi Kelas I TPI Denpasar',
    number: 'A012',
    serviceName: { id: 'Paspor baru (M-Paspor)', en: 'New passport (M-Paspor)' },
    stageName: { id: 'Verifikasi berkas', en: 'Document check' },
    localDate: '2025-03-14',
    localTime: '09:41',
    peopleAhead: 7,
    estimatedWaitMinutes: 25,
    bookedWindow: { start: '09:00', end: '10:00' },
    checklist: [
      { id: 'KTP elektronik asli', en: 'Original electronic ID card (KTP)' },
      { id: 'Kartu Keluarga asli', en: 'Original family card (KK)' },
      {
        id: 'Akta kelahiran, buku nikah, atau ijazah yang mencantumkan nama, tempat dan tanggal lahir',
        en: 'Birth certificate, marriage book or diploma showing name, place and date of birth',
      },
      { id: 'Paspor lama (untuk penggantian)', en: 'Old passport (for replacement)' },
      { id: 'Bukti pembayaran PNBP', en: 'Proof of PNBP fee payment' },
      { id: 'Pengajuan é à ü', en: 'Application é à ü' },
    ],
    trackingUrl: 'https://antre.imigrasi.example.id/t/7f3k9q2mxa',
    maskedName: 'I K*** W***',
    reprint: false,
    note: null,
    lang: 'id',
    ...overrides,
  };
}
