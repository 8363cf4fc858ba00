import { describe, expect, it } from 'vitest';
import { encodeStatusBytes, faultOf, isStatusByte, parseStatusBytes } from './status.ts';

const ready = { printer: 0x12, offlineCause: 0x12, errorCause: 0x12, paperSensor: 0x12 };

describe('parseStatusBytes', () => {
  it('reads a ready printer', () => {
    expect(parseStatusBytes(ready)).toEqual({
      online: true,
      paperNearEnd: false,
      paperOut: false,
      coverOpen: false,
      error: false,
    });
    expect(faultOf(parseStatusBytes(ready))).toBeNull();
  });

  it('reads bytes recorded from the Epson reference tables', () => {
    // Cover open: n=1 offline (0x1A), n=2 cover bit (0x16).
    expect(parseStatusBytes({ ...ready, printer: 0x1a, offlineCause: 0x16 })).toMatchObject({
      online: false,
      coverOpen: true,
      paperOut: false,
    });
    // Paper end: n=2 bit 5 (0x32), n=4 bits 5-6 (0x72).
    const out = parseStatusBytes({ ...ready, printer: 0x1a, offlineCause: 0x32, paperSensor: 0x72 });
    expect(out.paperOut).toBe(true);
    expect(faultOf(out)?.reason).toBe('paper_out');
    // Near end only warns.
    const near = parseStatusBytes({ ...ready, paperSensor: 0x1e });
    expect(near).toMatchObject({ online: true, paperNearEnd: true });
    expect(faultOf(near)).toBeNull();
    // Auto-cutter error: n=3 bit 3.
    expect(faultOf(parseStatusBytes({ ...ready, errorCause: 0x1a }))?.reason).toBe('error');
    // Offline for another reason.
    expect(faultOf(parseStatusBytes({ ...ready, printer: 0x1a }))?.reason).toBe('offline');
  });

  it('accepts a single bit of a sensor pair (some clones set one)', () => {
    expect(parseStatusBytes({ ...ready, paperSensor: 0x32 }).paperOut).toBe(true);
    expect(parseStatusBytes({ ...ready, paperSensor: 0x16 }).paperNearEnd).toBe(true);
  });

  it('ignores bytes that are not status answers and missing answers', () => {
    expect(isStatusByte(0x12)).toBe(true);
    expect(isStatusByte(0x00)).toBe(false);
    expect(isStatusByte(0xff)).toBe(false);
    expect(parseStatusBytes({ printer: 0xff, paperSensor: 0x00 })).toMatchObject({
      online: true,
      paperOut: false,
    });
  });

  it('gives cover_open priority below paper_out', () => {
    const both = encodeStatusBytes({
      offline: false,
      paperOut: true,
      coverOpen: true,
      paperNearEnd: false,
      error: false,
    });
    expect(faultOf(parseStatusBytes(both))?.reason).toBe('paper_out');
  });

  it('round-trips every combination through encodeStatusBytes', () => {
    for (let mask = 0; mask < 32; mask++) {
      const s = {
        offline: (mask & 1) !== 0,
        paperOut: (mask & 2) !== 0,
        coverOpen: (mask & 4) !== 0,
        paperNearEnd: (mask & 8) !== 0,
        error: (mask & 16) !== 0,
      };
      const parsed = parseStatusBytes(encodeStatusBytes(s));
      expect(parsed).toEqual({
        online: !(s.offline || s.paperOut || s.coverOpen || s.error),
        paperNearEnd: s.paperNearEnd,
        paperOut: s.paperOut,
        coverOpen: s.coverOpen,
        error: s.error,
      });
    }
  });
});
