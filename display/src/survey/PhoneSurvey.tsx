import { useEffect, useState } from 'react';
import { request, type GiliranSocket } from '@giliran/client';
import type { I18n } from '../i18n.ts';
import { SurveyForm } from './SurveyForm.tsx';
import { refusalText } from './refusal-text.ts';

type State = 'checking' | 'open' | 'answered' | 'closed';

/**
 * The SKM survey on the phone page of a finished ticket: the phone's socket names its own ticket,
 * so no number is typed. Hidden when the server says this ticket cannot answer (not finished).
 */
export function PhoneSurvey({
  i18n,
  socket,
  connected,
}: {
  i18n: I18n;
  socket: GiliranSocket;
  connected: boolean;
}) {
  const { t } = i18n;
  const [state, setState] = useState<State>('checking');

  useEffect(() => {
    if (!connected || state !== 'checking') return;
    let current = true;
    request(socket, 'survey:check', {}).then(
      ({ ticket }) => {
        if (current) setState(ticket.status === 'open' ? 'open' : 'answered');
      },
      (err: unknown) => {
        // Not finished, or refused: the page simply shows no survey (tried again on reconnect).
        if (current && (err as { code?: string }).code !== 'offline') setState('closed');
      },
    );
    return () => {
      current = false;
    };
  }, [socket, connected, state]);

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
                await request(socket, 'survey:answer', { answers });
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
