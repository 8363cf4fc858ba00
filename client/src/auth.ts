import { fetchOrExplain } from './http.ts';

/**
 * Device and officer tokens in the browser. A device page opened as `/board?token=…` (the demo prints
 * such links) or paired with a code keeps its token in localStorage so it survives reboots.
 */
const KEY = 'giliran.token';

export function takeTokenFromUrl(): string | null {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (token) {
    localStorage.setItem(KEY, token);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
  }
  return localStorage.getItem(KEY);
}

export function storedToken(): string | null {
  return localStorage.getItem(KEY);
}

export function storeToken(token: string | null): void {
  if (token) localStorage.setItem(KEY, token);
  else localStorage.removeItem(KEY);
}

/** POSTs JSON and returns the parsed body; throws with the server's user-facing message on error. */
export async function postJson<T>(path: string, body: unknown, token?: string | null): Promise<T> {
  const res = await fetchOrExplain(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as T | { error: { message: string } };
  if (!res.ok) {
    const message = (json as { error?: { message?: string } }).error?.message ?? `HTTP ${res.status}`;
    throw new Error(message);
  }
  return json as T;
}
