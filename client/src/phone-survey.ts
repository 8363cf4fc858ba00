import { errorMessage, type AppErrorBody, type ErrorCode, type SurveyTicket } from '@giliran/shared';
import { ServerError } from './socket.ts';
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
async function callJson<T>(path: string, init: RequestInit, timeoutMs = 8_000): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    throw failure(e instanceof DOMException && e.name === 'TimeoutError' ? 'no_answer' : 'offline');
  }
  const body = (await res.json().catch(() => null)) as { error?: AppErrorBody } | null;
  if (res.ok && body) return body as T;
  if (body?.error?.code) throw new ServerError(body.error);
  // Not our server's answer: a proxy's page while the server is down, or a cut-off body.
  throw failure(res.status >= 502 || res.ok ? 'offline' : 'internal');
}

function failure(code: ErrorCode): ServerError {
  return new ServerError({ code, message: errorMessage(code) });
}
