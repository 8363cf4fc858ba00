import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { CallAnnouncement, PublicTicket, SessionInfo } from '@giliran/shared';
import { postJson, storeToken, takeTokenFromUrl } from '@giliran/client';
import { ConnectionMark, LangToggle } from '../common/ui.tsx';
import { useQueueConnection, useServerNow } from '../common/use-queue.ts';
import { formatClock, formatDate, formatMinutes, numberRange, zoneLabel } from '../format.ts';
import { useI18n, type I18n } from '../i18n.ts';
import { counterTicketNumbers, currentCall, type QueueState } from '../state/queue-state.ts';
import { AnnouncementQueue, type AnnouncementStatus } from './announcement-queue.ts';
import { BoardVoice, audioBlocked, playChime, unlockAudio, type VoiceMode } from './audio.ts';

/** What the e2e tests (and a curious technician in DevTools) can read about announcements. */
export interface BoardProbe extends AnnouncementStatus {
  voiceMode: VoiceMode;
  calls: number;
}

declare global {
  interface Window {
    __giliranBoard?: BoardProbe;
  }
}

export function BoardPage() {
  const i18n = useI18n();
  const [token, setToken] = useState<string | null>(() => takeTokenFromUrl());
  const onRefused = useCallback(() => {
    storeToken(null);
    setToken(null);
  }, []);
  if (!token) return <PairingForm i18n={i18n} onPaired={setToken} />;
  return <Board i18n={i18n} token={token} onRefused={onRefused} />;
}

/** Pairs a board or a survey tablet with a code from the dashboard. */
export function PairingForm({
  i18n,
  onPaired,
  title = 'pairTitle',
}: {
  i18n: I18n;
  onPaired: (token: string) => void;
  title?: 'pairTitle' | 'pairSurveyTitle';
}) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const session = await postJson<SessionInfo>('/api/pair', { code: code.trim() });
      storeToken(session.token);
      onPaired(session.token);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <main className="board pairing">
      <form className="pair-form" onSubmit={(e) => void submit(e)}>
        <h1>{i18n.t(title)}</h1>
        <label htmlFor="pair-code">{i18n.t('pairCode')}</label>
        <input
          id="pair-code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="\d{6,8}"
          required
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
        <button type="submit">{i18n.t('pairSubmit')}</button>
        <p>{i18n.t('pairHelp')}</p>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <LangToggle i18n={i18n} />
      </form>
    </main>
  );
}

function Board({ i18n, token, onRefused }: { i18n: I18n; token: string; onRefused: () => void }) {
  const [voiceMode, setVoiceMode] = useState<VoiceMode>('text');
  const [soundBlocked, setSoundBlocked] = useState(false);
  const [announce, setAnnounce] = useState<AnnouncementStatus | null>(null);
  const callCount = useRef(0);

  const voice = useMemo(() => new BoardVoice(setVoiceMode), []);
  const queue = useMemo(
    () =>
      new AnnouncementQueue({
        speak: async (text) => {
          await playChime();
          await voice.speak(text);
        },
        onChange: setAnnounce,
        onError: (error, text) => console.warn('announcement failed', text, error),
      }),
    [voice],
  );

  useEffect(() => {
    void voice.init();
    setSoundBlocked(audioBlocked());
  }, [voice]);

  const onCalled = (call: CallAnnouncement) => {
    callCount.current += 1;
    queue.enqueue(call.spoken);
    setSoundBlocked(audioBlocked());
  };
  const { state, authError } = useQueueConnection<PublicTicket>(
    useMemo(() => ({ token }), [token]),
    { onCalled },
  );

  useEffect(() => {
    if (authError) onRefused();
  }, [authError, onRefused]);

  useEffect(() => {
    window.__giliranBoard = { ...(announce ?? queue.status()), voiceMode, calls: callCount.current };
  }, [announce, voiceMode, queue]);

  const everConnected = state.config !== null;
  if (!state.config) {
    return (
      <main className="board board-waiting">
        <p className="board-connecting" role="status">
          {i18n.t('connecting')}
        </p>
      </main>
    );
  }

  return (
    <BoardView
      i18n={i18n}
      state={state}
      everConnected={everConnected}
      voiceMode={voiceMode}
      soundBlocked={soundBlocked}
      announce={announce}
      onUnlock={() => {
        void unlockAudio().then(() => {
          setSoundBlocked(audioBlocked());
          setVoiceMode(voice.mode());
        });
      }}
    />
  );
}

/** Recent calls under the current one: as many as the panel shows in full at the board's sizes. */
const RECENT_SHOWN = 5;

interface BoardViewProps {
  i18n: I18n;
  state: QueueState<PublicTicket>;
  everConnected: boolean;
  voiceMode: VoiceMode;
  soundBlocked: boolean;
  announce: AnnouncementStatus | null;
  onUnlock: () => void;
}

