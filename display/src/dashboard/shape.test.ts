import { describe, expect, it } from 'vitest';
import type { DeviceHealth, PublicTicket } from '@giliran/shared';
import { publicTicket, testConfig } from '../state/fixtures.ts';
import {
  barLayout,
  wrapLabel,
  importContentType,
  importRejection,
  mergeDevices,
  niceScale,
  officeToday,
  printerState,
  reportFileName,
  serviceRows,
  stageRows,
  type DeviceRecord,
} from './shape.ts';

const device = (over: Partial<DeviceRecord>): DeviceRecord => ({
  id: 'k1',
  name: 'Kiosk Lobi 1',
  role: 'kiosk',
  lastSeen: null,
  revoked: false,
  printerUri: null,
  ...over,
});

const health = (over: Partial<DeviceHealth>): DeviceHealth => ({
  deviceId: 'k1',
  name: 'Kiosk Lobi 1',
  role: 'kiosk',
  connected: true,
  lastSeen: 5_000,
  printer: null,
  printerFault: null,
  ...over,
});

const okPrinter = { online: true, paperNearEnd: false, paperOut: false, coverOpen: false, error: false };

describe('mergeDevices', () => {
  it('adds live connection and printer state to the stored list, newest last-seen wins', () => {
    const rows = mergeDevices(
      [device({ lastSeen: 1_000 }), device({ id: 'b1', name: 'Layar', role: 'board' })],
      [health({ printer: { ...okPrinter, paperNearEnd: true } })],
    );
    expect(rows).toEqual([
      expect.objectContaining({ id: 'k1', connected: true, lastSeen: 5_000, printer: 'paper_low' }),
      expect.objectContaining({ id: 'b1', connected: false, lastSeen: null, printer: 'none' }),
    ]);
  });

  it('keeps the stored last-seen when it is newer than the health record', () => {
    const [row] = mergeDevices([device({ lastSeen: 9_000 })], [health({ lastSeen: 5_000 })]);
    expect(row?.lastSeen).toBe(9_000);
  });

  it('never shows a revoked device as connected, and lists it last', () => {
    const rows = mergeDevices(
      [device({ id: 'a', name: 'A', revoked: true }), device({ id: 'z', name: 'Z' })],
      [health({ deviceId: 'a' }), health({ deviceId: 'z', connected: false })],
    );
    expect(rows.map((r) => [r.id, r.connected])).toEqual([
      ['z', false],
      ['a', false],
    ]);
  });

  it('orders kiosks before boards, then by name', () => {
    const rows = mergeDevices(
      [
        device({ id: 'b', name: 'Aula', role: 'board' }),
        device({ id: 'k2', name: 'Kiosk 2' }),
        device({ id: 'k1', name: 'Kiosk 1' }),
      ],
      [],
    );
    expect(rows.map((r) => r.id)).toEqual(['k1', 'k2', 'b']);
  });

  it('a kiosk without health has an unknown printer; a board with a printer URI too', () => {
    const rows = mergeDevices(
      [device({}), device({ id: 'b', role: 'board', printerUri: 'tcp://10.0.0.5:9100' })],
      [],
    );
    expect(rows.map((r) => r.printer)).toEqual(['unknown', 'unknown']);
  });
});

describe('printerState', () => {
  it('a print fault beats the last status, and paper out beats the rest', () => {
    expect(printerState({ printer: okPrinter, printerFault: 'timeout' }, true)).toBe('timeout');
    expect(
      printerState({ printer: { ...okPrinter, paperOut: true, coverOpen: true }, printerFault: null }, true),
    ).toBe('paper_out');
    expect(printerState({ printer: { ...okPrinter, online: false }, printerFault: null }, true)).toBe(
      'offline',
    );
    expect(printerState({ printer: okPrinter, printerFault: null }, true)).toBe('ok');
  });
});

const ticket = (over: Partial<PublicTicket>): PublicTicket =>
  publicTicket({ id: 't', number: 'A001', waitingSince: 0, ...over });

describe('floor rows', () => {
  const now = 30 * 60_000;
  const tickets = [
    ticket({ id: '1', waitingSince: 0 }),
    ticket({ id: '2', waitingSince: 20 * 60_000 }),
    ticket({ id: '3', stageId: 'foto', status: 'called', waitingSince: 0 }),
    ticket({ id: '4', stageId: 'foto', waitingSince: 25 * 60_000 + 30_000 }),
  ];

  it('per stage: waiting count, longest wait in whole minutes, open (not paused) counters', () => {
    const rows = stageRows(
      testConfig,
      tickets,
      [
        { mode: 'open', stages: ['verifikasi'] },
        { mode: 'paused', stages: ['verifikasi'] },
        { mode: 'open', stages: ['foto', 'verifikasi'] },
      ],
      now,
    );
    expect(rows).toEqual([
      { stageId: 'verifikasi', waiting: 2, longestWaitMinutes: 30, openCounters: 2 },
      { stageId: 'foto', waiting: 1, longestWaitMinutes: 4, openCounters: 1 },
      { stageId: 'informasi', waiting: 0, longestWaitMinutes: null, openCounters: 0 },
    ]);
  });

  it('per service: the estimate comes from the server load, null when it has none', () => {
    const rows = serviceRows(
      testConfig,
      tickets,
      [{ serviceId: 'mpaspor', waiting: 3, estimatedWaitMinutes: 12 }],
      now,
    );
    expect(rows).toEqual([
      { serviceId: 'mpaspor', waiting: 3, longestWaitMinutes: 30, estimatedWaitMinutes: 12 },
      { serviceId: 'informasi', waiting: 0, longestWaitMinutes: null, estimatedWaitMinutes: null },
    ]);
  });
});

