import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import {
  checklistFor,
  END_VISIT_REASONS,
  ERROR_MESSAGES,
  errorMessage,
  type ApplicationType,
  type ClientEventName,
  type EndVisitReason,
  type CounterActionResult,
  type ErrorCode,
  type Localized,
  type OfficeConfig,
  type Payload,
  type StaffAlert,
  type StaffTicket,
} from '@giliran/shared';
import { ServerError, request, type OfficerSession } from '@giliran/client';
import { SignInForm, useOfficerSession } from '../common/SignInForm.tsx';
import { alertText } from '../common/staff-alert.ts';
import { ConnectionMark, LangToggle } from '../common/ui.tsx';
import { useServerNow, useStaffConnection } from '../common/use-queue.ts';
import { formatClock, minutesSince } from '../format.ts';
import { useI18n, type I18n, type StringKey } from '../i18n.ts';
import {
  counterWaitingList,
  heldTickets,
  holderOf,
  noShows,
  type StaffQueueState,
} from '../state/queue-state.ts';
import { actionForKey, COUNTER_ACTIONS, type CounterActionId } from './actions.ts';

const APPLICATION_TYPES: Record<ApplicationType, Localized> = {
  baru: { id: 'Paspor baru', en: 'New passport' },
  penggantian: { id: 'Penggantian paspor', en: 'Passport replacement' },
  hilang: { id: 'Paspor hilang', en: 'Lost passport' },
  rusak: { id: 'Paspor rusak', en: 'Damaged passport' },
  anak: { id: 'Anak di bawah 17 tahun', en: 'Child under 17' },
  umrah: { id: 'Umrah / haji', en: 'Umrah / hajj' },
};

function isActionResult(data: unknown): data is CounterActionResult {
  return typeof data === 'object' && data !== null && 'counter' in data && 'tickets' in data;
}

