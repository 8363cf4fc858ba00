import { failureOf } from './server-error.ts';

/**
 * `fetch` bounded in time, failing with a message fit for the screen: a request to an unreachable
 * or silent server must end in words a user can act on, never hang or show "Failed to fetch"
 * (a `ServerError` coded `offline` or `no_answer`).
 */
export async function fetchOrExplain(
  path: string,
  init: RequestInit = {},
  timeoutMs = 15_000,
): Promise<Response> {
  try {
    return await fetch(path, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    const silent = e instanceof DOMException && e.name === 'TimeoutError';
    throw failureOf(silent ? 'no_answer' : 'offline');
  }
}

/** GET JSON from the office server; `null` for 404 (an unknown tracking token, say). */
export async function getJson<T>(path: string, token?: string | null): Promise<T | null> {
  const res = await fetchOrExplain(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (res.status === 404) return null;
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
  }
  return (await res.json()) as T;
}
