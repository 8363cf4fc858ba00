import { TableHead } from './TableHead.tsx';
import { useId, useState, type FormEvent } from 'react';
import { BOOKING_FIELDS, type ImportCounts } from '@giliran/shared';
import type { I18n } from '../i18n.ts';
import { HttpRefusal, postBytes } from './api.ts';
import { importContentType, importRejection, type ImportErrorRow } from './shape.ts';
import type { DashText } from './strings.ts';

type Outcome =
  | { kind: 'done'; file: string; counts: ImportCounts }
  | { kind: 'rejected'; file: string; lines: ImportErrorRow[]; total: number }
  | { kind: 'failed'; message: string };

const EXAMPLE =
  'DPS2611280001,5171011001900001,Ni Luh Putu Ayu,1990-01-10,baru,DPS,2026-11-28,08:00,09:00,paid,ACC001';

/** Admin: upload the day's M-Paspor export as it is; all rows are taken, or none. */
export function ImportSection({ i18n, t, token }: { i18n: I18n; t: DashText; token: string }) {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const inputId = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setOutcome(null);
    try {
      // The server words every problem in the language the page is in.
      const counts = await postBytes<ImportCounts>(
        `/api/admin/bookings/import?lang=${i18n.lang}`,
        await file.arrayBuffer(),
        importContentType(file.name),
        token,
      );
      setOutcome({ kind: 'done', file: file.name, counts });
    } catch (err) {
      if (err instanceof HttpRefusal && err.code === 'import_invalid')
        setOutcome({ kind: 'rejected', file: file.name, ...importRejection(err.body) });
      else
        setOutcome({
          kind: 'failed',
          message: err instanceof HttpRefusal ? err.text(i18n.lang) : String(err),
        });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="dash-import">
      <section className="card" aria-labelledby="import-title">
        <h2 id="import-title">{t('importTitle')}</h2>
        <p>{t('importHelp')}</p>
        <form className="dash-form-row" onSubmit={(e) => void submit(e)}>
          <label htmlFor={inputId}>{t('chooseFile')}</label>
          <input
            id={inputId}
            type="file"
            accept=".csv,.json,text/csv,application/json"
            data-testid="import-file"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setOutcome(null);
            }}
          />
          <button type="submit" className="primary" disabled={!file || busy}>
            {busy ? t('importing') : t('importSubmit')}
          </button>
        </form>
        <h3>{t('csvHeader')}</h3>
        <pre className="dash-code" data-testid="import-header">
          {BOOKING_FIELDS.join(',')}
        </pre>
        <h3>{t('csvExample')}</h3>
        <pre className="dash-code">{EXAMPLE}</pre>
      </section>

      {outcome?.kind === 'done' && (
        <section
          className="card dash-ok"
          role="status"
          data-testid="import-result"
          aria-labelledby="import-ok"
        >
          <h2 id="import-ok">{t('importDone', { file: outcome.file })}</h2>
          <dl className="dash-stats">
            <div>
              <dt>{t('inserted')}</dt>
              <dd data-testid="import-inserted">{outcome.counts.inserted}</dd>
            </div>
            <div>
              <dt>{t('updated')}</dt>
              <dd data-testid="import-updated">{outcome.counts.updated}</dd>
            </div>
            <div>
              <dt>{t('unchanged')}</dt>
              <dd data-testid="import-unchanged">{outcome.counts.unchanged}</dd>
            </div>
          </dl>
        </section>
      )}
      {outcome?.kind === 'rejected' && (
        <section className="card dash-bad" data-testid="import-rejected" aria-labelledby="import-bad">
          <div role="alert">
            <h2 id="import-bad">{t('importRejected', { file: outcome.file, count: outcome.total })}</h2>
          </div>
          <div className="dash-scroll">
            <table className="dash-table" data-testid="import-errors">
              <TableHead columns={[{ num: t('line') }, t('reason')]} />
              <tbody>
                {outcome.lines.map((l) => (
                  <tr key={`${l.line}-${l.reason}`}>
                    <td className="num mono">{l.line}</td>
                    <td>{l.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {outcome.total > outcome.lines.length && (
            <p data-testid="import-more-lines">
              {t('importMoreLines', { count: outcome.total - outcome.lines.length })}
            </p>
          )}
        </section>
      )}
      {outcome?.kind === 'failed' && (
        <p role="alert" className="refusal" data-testid="import-failed">
          {t('importFailed', { message: outcome.message })}
        </p>
      )}
    </div>
  );
}