/** A refusal in the screen's language when we know its code, else the server's own words. */
function refusalText(error: unknown, lang: 'id' | 'en'): string {
  if (error instanceof ServerError) {
    if (lang === 'en' && error.code in ERROR_MESSAGES)
      return errorMessage(error.code as ErrorCode, error.params, 'en');
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

export function CounterPage() {
  const i18n = useI18n();
  const { session, signIn, signOut } = useOfficerSession();
  if (!session)
    return <SignInForm i18n={i18n} title={i18n.t('signIn')} idPrefix="login" onSignedIn={signIn} />;
  return <Console i18n={i18n} session={session} onSignOut={signOut} />;
}

function Console({
  i18n,
  session,
  onSignOut,
}: {
  i18n: I18n;
  session: OfficerSession;
  onSignOut: () => void;
}) {
  const { state, dispatch, socket, alerts, setAlerts } = useStaffConnection(session.token, onSignOut, 20);
  const [chosenCounter, setChosenCounter] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // The server remembers which counter this officer opened; after a reconnect it says so.
  const counterId = state.viewer?.counterId ?? chosenCounter;
  const counter = counterId ? state.counters[counterId] : undefined;
  const activeCounterId = counter && counter.mode !== 'closed' ? counterId : null;

  // Commands go out strictly one after another: a key pressed while the previous command is in
  // flight waits its turn instead of being dropped or racing it.
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const pendingCount = useRef(0);
  const run = useCallback(
    <E extends ClientEventName>(event: E, payload: Payload<E>): Promise<boolean> => {
      if (!socket) return Promise.resolve(false);
      pendingCount.current += 1;
      setBusy(true);
      const next = chain.current.then(async () => {
        try {
          const data: unknown = await request(socket, event, payload);
          if (isActionResult(data)) dispatch({ type: 'actionResult', result: data });
          else if (data && typeof data === 'object' && 'ticket' in data)
            dispatch({ type: 'ticketsChanged', tickets: [(data as { ticket: StaffTicket }).ticket] });
          setError(null);
          return true;
        } catch (err) {
          setError(refusalText(err, i18n.lang));
          return false;
        } finally {
          pendingCount.current -= 1;
          if (pendingCount.current === 0) setBusy(false);
        }
      });
      chain.current = next;
      return next;
    },
    [socket, dispatch, i18n.lang],
  );

  const config = state.config;
  const isSupervisor =
    state.viewer?.role === 'supervisor' || state.viewer?.role === 'admin' || session.role === 'supervisor';

  return (
    <div className="console">
      <header className="console-header">
        <div className="console-title">
          <strong>{i18n.t('appName')}</strong>
          {config && activeCounterId && (
            <span data-testid="console-counter">
              {i18n.t('counter')} {config.counters.find((c) => c.id === activeCounterId)?.number}
              {counter?.mode === 'paused' && <span className="badge badge-warn"> {i18n.t('paused')}</span>}
            </span>
          )}
        </div>
        <div className="console-marks">
          <ConnectionMark i18n={i18n} connected={state.connected} everConnected={config !== null} />
          <span className="console-officer">{session.name}</span>
          <LangToggle i18n={i18n} />
          <button type="button" onClick={onSignOut}>
            {i18n.t('signOut')}
          </button>
        </div>
      </header>
      {error && (
        <div role="alert" className="refusal" data-testid="console-error">
          <span>{error}</span>
          <button type="button" onClick={() => setError(null)} aria-label="Tutup pesan / Dismiss">
            ×
          </button>
        </div>
      )}
      {isSupervisor && socket && (
        <AlertBanner
          i18n={i18n}
          alerts={alerts}
          onAcknowledge={async (id) => {
            try {
              const { alert } = await request(socket, 'staff:acknowledge', { alertId: id });
              setAlerts((prev) => prev.map((a) => (a.id === alert.id ? alert : a)));
            } catch (err) {
              setError(refusalText(err, i18n.lang));
            }
          }}
        />
      )}
      {!config ? (
        <main className="console-center">
          <p role="status">{i18n.t('connecting')}</p>
        </main>
      ) : !activeCounterId ? (
        <CounterChooser
          i18n={i18n}
          config={config}
          state={state}
          busy={busy}
          onOpen={async (id, stages) => {
            setChosenCounter(id);
            await run('counter:open', { counterId: id, stages });
          }}
        />
      ) : (
        <CounterDesk
          i18n={i18n}
          config={config}
          state={state}
          counterId={activeCounterId}
          busy={busy}
          run={run}
          onClosed={() => setChosenCounter(null)}
        />
      )}
      {isSupervisor && config && (
        <NoShowPanel
          i18n={i18n}
          state={state}
          onReinstate={(id) => run('ticket:reinstate', { ticketId: id })}
        />
      )}
    </div>
  );
}

/** Supervisors may put a no-show back in the queue the same day. */
function NoShowPanel({
  i18n,
  state,
  onReinstate,
}: {
  i18n: I18n;
  state: StaffQueueState;
  onReinstate: (ticketId: string) => Promise<boolean>;
}) {
  const list = noShows(state).slice(0, 12);
  return (
    <section className="desk-noshows card" aria-labelledby="noshow-title">
      <h2 id="noshow-title">{i18n.t('noShowList')}</h2>
      {list.length === 0 ? (
        <p className="muted">—</p>
      ) : (
        <ul data-testid="noshow-list">
          {list.map((n) => (
            <li key={n.id}>
              <span className="mono">{n.number}</span>
              <button
                type="button"
                onClick={() => void onReinstate(n.id)}
                data-testid={`reinstate-${n.number}`}
              >
                {i18n.t('reinstate')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function AlertBanner({
  i18n,
  alerts,
  onAcknowledge,
}: {
  i18n: I18n;
  alerts: StaffAlert[];
  onAcknowledge: (id: string) => Promise<void>;
}) {
  const open = alerts.filter((a) => a.acknowledgedBy === null);
  if (open.length === 0) return null;
  return (
    <section className="alert-banner" aria-labelledby="alerts-title" data-testid="staff-alerts">
      <h2 id="alerts-title">{i18n.t('alerts')}</h2>
      <ul>
        {open.map((a) => (
          <li key={a.id}>
            <span>
              <strong>{a.deviceName}</strong> — {alertText(a, i18n)}
            </span>
            <button type="button" className="primary" onClick={() => void onAcknowledge(a.id)}>
              {i18n.t('acknowledge')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function CounterChooser({
  i18n,
  config,
  state,
  busy,
  onOpen,
}: {
  i18n: I18n;
  config: OfficeConfig;
  state: StaffQueueState;
  busy: boolean;
  onOpen: (counterId: string, stages: string[]) => Promise<void>;
}) {
  const first = config.counters[0];
  const [counterId, setCounterId] = useState(first?.id ?? '');
  const configured = config.counters.find((c) => c.id === counterId);
  const [stages, setStages] = useState<string[]>(first?.stages ?? []);
  const stageName = (id: string) => {
    const s = config.stages.find((x) => x.id === id);
    return s ? i18n.l(s.name) : id;
  };
  return (
    <main className="console-center">
      <form
        className="card chooser"
        aria-labelledby="chooser-title"
        onSubmit={(e) => {
          e.preventDefault();
          void onOpen(counterId, stages);
        }}
      >
        <h1 id="chooser-title">{i18n.t('chooseCounter')}</h1>
        <label htmlFor="counter-select">{i18n.t('counter')}</label>
        <select
          id="counter-select"
          value={counterId}
          onChange={(e) => {
            setCounterId(e.target.value);
            setStages(config.counters.find((c) => c.id === e.target.value)?.stages ?? []);
          }}
        >
          {config.counters.map((c) => {
            const live = state.counters[c.id];
            const taken = live && live.mode !== 'closed' && live.officer ? ` — ${live.officer}` : '';
            return (
              <option key={c.id} value={c.id}>
                {i18n.t('counter')} {c.number}: {c.stages.map(stageName).join(', ')}
                {taken}
              </option>
            );
          })}
        </select>
        <fieldset>
          <legend>{i18n.t('stages')}</legend>
          {(configured?.stages ?? []).map((s) => (
            <label key={s} className="check">
              <input
                type="checkbox"
                checked={stages.includes(s)}
                onChange={(e) =>
                  setStages((prev) => (e.target.checked ? [...prev, s] : prev.filter((x) => x !== s)))
                }
              />
              {stageName(s)}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="primary" disabled={busy || stages.length === 0}>
          {i18n.t('openCounter')}
        </button>
      </form>
    </main>
  );
}

interface DeskProps {
  i18n: I18n;
  config: OfficeConfig;
  state: StaffQueueState;
  counterId: string;
  busy: boolean;
  run: <E extends ClientEventName>(event: E, payload: Payload<E>) => Promise<boolean>;
  onClosed: () => void;
}

function CounterDesk({ i18n, config, state, counterId, busy, run, onClosed }: DeskProps) {
  const { t, l } = i18n;
  const now = useServerNow(state.clockOffsetMs, 15_000);
  const counter = state.counters[counterId];
  const held = heldTickets(state, counterId);
  const stages = counter?.stages ?? [];
  const waiting = counterWaitingList(state);
  const waitingTotal = state.counterQueue?.total ?? 0;
  const paused = counter?.mode === 'paused';
  const [transferTo, setTransferTo] = useState('');
  const [endReason, setEndReason] = useState<EndVisitReason>('documents_incomplete');
  // "Selesai" hands a ticket on to the next stage of its route; say so on the button.
  const nextStageOf = (t: StaffTicket) => {
    const route = config.services.find((s) => s.id === t.serviceId)?.route ?? [];
    return route[route.indexOf(t.stageId) + 1] ?? null;
  };
  const handsOn = held.length > 0 && held.every((t) => nextStageOf(t) !== null);
  const serviceName = (id: string) => {
    const s = config.services.find((x) => x.id === id);
    return s ? l(s.name) : id;
  };
  const stageName = (id: string) => {
    const s = config.stages.find((x) => x.id === id);
    return s ? l(s.name) : id;
  };
  const tz = config.office.timeZone;

  const perform = useCallback(
    async (id: CounterActionId) => {
      switch (id) {
        case 'call':
          return run('ticket:call', {});
        case 'recall':
          return run('ticket:recall', {});
        case 'start':
          return run('ticket:start', {});
        case 'noShow':
          return run('ticket:noShow', {});
        case 'transfer':
          return run('ticket:transfer', transferTo ? { toServiceId: transferTo } : {});
        case 'complete':
          return run('ticket:complete', {});
        case 'pause':
          return run(paused ? 'counter:resume' : 'counter:pause', {});
        case 'close':
          if (await run('counter:close', {})) onClosed();
          return true;
      }
    },
    [run, transferTo, paused, onClosed],
  );

  // A layout effect: the shortcuts must listen before the desk is painted, or a key pressed the
  // moment it appears is lost (seen in CI).
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) return;
      const action = actionForKey(e);
      if (!action) return;
      e.preventDefault();
      void perform(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [perform]);

  return (
    <main className="desk">
      <section className="desk-current card" aria-labelledby="current-title">
        <h1 id="current-title">{t('currentTicket')}</h1>
        {held.length === 0 ? (
          <p className="muted" data-testid="current-empty">
            {t('noCurrent')}
          </p>
        ) : (
          held.map((ticket) => (
            <article key={ticket.id} className="ticket-detail" data-testid="current-ticket">
              <div className="ticket-head">
                <span className="ticket-number" data-testid="current-number">
                  {ticket.number}
                </span>
                <span className={`badge status-${ticket.status}`} data-testid="current-status">
                  {t(`status_${ticket.status}` as StringKey)}
                </span>
                {ticket.priority && <span className="badge badge-priority">{t('priority')}</span>}
                {ticket.recalls > 0 && (
                  <span className="badge">
                    {ticket.recalls} {t('recalls')}
                  </span>
                )}
              </div>
              <dl className="ticket-facts">
                <dt>{t('services')}</dt>
                <dd>
                  {serviceName(ticket.serviceId)} — {t('stage')}: {stageName(ticket.stageId)}
                </dd>
                {holderOf(state, ticket) && (
                  <>
                    <dt>{t('holder')}</dt>
                    <dd data-testid="holder-name">{holderOf(state, ticket)?.fullName}</dd>
                    <dt>{t('nik')}</dt>
                    <dd className="mono">{holderOf(state, ticket)?.maskedNik}</dd>
                  </>
                )}
                <dt>{t('booking')}</dt>
                <dd className="mono">{ticket.bookingCode ?? t('walkin')}</dd>
                {ticket.applicationType && (
                  <>
                    <dt>{t('applicationType')}</dt>
                    <dd data-testid="application-type">{l(APPLICATION_TYPES[ticket.applicationType])}</dd>
                  </>
                )}
                {ticket.windowStart !== null && ticket.windowEnd !== null && (
                  <>
                    <dt>{t('window')}</dt>
                    <dd>
                      {formatClock(ticket.windowStart, tz, i18n.lang)}–
                      {formatClock(ticket.windowEnd, tz, i18n.lang)}
                    </dd>
                  </>
                )}
                {ticket.note && (
                  <>
                    <dt>Catatan / Note</dt>
                    <dd>{l(ticket.note)}</dd>
                  </>
                )}
              </dl>
              <h2>{t('checklist')}</h2>
              {checklistFor(config, ticket).length === 0 && <p className="muted">{t('noChecklist')}</p>}
              <ul className="checklist" data-testid="checklist">
                {checklistFor(config, ticket).map((item) => (
                  <li key={item.id}>
                    <label className="check">
                      <input type="checkbox" />
                      {l(item)}
                    </label>
                  </li>
                ))}
              </ul>
            </article>
          ))
        )}
      </section>

      <section className="desk-actions card" aria-labelledby="actions-title">
        <h2 id="actions-title">{t('shortcuts')}</h2>
        <div className="action-grid" aria-busy={busy}>
          {COUNTER_ACTIONS.map((a) => (
            <button
              key={a.id}
              type="button"
              className={`action action-${a.id}${a.id === 'call' ? ' primary' : ''}${a.id === 'noShow' || a.id === 'close' ? ' danger' : ''}`}
              onClick={() => void perform(a.id)}
              data-testid={`action-${a.id}`}
              aria-keyshortcuts={a.ariaKeys}
            >
              <span>
                {a.id === 'pause' && paused
                  ? t('actResume')
                  : a.id === 'complete' && handsOn
                    ? t('actCompleteStage')
                    : t(a.label)}
              </span>
              {a.keys && <kbd>{a.keys}</kbd>}
            </button>
          ))}
        </div>
        <label htmlFor="transfer-to" className="transfer-label">
          {t('transferTo')}
        </label>
        <select id="transfer-to" value={transferTo} onChange={(e) => setTransferTo(e.target.value)}>
          <option value="">{t('transferNext')}</option>
          {config.services.map((s) => (
            <option key={s.id} value={s.id}>
              {s.letter} — {l(s.name)}
            </option>
          ))}
        </select>
        <details className="end-visit" data-testid="end-visit">
          <summary>{t('endVisit')}</summary>
          <label htmlFor="end-reason">{t('endVisitReason')}</label>
          <select
            id="end-reason"
            value={endReason}
            onChange={(e) => setEndReason(e.target.value as EndVisitReason)}
          >
            {END_VISIT_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`endReason_${r}`)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="action danger"
            disabled={held.length === 0}
            onClick={() => void run('ticket:complete', { endVisit: { reason: endReason } })}
            data-testid="end-visit-submit"
          >
            {t('endVisitSubmit')}
          </button>
        </details>
      </section>

      <section className="desk-waiting card" aria-labelledby="waiting-title">
        <h2 id="waiting-title">
          {t('waitingList')} ({waitingTotal}) — {stages.map(stageName).join(', ')}
        </h2>
        {waiting.length === 0 ? (
          <p className="muted">{t('emptyQueue')}</p>
        ) : (
          <table className="waiting-table" data-testid="waiting-list">
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('callOrder')}
                </th>
                <th scope="col">No.</th>
                <th scope="col">{t('services')}</th>
                <th scope="col">{t('stage')}</th>
                <th scope="col" className="num">
                  {t('waiting')} ({t('minutes')})
                </th>
              </tr>
            </thead>
            <tbody>
              {waiting.map((w, i) => (
                <tr key={w.id} data-testid="waiting-row">
                  <td className="num">{i + 1}</td>
                  <td className="mono">
                    {w.number}
                    {w.priority && <span className="badge badge-priority"> P</span>}
                  </td>
                  <td>{serviceName(w.serviceId)}</td>
                  <td>{stageName(w.stageId)}</td>
                  <td className="num">{minutesSince(w.waitingSince, now)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