function BoardView({
  i18n,
  state,
  everConnected,
  voiceMode,
  soundBlocked,
  announce,
  onUnlock,
}: BoardViewProps) {
  const config = state.config;
  const now = useServerNow(state.clockOffsetMs);
  if (!config) return null;
  const { t, l } = i18n;
  const tz = config.office.timeZone;
  const call = currentCall(state);
  const counterNumber = (id: string) => config.counters.find((c) => c.id === id)?.number ?? '?';
  const numbersText = (c: CallAnnouncement) => numberRange(c.numbers);
  // Indonesian, then English marked as such (screen readers switch voice; checks know it is meant).
  const marquee = config.announcements.map((a, i) => (
    <span key={i} className="marquee-item">
      {a.id} · <span lang="en">{a.en}</span>
    </span>
  ));
  const voiceLabel =
    voiceMode === 'speech' ? t('voiceSpeech') : voiceMode === 'clips' ? t('voiceClips') : t('voiceText');

  return (
    <div className="board" data-connected={state.connected}>
      <header className="board-header">
        <div className="board-office">
          <span className="board-logo" aria-hidden="true">
            ◆
          </span>
          <span>{config.office.name}</span>
        </div>
        <div className="board-marks">
          <ConnectionMark i18n={i18n} connected={state.connected} everConnected={everConnected} />
          <span className={`voice-mark voice-${voiceMode}`} data-testid="voice-mode" title={voiceLabel}>
            {voiceLabel}
          </span>
          {soundBlocked && (
            <button type="button" className="sound-unlock" onClick={onUnlock}>
              {t('soundOff')}
            </button>
          )}
          <LangToggle i18n={i18n} />
        </div>
        <div className="board-clock" data-testid="board-clock">
          <time className="board-time">
            {formatClock(now, tz, i18n.lang)} <span className="board-zone">{zoneLabel(tz)}</span>
          </time>
          <span className="board-date">{formatDate(now, tz, i18n.lang)}</span>
        </div>
      </header>

      <main className="board-main">
        <section className="board-call" aria-labelledby="now-calling" aria-live="polite">
          <h1 id="now-calling" className="board-call-label">
            {t('nowCalling')}
            {i18n.lang === 'id' && (
              <span className="board-call-label-en" lang="en">
                {' '}
                · Now calling
              </span>
            )}
          </h1>
          {call ? (
            <div className="board-call-body flash" key={`${call.at}-${call.recall}-${call.counterId}`}>
              <p
                className={`board-call-number${call.numbers.length > 1 ? ' group' : ''}`}
                data-testid="board-current-number"
              >
                {numbersText(call)}
              </p>
              <p className="board-call-counter" data-testid="board-current-counter">
                {t('counter')} <strong>{call.counterNumber}</strong>
              </p>
              {call.recall > 0 && (
                <p className="board-call-recall" data-testid="board-current-recall">
                  {t('recall')} {call.recall}×
                </p>
              )}
              <p className="board-call-spoken" data-testid="board-spoken">
                {call.spoken}
              </p>
            </div>
          ) : (
            <p className="board-call-empty">{t('noCallsYet')}</p>
          )}
        </section>

        <section className="board-recent" aria-labelledby="recent-calls">
          <h2 id="recent-calls">{t('lastCalls')}</h2>
          <ol data-testid="board-recent">
            {state.recentCalls.slice(call ? 1 : 0, (call ? 1 : 0) + RECENT_SHOWN).map((c) => (
              <li key={`${c.at}-${c.recall}-${c.counterId}`}>
                <span className="recent-number">
                  {numbersText(c)}
                  {c.recall > 0 && (
                    <span className="recent-recall" title={t('recall')}>
                      <span aria-hidden="true">↻</span>
                      <span className="visually-hidden">{t('recall')}</span>
                      {c.recall}
                    </span>
                  )}
                </span>
                <span className="recent-arrow" aria-hidden="true">
                  →
                </span>
                <span className="recent-counter">
                  {t('counter')} {c.counterNumber}
                </span>
              </li>
            ))}
          </ol>
        </section>

        <section className="board-counters" aria-labelledby="counters-title">
          <h2 id="counters-title">{t('counters')}</h2>
          <ul>
            {config.counters.map((c) => {
              const live = state.counters[c.id];
              const mode = live?.mode ?? 'closed';
              const numbers = counterTicketNumbers(state, c.id);
              return (
                <li key={c.id} className={`counter-tile mode-${mode}`} data-testid={`board-counter-${c.id}`}>
                  <span className="counter-tile-name">
                    {t('counter')} {counterNumber(c.id)}
                  </span>
                  <span className="counter-tile-state">
                    {mode === 'closed'
                      ? t('closed')
                      : mode === 'paused'
                        ? t('paused')
                        : numbers.length > 0
                          ? numberRange(numbers)
                          : t('free')}
                  </span>
                </li>
              );
            })}
          </ul>
        </section>

        <section className="board-services" aria-labelledby="services-title">
          <h2 id="services-title">{t('services')}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('services')}</th>
                <th scope="col" className="col-num num">
                  {t('waiting')}
                </th>
                <th scope="col" className="col-num num">
                  {t('estWait')}
                </th>
              </tr>
            </thead>
            <tbody>
              {config.services.map((s) => {
                const load = state.loads.find((x) => x.serviceId === s.id);
                return (
                  <tr key={s.id} data-testid={`board-load-${s.id}`}>
                    <th scope="row">
                      <span className="service-letter">{s.letter}</span> {l(s.name)}
                    </th>
                    <td className="num">{load?.waiting ?? 0}</td>
                    <td className="num">
                      {/* Nobody waiting: no wait to show (the server sends 0 then, too). */}
                      {load && load.waiting > 0 ? formatMinutes(load.estimatedWaitMinutes, i18n.lang) : '—'}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      </main>

      <footer className="board-marquee" aria-label="Pengumuman / Announcements">
        <div className="marquee-track">
          <span>{marquee}</span>
          <span aria-hidden="true">{marquee}</span>
        </div>
      </footer>
      <output className="visually-hidden" data-testid="announce-status">
        {announce ? `${announce.pending}|${announce.lastSpoken ?? ''}` : ''}
      </output>
    </div>
  );
}
