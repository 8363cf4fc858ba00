import { officeConfigSchema, type OfficeConfig } from '@giliran/shared';

/**
 * A small office of its own for the engine's rule tests, so they pin the rules and not Denpasar's
 * configuration: two stages and a side desk, four counters (k2 serves two stages), at most two
 * priority calls in a row while a regular ticket waited over 10 minutes, one recall before a
 * no-show, open 07:00–17:00.
 */
export const TEST_CONFIG: OfficeConfig = officeConfigSchema.parse({
  office: {
    code: 'TST',
    name: 'Kantor Uji',
    timeZone: 'Asia/Makassar',
    openTime: '07:00',
    closeTime: '17:00',
  },
  stages: [
    { id: 'cek', name: { id: 'Cek berkas', en: 'Check' }, defaultServiceMinutes: 5 },
    { id: 'foto', name: { id: 'Foto', en: 'Photo' }, defaultServiceMinutes: 4 },
    { id: 'info', name: { id: 'Info', en: 'Info' }, defaultServiceMinutes: 3 },
  ],
  services: [
    {
      id: 'bk',
      letter: 'A',
      name: { id: 'Booking', en: 'Booking' },
      kind: 'booking',
      priority: false,
      route: ['cek', 'foto'],
    },
    {
      id: 'pr',
      letter: 'P',
      name: { id: 'Prioritas', en: 'Priority' },
      kind: 'walkin',
      priority: true,
      route: ['cek', 'foto'],
    },
    {
      id: 'wk',
      letter: 'W',
      name: { id: 'Langsung', en: 'Walk-in' },
      kind: 'walkin',
      priority: false,
      route: ['cek', 'foto'],
    },
    {
      id: 'in',
      letter: 'I',
      name: { id: 'Informasi', en: 'Information' },
      kind: 'walkin',
      priority: false,
      route: ['info'],
      checklist: [{ id: 'KTP', en: 'ID card' }],
    },
  ],
  counters: [
    { id: 'k1', number: 1, stages: ['cek'] },
    { id: 'k2', number: 2, stages: ['cek', 'foto'] },
    { id: 'k3', number: 3, stages: ['foto'] },
    { id: 'k4', number: 4, stages: ['info'] },
  ],
  checklists: {
    baru: [{ id: 'e-KTP asli', en: 'Original e-KTP' }],
    penggantian: [{ id: 'Paspor lama', en: 'Old passport' }],
    hilang: [],
    rusak: [],
    anak: [],
    umrah: [],
  },
  policy: {
    priorityRunMax: 2,
    regularMaxWaitMinutes: 10,
    earlyMarginMinutes: 30,
    lateGraceMinutes: 15,
    lateArrival: { action: 'route', serviceId: 'in' },
    noShowAfterRecalls: 1,
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
});
