import { ERROR_MESSAGES, errorMessage, type ErrorCode, type Lang } from '@giliran/shared';

/**
 * The few HTTP calls `client/http.ts` has no helper for: a raw-body upload, DELETE and an
 * authenticated file download. JSON GET/POST go through `getJson`/`postJson` there.
 */

/** A refused HTTP call with its status and the server's error body (`{ error: { code, … } }`). */
export class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
    this.name = 'HttpRefusal';
  }

  /** The message in `lang` when the code is a known one (the server writes Indonesian). */
  text(lang: Lang): string {
    return lang === 'en' && this.code in ERROR_MESSAGES
      ? errorMessage(this.code as ErrorCode, this.params(), 'en')
      : this.message;
  }

  private params(): Record<string, string | number> {
    const err = (this.body as { error?: { params?: Record<string, string | number> } } | null)?.error;
    return err?.params ?? {};
  }
}

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

async function refusal(res: Response): Promise<HttpRefusal> {
  const body: unknown = await res.json().catch(() => null);
  const err = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return new HttpRefusal(
    res.status,
    typeof err?.code === 'string' ? err.code : 'internal',
    typeof err?.message === 'string' ? err.message : `HTTP ${res.status}`,
    body,
  );
}

/** POSTs bytes as they are (an import file) and returns the JSON answer, or throws `HttpRefusal`. */
export async function postBytes<T>(
  path: string,
  bytes: ArrayBuffer,
  contentType: string,
  token: string,
): Promise<T> {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': contentType, ...auth(token) },
    body: bytes,
  });
  if (!res.ok) throw await refusal(res);
  return (await res.json()) as T;
}

export async function deleteJson<T>(path: string, token: string): Promise<T> {
  const res = await fetch(path, { method: 'DELETE', headers: auth(token) });
  if (!res.ok) throw await refusal(res);
  return (await res.json()) as T;
}

/**
 * Fetches a file that needs the bearer token (a plain link cannot send it) and saves it under
 * `fileName`.
 */
export async function downloadWithToken(path: string, token: string, fileName: string): Promise<void> {
  const res = await fetch(path, { headers: auth(token) });
  if (!res.ok) throw await refusal(res);
  saveBlob(await res.blob(), fileName);
}

/** Saves data made in the page (a CSV) as a download, through a short-lived Blob URL. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.style.display = 'none';
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    // The click has started the download; give the browser a moment before freeing the blob.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/** What a failed call says to the officer: a server refusal in `lang`, otherwise the error's message. */
export function failureText(err: unknown, lang: Lang): string {
  return err instanceof HttpRefusal ? err.text(lang) : err instanceof Error ? err.message : String(err);
}
