import type { AppErrorBody, SurveyTicket } from '@giliran/shared';
import { fetchOrExplain } from './http.ts';
import { failureOf, ServerError } from './server-error.ts';
import { trackPath } from './track-stream.ts';

/**
 * Can the ticket of this tracking token answer the SKM survey (`GET /api/track/:token/survey`)?
 * Rejects with a `ServerError`: the server's refusal (`survey_not_done`, `tracking_unknown`…), or
 * `offline` / `no_answer` when the server cannot be reached, as `request()` does on a socket.
 */
export function checkPhoneSurvey(token: string): Promise<{ ticket: SurveyTicket }> {
  return callJson(`${trackPath(token)}/survey`, {});
}

/** Answers the survey for the token's own ticket (`POST /api/track/:token/survey`); see above. */
export function answerPhoneSurvey(token: string, answers: number[]): Promise<{ ticket: SurveyTicket }> {
  return callJson(`${trackPath(token)}/survey`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ answers }),
  });
}

/** One bounded JSON request whose every failure is a `ServerError`, like a socket `request()`. */
async function callJson<T>(path: string, init: RequestInit): Promise<T> {
  const res = await fetchOrExplain(path, init, 8_000);
  const body = (await res.json().catch(() => null)) as { error?: AppErrorBody } | null;
  if (res.ok && body) return body as T;
  if (body?.error?.code) throw new ServerError(body.error);
  // Not our server's answer: a proxy's page while the server is down, or a cut-off body.
  throw failureOf(res.status >= 502 || res.ok ? 'offline' : 'internal');
}