describe('chart scaling', () => {
  it('rounds the axis up to 1, 2 or 5 × 10ⁿ steps', () => {
    expect(niceScale(7.3)).toEqual({ max: 8, step: 2 });
    expect(niceScale(10)).toEqual({ max: 10, step: 2 });
    expect(niceScale(43)).toEqual({ max: 50, step: 10 });
    expect(niceScale(0.4)).toEqual({ max: 0.4, step: 0.1 });
    expect(niceScale(0)).toEqual({ max: 1, step: 1 });
    expect(niceScale(Number.NaN)).toEqual({ max: 1, step: 1 });
    expect(niceScale(1, 5, true)).toEqual({ max: 1, step: 1 });
    expect(niceScale(3, 5, true)).toEqual({ max: 3, step: 1 });
    expect(niceScale(1)).toEqual({ max: 1, step: 0.2 });
  });

  it('lays bars out in equal slots with zero at the bottom of the plot', () => {
    const box = { width: 240, height: 140, left: 40, right: 0, top: 10, bottom: 30 };
    const { bars, ticks, plot } = barLayout(
      [
        { label: '08:00', value: 10 },
        { label: '09:00', value: 5 },
        { label: '10:00', value: 0 },
      ],
      box,
    );
    expect(plot).toEqual({ x: 40, y: 10, width: 200, height: 100 });
    expect(bars.map((b) => [b.x.toFixed(2), b.y, b.height])).toEqual([
      ['50.00', 10, 100],
      ['116.67', 60, 50],
      ['183.33', 110, 0],
    ]);
    expect(bars[0]?.width).toBeCloseTo((200 / 3) * 0.7);
    expect(ticks.map((t) => [t.value, t.y])).toEqual([
      [0, 110],
      [2, 90],
      [4, 70],
      [6, 50],
      [8, 30],
      [10, 10],
    ]);
  });

  it('an empty chart still has an axis and no bars', () => {
    const { bars, ticks } = barLayout([], { width: 100, height: 100, left: 0, right: 0, top: 0, bottom: 0 });
    expect(bars).toEqual([]);
    expect(ticks.map((t) => t.value)).toEqual([0, 1]);
  });
});

describe('reports and import helpers', () => {
  it('today is the office day, not the machine one', () => {
    // 16:30 UTC on the 27th is 00:30 WITA on the 28th.
    expect(officeToday(Date.parse('2026-11-27T16:30:00Z'), 'Asia/Makassar')).toBe('2026-11-28');
    expect(officeToday(Date.parse('2026-11-27T16:30:00Z'), 'Asia/Jakarta')).toBe('2026-11-27');
  });

  it('names the CSV after office and date', () => {
    expect(reportFileName('DPS', '2026-11-28')).toBe('giliran-DPS-2026-11-28.csv');
  });

  it('reads the line errors of a rejected import, sorted, ignoring junk, with the total', () => {
    expect(
      importRejection({
        error: {
          code: 'import_invalid',
          message: 'x',
          params: { count: 140 },
          lines: [
            { line: 5, reason: 'nik: NIK harus 16 angka', problems: [] },
            { line: 2, reason: 'booking_code: wajib diisi', problems: [] },
            'junk',
          ],
          moreLines: 138,
        },
      }),
    ).toEqual({
      lines: [
        { line: 2, reason: 'booking_code: wajib diisi' },
        { line: 5, reason: 'nik: NIK harus 16 angka' },
      ],
      total: 140,
    });
    expect(importRejection({ error: { code: 'forbidden' } })).toEqual({ lines: [], total: 0 });
    expect(importRejection(null)).toEqual({ lines: [], total: 0 });
  });

  it('sends JSON exports as JSON, anything else as CSV', () => {
    expect(importContentType('bookings.JSON')).toBe('application/json');
    expect(importContentType('bookings.csv')).toBe('text/csv');
  });
});

describe('wrapLabel', () => {
  it('breaks a long axis label at spaces into lines that fit, never splitting a word', () => {
    expect(wrapLabel('Informasi & pengaduan', 11)).toEqual(['Informasi &', 'pengaduan']);
    expect(wrapLabel('Berita Acara Pemeriksaan (BAP)', 12)).toEqual(['Berita Acara', 'Pemeriksaan', '(BAP)']);
    expect(wrapLabel('09', 4)).toEqual(['09']);
    expect(wrapLabel('Verifikasi', 4)).toEqual(['Verifikasi']);
  });
});
