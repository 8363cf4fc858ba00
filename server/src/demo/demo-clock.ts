import { clockMinutes, localParts, type OfficeConfig } from '@giliran/shared';

/**
 * Where the demo's clock starts (`YYYY-MM-DDTHH:MM`, office-local), or null to run on real time.
 * Run at night, the demo would only show a closed office; so outside opening hours it starts
 * today at 09:00 (or at opening time if that is later), inside the demo bookings' windows, and
 * then runs at real speed. `GILIRAN_CLOCK_START` overrides it.
 */
export function demoClockStart(now: number, office: OfficeConfig['office']): string | null {
  const { date, minuteOfDay } = localParts(now, office.timeZone);
  const open = clockMinutes(office.openTime);
  if (minuteOfDay >= open && minuteOfDay < clockMinutes(office.closeTime)) return null;
  return `${date}T${open > clockMinutes('09:00') ? office.openTime : '09:00'}`;
}
