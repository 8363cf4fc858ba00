import type { SessionInfo } from '@giliran/shared';

/**
 * An officer's session in this browser, kept apart from the device token of `auth.ts` so a PC that
 * shows a board in one tab can run a counter console in another.
 */
const KEY = 'giliran.officer';

export interface OfficerSession extends SessionInfo {
  username: string;
}

export function loadOfficerSession(): OfficerSession | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<OfficerSession>;
    return typeof parsed.token === 'string' && typeof parsed.username === 'string'
      ? (parsed as OfficerSession)
      : null;
  } catch {
    return null;
  }
}

export function saveOfficerSession(session: OfficerSession | null): void {
  if (session) localStorage.setItem(KEY, JSON.stringify(session));
  else localStorage.removeItem(KEY);
}
