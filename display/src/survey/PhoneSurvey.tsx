import { useEffect, useState } from 'react';
import { answerPhoneSurvey, checkPhoneSurvey } from '@giliran/client';
import type { I18n } from '../i18n.ts';
import { SurveyForm } from './SurveyForm.tsx';
import { refusalText } from './refusal-text.ts';

type State = 'checking' | 'open' | 'answered' | 'closed';

const RETRY_MS = 5_000;

/**
 * The SKM survey on the phone page of a finished ticket: the tracking token names its own ticket,
 * so no number is typed. Hidden when the server says this ticket cannot answer (not finished).
 */
export function PhoneSurvey({
  i18n,
  token,
  connected,
}: {
  i18n: I18n;
  token: string;
  /** The page's stream is open: no use asking the server before (asked again on reconnect). */
  connected: boolean;
}) {
  const { t } = i18n;
  const [state, setState] = useState<State>('checking');
  // Bumped to ask again after a check that did not reach the server (the stream may be fine).
  const [retries, setRetries] = useState(0);

  useEffect(() => {
    if (!connected || state !== 'checking') return;
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    checkPhoneSurvey(token).then(
      ({ ticket }) => {
        if (current) setState(ticket.status === 'open' ? 'open' : 'answered');
      },
      (err: unknown) => {
        // Not finished, or refused: the page simply shows no survey. Unreachable: asked again.
        if (!current) return;
        if (isConnectionFailure(err)) timer = setTimeout(() => setRetries((n) => n + 1), RETRY_MS);
        else setState('closed');
      },
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [token, connected, state, retries]);

  if (state === 'checking' || state === 'closed') return null;
  return (
    <section className="phone-card survey-card" aria-labelledby="survey-title" data-testid="phone-survey">
      <h2 id="survey-title">{t('surveyTitle')}</h2>
      {state === 'answered' ? (
        <p className="phone-status" role="status" data-testid="survey-thanks">
          {t('surveyThanks')}
        </p>
      ) : (
        <>
          <p className="survey-intro">{t('surveyIntro')}</p>
          <SurveyForm
            i18n={i18n}
            idPrefix="phone-skm"
            onSubmit={async (answers) => {
              try {
                await answerPhoneSurvey(token, answers);
                setState('answered');
                return null;
              } catch (err) {
                if ((err as { code?: string }).code === 'survey_already_answered') setState('answered');
                return refusalText(err, i18n.lang);
              }
            }}
          />
        </>
      )}
    </section>
  );
}

function isConnectionFailure(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code === 'offline' || code === 'no_answer';
}
