import { describe, expect, it } from 'vitest';
import { HidPosAssembler, parseHidPosReport, stripAimPrefix } from './hid-pos.ts';

/**
 * Builds a 64-byte Scanned Data Report as a Honeywell-style HID POS scanner sends it:
 * id 0x02, length, data (zero padded to 56 bytes), 3 symbology bytes, 3 reserved, "more data" flag.
 */
function report(text: string, moreData = false, symbology = [0x51, 0x00, 0x00]): Uint8Array {
  const data = new TextEncoder().encode(text);
  const r = new Uint8Array(64);
  r[0] = 0x02;
  r[1] = data.length;
  r.set(data, 2);
  r.set(symbology, 58);
  r[63] = moreData ? 0x01 : 0x00;
  return r;
}

const url = 'https://antre.imigrasi.example.id/t/7f3k9q2mxa-0123456789-abcdefghijklmnopqrstuvwxyz';

describe('parseHidPosReport', () => {
  it('reads one report', () => {
    const chunk = parseHidPosReport(report('A012'));
    expect(chunk && new TextDecoder().decode(chunk.data)).toBe('A012');
    expect(chunk?.moreData).toBe(false);
  });

  it('is tolerant: clamps a length past the end, drops NUL padding, accepts reports without id', () => {
    const r = report('ABC');
    r[1] = 200;
    const clamped = parseHidPosReport(r);
    // Clamped to the byte before the flag, then trailing NULs dropped: ends at the symbology 'Q'.
    expect(clamped?.data.length).toBe(57);
    expect(parseHidPosReport(Uint8Array.of(0x02, 0x05, 0x41, 0x42, 0, 0, 0, 0x00))?.data).toEqual(
      Uint8Array.of(0x41, 0x42),
    );
    const noId = parseHidPosReport(Uint8Array.of(0x03, 0x41, 0x42, 0x43, 0x00));
    expect(noId && new TextDecoder().decode(noId.data)).toBe('ABC');
  });

  it('ignores other reports and runts', () => {
    expect(parseHidPosReport(Uint8Array.of(0x02))).toBeNull();
    expect(parseHidPosReport(Uint8Array.of(0x7f, 0x01, 0x02))).toBeNull();
  });
});

describe('HidPosAssembler', () => {
  it('joins chunked reports and strips the AIM prefix', () => {
    const full = `]Q1${url}`;
    const a = new HidPosAssembler();
    expect(a.push(report(full.slice(0, 56), true), 0)).toBeNull();
    expect(a.push(report(full.slice(56), false), 5)).toEqual({ data: url, aimId: ']Q1' });
  });

  it('drops a sequence that stalled before starting the next scan', () => {
    const a = new HidPosAssembler(500);
    expect(a.push(report('HALF-', true), 0)).toBeNull();
    expect(a.push(report('B001'), 2000)).toEqual({ data: 'B001', aimId: null });
  });

  it('drops a trailing CR/LF suffix and empty scans', () => {
    const a = new HidPosAssembler();
    expect(a.push(report(']C0A012\r\n'), 0)).toEqual({ data: 'A012', aimId: ']C0' });
    expect(a.push(report(''), 1)).toBeNull();
  });
});

describe('stripAimPrefix', () => {
  it('only strips a well-formed prefix', () => {
    expect(stripAimPrefix(']E09780201379624')).toEqual({ data: '9780201379624', aimId: ']E0' });
    expect(stripAimPrefix('] not aim')).toEqual({ data: '] not aim', aimId: null });
  });
});
