import { errorMessage, type AppErrorBody, type ErrorCode } from '@giliran/shared';

/** A refusal from the server; `message` is ready to show (Indonesian), `code` picks a translation. */
export class ServerError extends Error {
  readonly code: string;
  readonly params: Record<string, string | number>;
  constructor(body: AppErrorBody) {
    super(body.message);
    this.name = 'ServerError';
    this.code = body.code;
    this.params = body.params ?? {};
  }
}

/**
 * A failure that is not a refusal (`offline`, `no_answer`: the server cannot be reached or did not
 * answer in time), worded and coded like one, so a screen handles both alike.
 */
export function failureOf(code: ErrorCode): ServerError {
  return new ServerError({ code, message: errorMessage(code) });
}
