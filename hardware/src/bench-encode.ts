// Encoded size and encode time of a typical 80 mm ticket (6-item checklist).
// Run: npx tsx hardware/src/bench-encode.ts
import type { TicketPrintData } from '@giliran/shared';
import { encodeTicket } from './ticket/encode.ts';

const ticket: TicketPrintData = {
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
    { id: 'Akta kelahiran, buku nikah, atau ijazah', en: 'Birth certificate, marriage book or diploma' },
    { id: 'Paspor lama (untuk penggantian)', en: 'Old passport (for replacement)' },
    { id: 'Bukti pembayaran PNBP', en: 'Proof of PNBP fee payment' },
    { id: 'Surat rekomendasi (bila diperlukan)', en: 'Recommendation letter (if required)' },
  ],
  trackingUrl: 'https://antre.imigrasi.example.id/t/7f3k9q2mxa',
  maskedName: 'I K*** W***',
  reprint: false,
  note: null,
  lang: 'id',
};

const WARMUP = 200;
const RUNS = 2000;
let size = 0;
for (let k = 0; k < WARMUP; k++) size = encodeTicket(ticket, { width: 80 }).length;
const times: number[] = [];
for (let k = 0; k < RUNS; k++) {
  const start = performance.now();
  encodeTicket(ticket, { width: 80 });
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const pct = (p: number): number => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
console.log(`80 mm ticket, 6-item checklist: ${size} bytes`);
console.log(
  `encode time over ${RUNS} runs: median ${pct(0.5).toFixed(3)} ms, p95 ${pct(0.95).toFixed(3)} ms (Node ${process.version})`,
);
