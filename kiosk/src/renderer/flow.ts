import {
  checkInAction,
  formatCalendarDate,
  type CheckinCandidate,
  type Lang,
  type Localized,
  type NikProblem,
} from '@giliran/shared';

/**
 * The kiosk's decisions as pure functions over plain data: which bookings can be checked in,
 * which refusal screen to show, how the NIK is grouped, when the idle timer warns. Tested under Node.
 */

/** Every "no" the kiosk can say, each with its own screen. */
export type Refusal =
  | { kind: 'early'; comeBackAt: string; window: { start: string; end: string } }
  | { kind: 'late'; windowEnd: string }
  | { kind: 'other_date'; arrivalDate: string }
  | { kind: 'other_office'; officeCode: string }
  | { kind: 'unpaid' }
  | { kind: 'cancelled' }
  | { kind: 'booking_not_found' }
  | { kind: 'invalid_nik'; problem: NikProblem | null }
  | { kind: 'rate_limited' }
  | { kind: 'offline' }
  | { kind: 'closed'; openTime: string; closeTime: string }
  | { kind: 'error'; message: string };

export type RefusalKind = Refusal['kind'];

/** A booking the kiosk may check in now: the engine's own rule, or already in (a reprint). */
export function isSelectable(c: CheckinCandidate): boolean {
  return c.assessment.kind === 'already' || checkInAction(c.assessment) !== null;
}

/** Why a booking cannot be checked in now, or null when it can. */
export function refusalOf(c: CheckinCandidate): Refusal | null {
  const a = c.assessment;
  switch (a.kind) {
    case 'ok':
    case 'already':
      return null;
    case 'late':
      return a.action === 'refuse' ? { kind: 'late', windowEnd: a.windowEnd } : null;
    case 'early':
      return { kind: 'early', comeBackAt: a.comeBackAt, window: c.window };
    case 'other_date':
      return { kind: 'other_date', arrivalDate: a.arrivalDate };
    case 'other_office':
      return { kind: 'other_office', officeCode: a.officeCode };
    case 'unpaid':
      return { kind: 'unpaid' };
    case 'cancelled':
      return { kind: 'cancelled' };
    case 'closed':
      return { kind: 'closed', openTime: a.openTime, closeTime: a.closeTime };
  }
}

export type LookupOutcome =
  | { kind: 'confirm'; candidates: CheckinCandidate[]; selected: string[] }
  | { kind: 'refusal'; refusal: Refusal };

/**
 * What to show after a lookup. Any selectable booking → the confirm screen (others listed, greyed,
 * with their reason); none → the refusal of the first booking; no booking at all → not found.
 * A family's bookings all start selected: the common case is that everyone came together.
 */
export function lookupOutcome(candidates: readonly CheckinCandidate[]): LookupOutcome {
  const first = candidates[0];
  if (!first) return { kind: 'refusal', refusal: { kind: 'booking_not_found' } };
  const selectable = candidates.filter(isSelectable);
  if (selectable.length === 0) {
    return { kind: 'refusal', refusal: refusalOf(first) ?? { kind: 'booking_not_found' } };
  }
  return { kind: 'confirm', candidates: [...candidates], selected: selectable.map((c) => c.bookingCode) };
}

/** The refusal for a server error code (unknown codes show the server's own message). */
export function refusalFromError(
  code: string,
  message: string,
  params: Record<string, unknown> = {},
): Refusal {
  switch (code) {
    case 'booking_not_found':
    case 'booking_not_eligible':
      return { kind: 'booking_not_found' };
    case 'invalid_nik': {
      const p = params.problem;
      const known: readonly string[] = ['format', 'province', 'regency', 'birth_date', 'serial'];
      return {
        kind: 'invalid_nik',
        problem: typeof p === 'string' && known.includes(p) ? (p as NikProblem) : null,
      };
    }
    case 'rate_limited':
      return { kind: 'rate_limited' };
    case 'offline':
    case 'no_answer':
      return { kind: 'offline' };
    case 'office_closed':
      return {
        kind: 'closed',
        openTime: typeof params.openTime === 'string' ? params.openTime : '',
        closeTime: typeof params.closeTime === 'string' ? params.closeTime : '',
      };
    default:
      return { kind: 'error', message };
  }
}

/** Toggles one booking in a family selection, keeping the candidates' order. */
export function toggleSelection(
  candidates: readonly CheckinCandidate[],
  selected: readonly string[],
  code: string,
): string[] {
  const set = new Set(selected);
  if (set.has(code)) set.delete(code);
  else set.add(code);
  return candidates.filter((c) => isSelectable(c) && set.has(c.bookingCode)).map((c) => c.bookingCode);
}

/** Documents for the chosen bookings, each named once, in first-seen order. */
export function mergedChecklist(
  candidates: readonly CheckinCandidate[],
  selected: readonly string[],
): Localized[] {
  const seen = new Set<string>();
  const out: Localized[] = [];
  for (const c of candidates) {
    if (!selected.includes(c.bookingCode)) continue;
    for (const item of c.checklist) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      out.push(item);
    }
  }
  return out;
}

/** `5171012345670001` → `['5171', '0123', '4567', '0001']`; partial input gives partial groups. */
export function nikGroups(digits: string): string[] {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 4) groups.push(digits.slice(i, i + 4));
  return groups;
}

/** Appends a key from an on-screen or physical keypad, within the field's limits. */
export function applyKey(value: string, key: string, field: 'nik' | 'code' | 'pair'): string {
  if (key === 'Backspace') return value.slice(0, -1);
  if (key === 'Clear') return '';
  const max = field === 'nik' ? 16 : field === 'code' ? 20 : 8;
  const ch = key.toUpperCase();
  const ok = field === 'code' ? /^[A-Z0-9]$/.test(ch) : /^\d$/.test(ch);
  return ok && value.length < max ? value + ch : value;
}

/**
 * Inactivity: after `idleSeconds` without a touch the kiosk warns with a visible countdown of
 * `warnSeconds`; "I need more time" starts over. Returns what to show at `elapsedMs` since the
 * last touch.
 */
export function idlePhase(
  elapsedMs: number,
  idleSeconds: number,
  warnSeconds = 20,
): { kind: 'active' } | { kind: 'warning'; secondsLeft: number } | { kind: 'expired' } {
  const warnAt = idleSeconds * 1000;
  const endAt = warnAt + warnSeconds * 1000;
  if (elapsedMs < warnAt) return { kind: 'active' };
  if (elapsedMs >= endAt) return { kind: 'expired' };
  return { kind: 'warning', secondsLeft: Math.ceil((endAt - elapsedMs) / 1000) };
}

/** `2026-11-28` → `28 November 2026` (office-local date as booked; no time zone arithmetic). */
export function formatDate(date: string, lang: Lang): string {
  return formatCalendarDate(date, lang);
}
