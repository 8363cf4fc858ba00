import type { TicketPrintData } from '@giliran/shared';
import { sampleTicket } from '@giliran/hardware/test-support';

/** The shared sample ticket as a passport replacement (ticket B047), overridable per test. */
export function ticketData(overrides: Partial<TicketPrintData> = {}): TicketPrintData {
  return sampleTicket({
    number: 'B047',
    serviceName: { id: 'Penggantian paspor', en: 'Passport replacement' },
    localTime: '10:05',
    peopleAhead: 12,
    estimatedWaitMinutes: 40,
    bookedWindow: { start: '10:00', end: '11:00' },
    checklist: [
      { id: 'KTP elektronik asli', en: 'Original electronic ID card (KTP)' },
      { id: 'Kartu Keluarga asli', en: 'Original family card (KK)' },
      { id: 'Paspor lama', en: 'Old passport' },
      {
        id: 'Surat keterangan hilang dari kepolisian (bila paspor hilang)',
        en: 'Police loss report (if lost)',
      },
      { id: 'Bukti pembayaran PNBP', en: 'Proof of PNBP fee payment' },
      { id: 'Pengajuan é à ü', en: 'Application é à ü' },
    ],
    trackingUrl: 'https://antre.imigrasi.example.id/t/q8v2kd7w',
    maskedName: 'N M*** S***',
    ...overrides,
  });
}

/** The text of every line, for `toContain` assertions. */
export function lineTexts(receipt: { lines: { text: string }[] }): string[] {
  return receipt.lines.map((l) => l.text);
}
