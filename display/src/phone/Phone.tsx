import { useEffect, useRef, useState } from 'react';
import type { TrackUpdate } from '@giliran/shared';
import { followTicket } from '@giliran/client';
import { audioBlocked, playAlertBeep, unlockAudio } from '../board/audio.ts';
import { ConnectionMark, LangToggle } from '../common/ui.tsx';
import { formatClock, formatMinutes, zoneLabel } from '../format.ts';
import { useI18n } from '../i18n.ts';
import { PhoneSurvey } from '../survey/PhoneSurvey.tsx';

/** What a tracking page knows: not loaded yet, unknown token, or the ticket's latest update. */
type Track =
  { kind: 'loading' } | { kind: 'unknown' } | { kind: 'replaced' } | { kind: 'ticket'; update: TrackUpdate };

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

/**
 * What the page does with an update: an older one than shown (`at`) is dropped, so a GET answered
 * late cannot undo a newer streamed update nor alert for a call that is over; a new call alerts.
 */
export function takeUpdate(prev: TrackUpdate | null, next: TrackUpdate): 'ignore' | 'show' | 'alert' {
  if (prev && next.at < prev.at) return 'ignore';
  return isNewCall(prev, next) ? 'alert' : 'show';
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
    const follow = followTicket(token, {
      update(update) {
        const take = takeUpdate(last.current, update);
        if (take === 'ignore') return;
        if (take === 'alert') {
          setAlertKey((k) => k + 1);
          if ('vibrate' in navigator) navigator.vibrate([400, 150, 400, 150, 400]);
          void playAlertBeep();
        }
        last.current = update;
        setTrack({ kind: 'ticket', update });
      },
      connected: setConnected,
      // A token naming none of today's tickets, or a ticket whose day is over: "not found or expired".
      unknown() {
        last.current = null;
        setConnected(false);
        setTrack({ kind: 'unknown' });
      },
      // The same ticket opened on more phones or tabs than the server keeps: this one stopped.
      replaced() {
        setConnected(false);
        setTrack({ kind: 'replaced' });
      },
    });
    return () => follow.close();
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
        {track.kind === 'replaced' && (
          <div className="phone-unknown" role="status" data-testid="phone-replaced">
            <p>{t('followedElsewhere')}</p>
            <button type="button" className="phone-sound" onClick={() => window.location.reload()}>
              {t('followHere')}
            </button>
          </div>
        )}
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
            {u.status === 'done' && (
              // The SKM survey, once the visit is over (the server decides whether it may answer).
              <PhoneSurvey i18n={i18n} token={token} connected={connected} />
            )}
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
