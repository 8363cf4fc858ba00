import { TableHead } from './TableHead.tsx';
import { useState } from 'react';
import type { OfficeConfig, StaffAlert, StaffTicket } from '@giliran/shared';
import { request, ServerError, type GiliranSocket } from '@giliran/client';
import { alertText } from '../common/staff-alert.ts';
import { useServerNow } from '../common/use-queue.ts';
import { formatClock, formatMinutes } from '../format.ts';
import type { I18n, StringKey } from '../i18n.ts';
import { heldTickets, noShows, type QueueAction, type StaffQueueState } from '../state/queue-state.ts';
import { serviceRows, stageRows } from './shape.ts';
import type { DashKey, DashText } from './strings.ts';

interface FloorProps {
  i18n: I18n;
  t: DashText;
  state: StaffQueueState;
  dispatch: (action: QueueAction<StaffTicket>) => void;
  socket: GiliranSocket | null;
  alerts: StaffAlert[];
  onAlertChanged: (alert: StaffAlert) => void;
}

/** Live floor: counters, queues per stage and service, recent calls, open alerts, no-shows. */
export function FloorSection({ i18n, t, state, dispatch, socket, alerts, onAlertChanged }: FloorProps) {
  const config = state.config as OfficeConfig;
  const now = useServerNow(state.clockOffsetMs, 15_000);
  const [error, setError] = useState<string | null>(null);
  const tz = config.office.timeZone;
  const clock = (ms: number) => formatClock(ms, tz, i18n.lang);
  const stageName = (id: string) => {
    const s = config.stages.find((x) => x.id === id);
    return s ? i18n.l(s.name) : id;
  };
  const serviceName = (id: string) => {
    const s = config.services.find((x) => x.id === id);
    return s ? `${s.letter} — ${i18n.l(s.name)}` : id;
  };
  const waitText = (m: number | null) => (m === null ? '—' : formatMinutes(m, i18n.lang));
  const tickets = Object.values(state.tickets);
  const liveCounters = Object.values(state.counters);

  const send = async (work: () => Promise<void>) => {
    try {
      await work();
      setError(null);
    } catch (err) {
      setError(err instanceof ServerError || err instanceof Error ? err.message : String(err));
    }
  };
  const acknowledge = (alertId: string) =>
    send(async () => {
      if (!socket) return;
      const { alert } = await request(socket, 'staff:acknowledge', { alertId });
      onAlertChanged(alert);
    });
  const reinstate = (ticketId: string) =>
    send(async () => {
      if (!socket) return;
      const { ticket } = await request(socket, 'ticket:reinstate', { ticketId });
      dispatch({ type: 'ticketsChanged', tickets: [ticket] });
    });

  const openAlerts = alerts.filter((a) => a.acknowledgedBy === null);
  const missed = noShows(state);

  return (
    <div className="dash-floor">
      {error && (
        <div role="alert" className="refusal dash-refusal">
          <span>{error}</span>
          <button type="button" onClick={() => setError(null)} aria-label="Tutup pesan / Dismiss">
            ×
          </button>
        </div>
      )}
      <section className="card dash-alerts" aria-labelledby="floor-alerts" data-testid="floor-alerts">
        <h2 id="floor-alerts">
          {t('alerts')} ({openAlerts.length})
        </h2>
        {openAlerts.length === 0 ? (
          <p className="muted">{t('noAlerts')}</p>
        ) : (
          <ul className="dash-list">
            {openAlerts.map((a) => (
              <li key={a.id} className="dash-alert">
                <span>
                  <strong>{a.deviceName}</strong> — {alertText(a, i18n)}{' '}
                  <span className="muted">({clock(a.at)})</span>
                </span>
                <button type="button" className="primary" onClick={() => void acknowledge(a.id)}>
                  {t('acknowledge')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card dash-counters" aria-labelledby="floor-counters">
        <h2 id="floor-counters">{t('counters')}</h2>
        <table className="dash-table" data-testid="floor-counters">
          <TableHead columns={[t('counter'), t('mode'), t('officer'), t('held'), t('stagesServed')]} />
          <tbody>
            {config.counters.map((c) => {
              const live = state.counters[c.id];
              const mode = live?.mode ?? 'closed';
              const held = heldTickets(state, c.id);
              return (
                <tr key={c.id} data-testid={`floor-counter-${c.id}`}>
                  <th scope="row">
                    {t('counter')} {c.number}
                  </th>
                  <td>
                    <span className={`badge dash-mode-${mode}`}>{t(`mode_${mode}` as DashKey)}</span>
                  </td>
                  <td>{mode === 'closed' ? '—' : (live?.officer ?? '—')}</td>
                  <td>
                    {held.length === 0
                      ? '—'
                      : held.map((h) => {
                          // Being served: since service began; called: since the call.
                          const since = h.servingSince ?? h.calledAt;
                          return (
                            <span key={h.id} className="dash-held">
                              <span className="mono">{h.number}</span>{' '}
                              <span className="muted">
                                {i18n.t(`status_${h.status}` as StringKey)}
                                {since !== null && ` ${t('since')} ${clock(since)}`}
                              </span>
                            </span>
                          );
                        })}
                  </td>
                  <td>{(live?.stages.length ? live.stages : c.stages).map(stageName).join(', ')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <section className="card dash-queues" aria-labelledby="floor-queues">
        <h2 id="floor-queues">{t('byService')}</h2>
        <table className="dash-table" data-testid="floor-services">
          <TableHead
            columns={[t('service'), { num: t('waiting') }, { num: t('longestWait') }, { num: t('estWait') }]}
          />
          <tbody>
            {serviceRows(config, tickets, state.loads, now).map((r) => (
              <tr key={r.serviceId} data-testid={`floor-service-${r.serviceId}`}>
                <th scope="row">{serviceName(r.serviceId)}</th>
                <td className="num" data-testid="waiting">
                  {r.waiting}
                </td>
                <td className="num">{waitText(r.longestWaitMinutes)}</td>
                <td className="num">{r.waiting === 0 ? '—' : waitText(r.estimatedWaitMinutes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{t('byStage')}</h2>
        <table className="dash-table" data-testid="floor-stages">
          <TableHead
            columns={[
              t('stage'),
              { num: t('waiting') },
              { num: t('longestWait') },
              { num: t('openCounters') },
            ]}
          />
          <tbody>
            {stageRows(config, tickets, liveCounters, now).map((r) => (
              <tr key={r.stageId} data-testid={`floor-stage-${r.stageId}`}>
                <th scope="row">{stageName(r.stageId)}</th>
                <td className="num">{r.waiting}</td>
                <td className="num">{waitText(r.longestWaitMinutes)}</td>
                <td className="num">{r.openCounters}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="card dash-calls" aria-labelledby="floor-calls">
        <h2 id="floor-calls">{t('recentCalls')}</h2>
        {state.recentCalls.length === 0 ? (
          <p className="muted">{t('noCalls')}</p>
        ) : (
          <ol className="dash-list dash-calls-list" data-testid="floor-calls">
            {state.recentCalls.map((c) => (
              <li key={`${c.at}-${c.counterId}-${c.recall}`}>
                <span className="mono">{c.numbers.join(' + ')}</span> → {t('counter')} {c.counterNumber}{' '}
                <span className="muted">
                  {clock(c.at)}
                  {c.recall > 0 && ` (${t('recallMark')} ${c.recall})`}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="card dash-noshows" aria-labelledby="floor-noshows">
        <h2 id="floor-noshows">
          {t('noShows')} ({missed.length})
        </h2>
        {missed.length === 0 ? (
          <p className="muted">{t('noNoShows')}</p>
        ) : (
          <ul className="dash-list" data-testid="floor-noshows">
            {missed.map((n) => (
              <li key={n.id}>
                <span>
                  <span className="mono">{n.number}</span>{' '}
                  <span className="muted">
                    {serviceName(n.serviceId)}
                    {n.calledAt !== null && ` — ${t('calledAt')} ${clock(n.calledAt)}`}
                  </span>
                </span>
                <button
                  type="button"
                  onClick={() => void reinstate(n.id)}
                  aria-label={`${t('reinstate')} ${n.number}`}
                >
                  {t('reinstate')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
