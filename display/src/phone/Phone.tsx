import { useEffect, useRef, useState } from 'react';
import type { TrackUpdate } from '@giliran/shared';
import { connectSocket, getJson } from '@giliran/client';
import { audioBlocked, playAlertBeep, unlockAudio } from '../board/audio.ts';
import { ConnectionMark, LangToggle } from '../common/ui.tsx';
import { fastReconnect } from '../common/use-queue.ts';
import { formatClock, formatMinutes, zoneLabel } from '../format.ts';
import { useI18n } from '../i18n.ts';

/** What a tracking page knows: not loaded yet, unknown token, or the ticket's latest update. */
type Track = { kind: 'loading' } | { kind: 'unknown' } | { kind: 'ticket'; update: TrackUpdate };

/** `/t/<token>` → the token, or null. */
export function trackTokenFromPath(pathname: string): string | null {
  const m = /^\/t\/([A-Za-z0-9_-]{8,128})\/?$/.exec(pathname);
  return m ? (m[1] ?? null) : null;
}

/** True when an update is a new call for the phone to alert (first call or a recall). */
export function isNewCall(prev: TrackUpdate | null, next: TrackUpdate | null): boolean {
  if (!next || next.status !== 'called') return false;
  if (!prev || prev.number !== next.number) return true;
  return prev.status !== 'called' || next.recalls > prev.recalls;
}

export function PhonePage({ token }: { token: string }) {
  const i18n = useI18n();
  const { t, l } = i18n;
  const [track, setTrack] = useState<Track>({ kind: 'loading' });
  const [connected, setConnected] = useState(false);
  const [soundOn, setSoundOn] = useState(() => !audioBlocked());
  const [alertKey, setAlertKey] = useState(0);
  const last = useRef<TrackUpdate | null>(null);

  useEffect(() => {
    const apply = (update: TrackUpdate | null) => {
      if (isNewCall(last.current, update)) {
        setAlertKey((k) => k + 1);
        if ('vibrate' in navigator) navigator.vibrate([400, 150, 400, 150, 400]);
        void playAlertBeep();
      }
      // An older HTTP answer must not overwrite a newer socket update.
      if (update && last.current && update.at < last.current.at) return;
      last.current = update;
      setTrack(update ? { kind: 'ticket', update } : { kind: 'unknown' });
    };
    let cancelled = false;
    getJson<TrackUpdate>(`/api/track/${encodeURIComponent(token)}`)
      .then((u) => {
        if (!cancelled && last.current === null) apply(u);
      })
      .catch(() => undefined);
    const socket = connectSocket({ trackToken: token });
    fastReconnect(socket);
    socket.on('track:update', (u) => apply(u));
    socket.on('connect', () => setConnected(true));
    socket.on('disconnect', () => setConnected(false));
    // A token that names none of today's tickets is refused at the handshake, and a phone whose
    // ticket's day is over is told so before it is disconnected: show "not found or expired".
    const unknown = () => {
      last.current = null;
      setTrack({ kind: 'unknown' });
    };
    socket.on('session:ended', unknown);
    socket.on('connect_error', (err) => {
      setConnected(false);
      if (err.message === 'tracking_unknown') unknown();
    });
    return () => {
      cancelled = true;
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [token]);

  const u = track.kind === 'ticket' ? track.update : null;
  return (
    <div className="phone">
      <header className="phone-header">
        <span className="phone-brand">{t('appName')}</span>
        <ConnectionMark i18n={i18n} connected={connected} everConnected={track.kind !== 'loading'} />
        <LangToggle i18n={i18n} />
      </header>
      <main>
        {track.kind === 'loading' && <p role="status">{t('connecting')}</p>}
        {track.kind === 'unknown' && (
          <p className="phone-unknown" role="status" data-testid="phone-unknown">
            {t('unknownTicket')}
          </p>
        )}
        {u && (
          <>
            {u.status === 'called' && u.counterNumber !== null && (
              <div className="phone-alert" role="alert" key={alertKey} data-testid="phone-called">
                {t('calledTo', { n: u.counterNumber })}
              </div>
            )}
            <section className="phone-card" aria-labelledby="your-number">
              <h1 id="your-number">{t('yourNumber')}</h1>
              <p className="phone-number" data-testid="phone-number">
                {u.number}
              </p>
              <p className="phone-service">
                {l(u.serviceName)} — {t('stage')}: {l(u.stageName)}
              </p>
              {u.status === 'waiting' && (
                <dl className="phone-facts">
                  <div>
                    <dt>{t('peopleAhead')}</dt>
                    <dd data-testid="phone-ahead">{u.peopleAhead}</dd>
                  </div>
                  <div>
                    <dt>{t('estWait')}</dt>
                    <dd data-testid="phone-wait">{formatMinutes(u.estimatedWaitMinutes, i18n.lang)}</dd>
                  </div>
                </dl>
              )}
              {u.status === 'serving' && u.counterNumber !== null && (
                <p className="phone-status">{t('beingServed', { n: u.counterNumber })}</p>
              )}
              {u.status === 'done' && <p className="phone-status">{t('done')}</p>}
              {u.status === 'no_show' && <p className="phone-status">{t('noShow')}</p>}
              <p className="phone-updated">
                {t('updated')} {formatClock(u.at, u.timeZone, i18n.lang, true)} {zoneLabel(u.timeZone)}
              </p>
            </section>
            {u.status === 'waiting' && <p className="phone-hint">{t('keepOpen')}</p>}
            <button
              type="button"
              className="phone-sound"
              aria-pressed={soundOn}
              onClick={() => {
                void unlockAudio().then((ok) => {
                  setSoundOn(ok);
                  if (ok) void playAlertBeep();
                });
              }}
            >
              {soundOn ? t('alertsOn') : t('enableAlerts')}
            </button>
          </>
        )}
      </main>
    </div>
  );
}
