import type { Lang, OfficeConfig, ServiceAlarm } from '@giliran/shared';
import { formatClock } from '../format.ts';
import type { I18n } from '../i18n.ts';
import { alarmText } from './alarm-text.ts';

const UI = {
  title: { id: 'Alarm layanan', en: 'Service alarms' },
  none: { id: 'Tidak ada alarm terbuka.', en: 'No open alarms.' },
  acknowledge: { id: 'Tandai sudah ditangani', en: 'Acknowledge' },
  raisedAt: { id: 'sejak', en: 'since' },
  acknowledgedBy: { id: 'Ditangani {by} pukul {at}', en: 'Acknowledged by {by} at {at}' },
  cleared: { id: 'Selesai sendiri pukul {at}', en: 'Cleared by itself at {at}' },
  recentlyCleared: { id: 'Sudah selesai hari ini', en: 'Cleared today' },
} as const;

const say = (key: keyof typeof UI, lang: Lang, values: Record<string, string> = {}) =>
  UI[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');

/**
 * Service-level alarms with who acknowledged them: the open ones first (unacknowledged marked), and
 * on the dashboard the ones cleared today below. Counter consoles show only their stages' open ones.
 */
export function AlarmPanel({
  i18n,
  config,
  alarms,
  onAcknowledge,
  showCleared,
  testId,
}: {
  i18n: I18n;
  config: OfficeConfig;
  alarms: readonly ServiceAlarm[];
  onAcknowledge: (alarmId: string) => void;
  showCleared: number;
  testId: string;
}) {
  const lang = i18n.lang;
  const clock = (ms: number) => formatClock(ms, config.office.timeZone, lang);
  const open = alarms.filter((a) => a.clearedAt === null);
  const cleared = alarms.filter((a) => a.clearedAt !== null).slice(0, showCleared);
  if (showCleared === 0 && open.length === 0) return null;
  return (
    <section className="card alarm-panel" aria-labelledby={`${testId}-title`} data-testid={testId}>
      <h2 id={`${testId}-title`}>
        {say('title', lang)} ({open.length})
      </h2>
      {open.length === 0 ? (
        <p className="muted">{say('none', lang)}</p>
      ) : (
        <ul className="alarm-list">
          {open.map((a) => (
            <li
              key={a.id}
              className={a.acknowledgedBy ? 'alarm alarm-acknowledged' : 'alarm alarm-new'}
              data-testid="alarm"
              data-kind={a.kind}
            >
              <span className="alarm-text">
                <strong>{alarmText(a, config, lang)}</strong>{' '}
                <span className="muted">
                  ({say('raisedAt', lang)} {clock(a.raisedAt)})
                </span>
                {a.acknowledgedBy !== null && a.acknowledgedAt !== null && (
                  <span className="alarm-ack" data-testid="alarm-ack">
                    {say('acknowledgedBy', lang, { by: a.acknowledgedBy, at: clock(a.acknowledgedAt) })}
                  </span>
                )}
              </span>
              {a.acknowledgedBy === null && (
                <button type="button" className="primary" onClick={() => onAcknowledge(a.id)}>
                  {say('acknowledge', lang)}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {cleared.length > 0 && (
        <details>
          <summary>
            {say('recentlyCleared', lang)} ({cleared.length})
          </summary>
          <ul className="alarm-list">
            {cleared.map((a) => (
              <li key={a.id} className="alarm alarm-cleared" data-testid="alarm-cleared">
                <span className="alarm-text">
                  {alarmText(a, config, lang)}{' '}
                  <span className="muted">
                    ({clock(a.raisedAt)}–{clock(a.clearedAt ?? a.raisedAt)})
                  </span>{' '}
                  <span className="muted">
                    {say('cleared', lang, { at: clock(a.clearedAt ?? a.raisedAt) })}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
