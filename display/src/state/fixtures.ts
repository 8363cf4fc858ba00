import {
  officeConfigSchema,
  type CallAnnouncement,
  type CounterState,
  type OfficeConfig,
  type PublicTicket,
  type QueueSnapshot,
  type StaffTicket,
} from '@giliran/shared';

/** Small, valid office data for unit tests (not shipped: only tests import this module). */
const item = (id: string) => ({ id, en: id });

export const testConfig: OfficeConfig = officeConfigSchema.parse({
  office: {
    code: 'DPS',
    name: 'Kantor Imigrasi Uji',
    timeZone: 'Asia/Makassar',
    openTime: '07:30',
    closeTime: '16:00',
  },
  stages: [
    { id: 'verifikasi', name: { id: 'Verifikasi berkas', en: 'Document check' }, defaultServiceMinutes: 6 },
    { id: 'foto', name: { id: 'Foto & wawancara', en: 'Photo & interview' }, defaultServiceMinutes: 8 },
    { id: 'informasi', name: { id: 'Informasi', en: 'Information' }, defaultServiceMinutes: 5 },
  ],
  services: [
    {
      id: 'mpaspor',
      letter: 'A',
      kind: 'booking',
      priority: false,
      name: { id: 'Paspor M-Paspor', en: 'M-Paspor passport' },
      route: ['verifikasi', 'foto'],
    },
    {
      id: 'informasi',
      letter: 'F',
      kind: 'walkin',
      priority: false,
      name: { id: 'Informasi & pengaduan', en: 'Information & complaints' },
      route: ['informasi'],
      checklist: [item('e-KTP asli')],
    },
  ],
  counters: [
    { id: 'loket-1', number: 1, stages: ['verifikasi'] },
    { id: 'loket-4', number: 4, stages: ['foto'] },
    { id: 'loket-8', number: 8, stages: ['informasi'] },
  ],
  checklists: {
    baru: [item('e-KTP asli'), item('Kartu Keluarga')],
    penggantian: [item('Paspor lama')],
    hilang: [item('Surat kehilangan')],
    rusak: [item('Paspor rusak')],
    anak: [item('Akta kelahiran')],
    umrah: [item('Rekomendasi')],
  },
  policy: {
    priorityRunMax: 3,
    regularMaxWaitMinutes: 20,
    earlyMarginMinutes: 60,
    lateGraceMinutes: 30,
    lateArrival: { action: 'route', serviceId: 'informasi' },
    noShowAfterRecalls: 2,
    retentionDays: 30,
    rateLimits: {
      nikLookupsPerKiosk: { max: 10, perSeconds: 60 },
      bookingCodeLookupsPerKiosk: { max: 20, perSeconds: 60 },
      ticketsPerKiosk: { max: 20, perSeconds: 60 },
      staffCallsPerDevice: { max: 5, perSeconds: 60 },
      loginFailuresPerUser: { max: 5, perSeconds: 300 },
      loginFailuresPerAddress: { max: 10, perSeconds: 300 },
      loginFailuresPerOffice: { max: 30, perSeconds: 60 },
      pairingFailuresPerAddress: { max: 5, perSeconds: 60 },
      pairingFailuresPerOffice: { max: 20, perSeconds: 60 },
      pairingCodeMaxFailures: 10,
    },
    qrBookingCodePattern: '([A-Z0-9]{6,20})',
    kioskIdleSeconds: 60,
  },
  announcements: [{ id: 'Selamat datang', en: 'Welcome' }],
});

export function publicTicket(
  over: Partial<PublicTicket> & Pick<PublicTicket, 'id' | 'number'>,
): PublicTicket {
  return {
    serviceId: 'mpaspor',
    stageId: 'verifikasi',
    status: 'waiting',
    priority: false,
    groupId: null,
    counterId: null,
    calledAt: null,
    recalls: 0,
    waitingSince: 1_000,
    ...over,
  };
}

export function staffTicket(over: Partial<StaffTicket> & Pick<StaffTicket, 'id' | 'number'>): StaffTicket {
  return {
    ...publicTicket(over),
    servingSince: null,
    bookingCode: null,
    applicationType: null,
    checkedInAt: 1_000,
    windowStart: null,
    windowEnd: null,
    note: null,
    holder: null,
    ...over,
  };
}

export function counter(over: Partial<CounterState> & Pick<CounterState, 'counterId'>): CounterState {
  return { mode: 'open', stages: ['verifikasi'], officer: null, ticketIds: [], ...over };
}

export function call(over: Partial<CallAnnouncement> = {}): CallAnnouncement {
  return {
    ticketIds: ['t1'],
    numbers: ['A001'],
    counterId: 'loket-1',
    counterNumber: 1,
    recall: 0,
    at: 10_000,
    spoken: 'Nomor antrean A satu, silakan menuju loket satu',
    ...over,
  };
}

export function snapshot<T extends PublicTicket>(over: Partial<QueueSnapshot<T>> = {}): QueueSnapshot<T> {
  return {
    day: '2026-11-28',
    serverTime: 50_000,
    config: testConfig,
    tickets: [],
    counters: [counter({ counterId: 'loket-1' }), counter({ counterId: 'loket-4', stages: ['foto'] })],
    loads: [{ serviceId: 'mpaspor', waiting: 0, estimatedWaitMinutes: 0 }],
    recentCalls: [],
    viewer: { role: 'board', name: 'Papan 1', counterId: null },
    ...over,
  };
}
