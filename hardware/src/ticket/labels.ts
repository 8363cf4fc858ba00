import { formatCalendarDate, type Lang } from '@giliran/shared';

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
  },
};

/** `2025-01-05` + `09:41` → `5 Januari 2025, 09:41`; anything unparsable is printed as given. */
export function formatLocalDateTime(date: string, time: string, lang: Lang): string {
  const day = formatCalendarDate(date, lang);
  return day === date ? `${date} ${time}`.trim() : `${day}, ${time}`;
}

export function formatWait(minutes: number, labels: TicketLabels): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 1) return labels.lessThanAMinute;
  if (m < 60) return labels.minutes(m);
  return labels.hoursMinutes(Math.floor(m / 60), m % 60);
}
