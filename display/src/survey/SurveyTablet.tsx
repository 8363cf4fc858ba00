import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import type { PublicTicket, SurveyTicket } from '@giliran/shared';
import { request, storeToken, takeTokenFromUrl } from '@giliran/client';
import { PairingForm } from '../board/Board.tsx';
import { ConnectionMark, LangToggle } from '../common/ui.tsx';
import { useQueueConnection } from '../common/use-queue.ts';
import { useI18n, type I18n } from '../i18n.ts';
import { SurveyForm } from './SurveyForm.tsx';
import { refusalText } from './refusal-text.ts';

/** How long the thank-you stays before the tablet is ready for the next person. */
const THANKS_MS = 6_000;

/**
 * `/survey`: the SKM tablet at the exit, paired like a board (`survey` device role). A respondent
 * types the number on their ticket (the server checks it finished today, recently, and has not
 * answered), answers the nine questions, and the tablet forgets them and starts over.
 */
export function SurveyTabletPage() {
  const i18n = useI18n();
  const [token, setToken] = useState<string | null>(() => takeTokenFromUrl());
  const onRefused = useCallback(() => {
    storeToken(null);
    setToken(null);
  }, []);
  if (!token) return <PairingForm i18n={i18n} onPaired={setToken} title="pairSurveyTitle" />;
  return <Tablet i18n={i18n} token={token} onRefused={onRefused} />;
}

type Step = { kind: 'number' } | { kind: 'questions'; ticket: SurveyTicket } | { kind: 'thanks' };

function Tablet({ i18n, token, onRefused }: { i18n: I18n; token: string; onRefused: () => void }) {
  const { t, l } = i18n;
  const { state, socket, authError } = useQueueConnection<PublicTicket>(
    useMemo(() => ({ token }), [token]),
    {},
  );
  const [step, setStep] = useState<Step>({ kind: 'number' });
  const [number, setNumber] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (authError) onRefused();
  }, [authError, onRefused]);
  useEffect(() => {
    if (step.kind !== 'thanks') return;
    const timer = setTimeout(() => setStep({ kind: 'number' }), THANKS_MS);
    return () => clearTimeout(timer);
  }, [step]);

  const reset = () => {
    setNumber('');
    setError(null);
    setStep({ kind: 'number' });
  };
  const check = async (e: FormEvent) => {
    e.preventDefault();
    if (!socket) return;
    try {
      const { ticket } = await request(socket, 'survey:check', { ticketNumber: number.trim() });
      setError(null);
      setStep({ kind: 'questions', ticket });
    } catch (err) {
      setError(refusalText(err, i18n.lang));
    }
  };
  const service = (id: string) => {
    const s = state.config?.services.find((x) => x.id === id);
    return s ? l(s.name) : '';
  };

  return (
    <div className="phone survey-tablet">
      <header className="phone-header">
        <span className="phone-brand">{state.config?.office.name ?? t('appName')}</span>
        <ConnectionMark i18n={i18n} connected={state.connected} everConnected={state.config !== null} />
        <LangToggle i18n={i18n} />
      </header>
      <main>
        <h1 className="survey-heading">{t('surveyTitle')}</h1>
        {step.kind === 'number' && (
          <form className="phone-card survey-number" onSubmit={(e) => void check(e)}>
            <p>{t('surveyTabletIntro')}</p>
            <label htmlFor="survey-number">{t('surveyTicketPrompt')}</label>
            <input
              id="survey-number"
              data-testid="survey-number"
              autoComplete="off"
              autoCapitalize="characters"
              maxLength={8}
              required
              value={number}
              onChange={(e) => setNumber(e.target.value)}
            />
            <button type="submit" className="primary" disabled={!socket || !state.connected}>
              {t('surveyStart')}
            </button>
            {error && (
              <p role="alert" className="error" data-testid="survey-error">
                {error}
              </p>
            )}
          </form>
        )}
        {step.kind === 'questions' && (
          <section className="phone-card survey-card" aria-labelledby="survey-for">
            <h2 id="survey-for">
              {t('surveyFor', { number: step.ticket.number })}
              {service(step.ticket.serviceId) && ` — ${service(step.ticket.serviceId)}`}
            </h2>
            <p className="survey-intro">{t('surveyIntro')}</p>
            <SurveyForm
              i18n={i18n}
              idPrefix="tablet-skm"
              onSubmit={async (answers) => {
                if (!socket) return t('offline');
                try {
                  await request(socket, 'survey:answer', { ticketNumber: step.ticket.number, answers });
                  setNumber('');
                  setStep({ kind: 'thanks' });
                  return null;
                } catch (err) {
                  return refusalText(err, i18n.lang);
                }
              }}
            />
            <button type="button" className="survey-cancel" onClick={reset}>
              {t('surveyCancel')}
            </button>
          </section>
        )}
        {step.kind === 'thanks' && (
          <p className="phone-card phone-status" role="status" data-testid="survey-thanks">
            {t('surveyThanks')}
          </p>
        )}
      </main>
    </div>
  );
}
