import { useState, type FormEvent } from 'react';
import { SKM_ELEMENT_COUNT, SKM_ELEMENTS } from '@giliran/shared';
import type { I18n } from '../i18n.ts';

/** The nine answers so far (`null`: not answered), or the list to send when all are given. */
export function completeAnswers(answers: readonly (number | null)[]): number[] | null {
  if (answers.length !== SKM_ELEMENT_COUNT) return null;
  return answers.every((a): a is number => a !== null && a >= 1 && a <= 4) ? [...answers] : null;
}

/**
 * The SKM questionnaire of PermenPANRB 14/2017: nine elements, each one question with four answers
 * scored 1–4 (radio buttons, worst first as the regulation prints them). Nothing about the
 * respondent is asked. `onSubmit` gets the nine scores, U1 first; it resolves to an error text or
 * null.
 */
export function SurveyForm({
  i18n,
  idPrefix,
  onSubmit,
}: {
  i18n: I18n;
  idPrefix: string;
  onSubmit: (answers: number[]) => Promise<string | null>;
}) {
  const { t, l } = i18n;
  const [answers, setAnswers] = useState<(number | null)[]>(() =>
    Array<number | null>(SKM_ELEMENT_COUNT).fill(null),
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const complete = completeAnswers(answers);
    if (!complete) {
      setError(t('surveyMissing', { n: answers.filter((a) => a === null).length }));
      return;
    }
    setBusy(true);
    try {
      setError(await onSubmit(complete));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="survey-form" onSubmit={(e) => void submit(e)} data-testid="survey-form" noValidate>
      <ol className="survey-questions">
        {SKM_ELEMENTS.map((el, i) => (
          <li key={el.code}>
            <fieldset className="survey-question" data-testid={`survey-${el.code}`}>
              <legend>
                <span className="survey-code">{el.code}</span> {l(el.question)}
              </legend>
              <div className="survey-options">
                {el.options.map((o, j) => {
                  const id = `${idPrefix}-${el.code}-${j + 1}`;
                  return (
                    <label key={id} htmlFor={id} className={answers[i] === j + 1 ? 'chosen' : ''}>
                      <input
                        type="radio"
                        id={id}
                        name={`${idPrefix}-${el.code}`}
                        value={j + 1}
                        checked={answers[i] === j + 1}
                        onChange={() => setAnswers((prev) => prev.map((a, k) => (k === i ? j + 1 : a)))}
                      />
                      <span>{l(o)}</span>
                    </label>
                  );
                })}
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      {error && (
        <p role="alert" className="error" data-testid="survey-error">
          {error}
        </p>
      )}
      <button type="submit" className="primary survey-submit" disabled={busy}>
        {busy ? t('working') : t('surveySubmit')}
      </button>
    </form>
  );
}
