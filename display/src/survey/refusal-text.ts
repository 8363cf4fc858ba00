import { ERROR_MESSAGES, errorMessage, type ErrorCode, type Lang } from '@giliran/shared';
import { ServerError } from '@giliran/client';

/** A server refusal in the screen's language (the server words it in Indonesian). */
export function refusalText(error: unknown, lang: Lang): string {
  if (error instanceof ServerError) {
    if (lang === 'en' && error.code in ERROR_MESSAGES)
      return errorMessage(error.code as ErrorCode, error.params, 'en');
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
