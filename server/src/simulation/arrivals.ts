import { localToInstant, type ArrivalBehaviour, type Booking, type OfficeConfig } from '@giliran/shared';

/** Who walks in to the kiosk when: a family of bookings together, or one walk-in. */
export interface SimArrival {
  /** Instant the applicant(s) reach the kiosk. */
  at: number;
  /** The bookings checked in together (one account), or empty for a walk-in. */
  bookings: Booking[];
  /** Walk-in service id, or null for bookings. */
  serviceId: string | null;
  /** A `no_show` booking never reaches the kiosk; it is listed so the day's figures can count it. */
  arrival: 'early' | 'on_time' | 'late' | 'walk_in' | 'no_show';
}

/**
 * The walk-ins of a Denpasar-like day (40): Ramah HAM priority, same-day, lost/damaged passports,
 * pickups and questions. Services the configuration lacks are skipped.
 */
export const DENPASAR_WALK_INS: Record<string, number> = {
  prioritas: 8,
  percepatan: 8,
  bap: 4,
  pengambilan: 12,
  informasi: 8,
};

/** Bookings a kiosk would check in on `day`: this office, that date, paid. */
export function bookingsOfDay(bookings: readonly Booking[], config: OfficeConfig, day: string): Booking[] {
  return bookings.filter(
    (b) => b.arrivalDate === day && b.officeCode === config.office.code && b.paymentStatus === 'paid',
  );
}

/**
 * Arrival times, drawn per family (one account comes together):
 * - no-show: never comes;
 * - early: 5 min up to the early margin (at most 60 min) before the window opens;
 * - late: 1–45 min after the window closes (past the grace period some are routed elsewhere);
 * - on time: inside the window, most near its start (offset = length × u²: half within the first
 *   quarter), as people aim for the start of their slot.
 * Walk-ins come evenly from opening until 90 minutes before closing. Nobody checks in before the
 * office opens: early birds wait at the door and check in at opening.
 */
export function drawArrivals(opts: {
  config: OfficeConfig;
  day: string;
  bookings: readonly Booking[];
  behaviour: ArrivalBehaviour;
  walkIns: Record<string, number>;
  rnd: () => number;
}): SimArrival[] {
  const { config, day, behaviour, rnd } = opts;
  const tz = config.office.timeZone;
  const instants = new Map<string, number>();
  const at = (time: string) => {
    let v = instants.get(time);
    if (v === undefined) instants.set(time, (v = localToInstant(day, time, tz)));
    return v;
  };
  const open = at(config.office.openTime);
  const close = at(config.office.closeTime);
  const minute = 60_000;
  const earlyMax = Math.max(5, Math.min(60, config.policy.earlyMarginMinutes));

  const families = new Map<string, Booking[]>();
  for (const b of opts.bookings) {
    const key = `${b.accountId}|${b.windowStart}`;
    families.set(key, [...(families.get(key) ?? []), b]);
  }
  const out: SimArrival[] = [];
  for (const members of families.values()) {
    const b = members[0] as Booking;
    const start = at(b.windowStart);
    const end = at(b.windowEnd);
    const roll = rnd();
    const u = rnd();
    if (roll < behaviour.noShowShare) {
      out.push({ at: start, bookings: members, serviceId: null, arrival: 'no_show' });
      continue;
    }
    let kind: SimArrival['arrival'];
    let t: number;
    if (roll < behaviour.noShowShare + behaviour.earlyShare) {
      kind = 'early';
      t = start - (5 + u * (earlyMax - 5)) * minute;
    } else if (roll < behaviour.noShowShare + behaviour.earlyShare + behaviour.lateShare) {
      kind = 'late';
      t = end + (1 + u * 44) * minute;
    } else {
      kind = 'on_time';
      t = start + (end - start) * u * u;
    }
    out.push({ at: Math.max(open, Math.round(t)), bookings: members, serviceId: null, arrival: kind });
  }
  const walkInEnd = Math.max(open, close - 90 * minute);
  for (const s of config.services) {
    const n = opts.walkIns[s.id] ?? 0;
    if (s.kind !== 'walkin') continue;
    for (let i = 0; i < n; i++)
      out.push({
        at: Math.round(open + rnd() * (walkInEnd - open)),
        bookings: [],
        serviceId: s.id,
        arrival: 'walk_in',
      });
  }
  // Stable order: by time, then as drawn.
  return out
    .map((a, i) => ({ a, i }))
    .sort((x, y) => x.a.at - y.a.at || x.i - y.i)
    .map((x) => x.a);
}
