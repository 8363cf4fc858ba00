import type { Lang } from '@giliran/shared';

/** The fixed words printed on a ticket. Indonesian first: it is the default everywhere. */
export interface TicketLabels {
  queueNumber: string;
  stage: string;
  peopleAhead: string;
  estimatedWait: string;
  bookedWindow: string;
  checklist: string;
  scanToTrack: string;
  name: string;
  waitCall: string;
  lessThanAMinute: string;
  minutes: (n: number) => string;
  hoursMinutes: (h: number, m: number) => string;
  months: readonly string[];
}

/** Printed in both languages on purpose: staff and applicant must both see it at a glance. */
export const REPRINT_MARK = 'CETAK ULANG / REPRINT';

export const LABELS: Readonly<Record<Lang, TicketLabels>> = {
  id: {
    queueNumber: 'Nomor antrean',
    stage: 'Tahap',
    peopleAhead: 'Orang di depan Anda',
    estimatedWait: 'Perkiraan waktu tunggu',
    bookedWindow: 'Jadwal kedatangan',
    checklist: 'Dokumen yang harus disiapkan',
    scanToTrack: 'Pindai untuk memantau antrean',
    name: 'Atas nama',
    waitCall: 'Tunggu nomor Anda dipanggil di layar.',
    lessThanAMinute: '< 1 menit',
    minutes: (n) => `± ${n} menit`,
    hoursMinutes: (h, m) => (m === 0 ? `± ${h} jam` : `± ${h} jam ${m} menit`),
    months: [
      'Januari',
      'Februari',
      'Maret',
      'April',
      'Mei',
      'Juni',
      'Juli',
      'Agustus',
      'September',
      'Oktober',
      'November',
      'Desember',
    ],
  },
  en: {
    queueNumber: 'Queue number',
    stage: 'Stage',
    peopleAhead: 'People ahead of you',
    estimatedWait: 'Estimated wait',
    bookedWindow: 'Booked window',
    checklist: 'Documents to have ready',
    scanToTrack: 'Scan to follow your queue',
    name: 'Name',
    waitCall: 'Wait for your number to be called on the screen.',
    lessThanAMinute: '< 1 min',
    minutes: (n) => `about ${n} min`,
    hoursMinutes: (h, m) => (m === 0 ? `about ${h} h` : `about ${h} h ${m} min`),
    months: [
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ],
  },
};

/** `2025-01-05` + `09:41` → `5 Januari 2025, 09:41`; anything unparsable is printed as given. */
export function formatLocalDateTime(date: string, time: string, labels: TicketLabels): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const month = match ? labels.months[Number(match[2]) - 1] : undefined;
  if (!match || month === undefined) return `${date} ${time}`.trim();
  return `${Number(match[3])} ${month} ${match[1]}, ${time}`;
}

export function formatWait(minutes: number, labels: TicketLabels): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 1) return labels.lessThanAMinute;
  if (m < 60) return labels.minutes(m);
  return labels.hoursMinutes(Math.floor(m / 60), m % 60);
}
