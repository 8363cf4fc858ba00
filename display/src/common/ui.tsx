import type { I18n } from '../i18n.ts';

/** The one-tap language switch every screen shows. */
export function LangToggle({ i18n, className }: { i18n: I18n; className?: string }) {
  return (
    <button
      type="button"
      className={`lang-toggle ${className ?? ''}`}
      onClick={i18n.toggle}
      aria-label={i18n.t('switchLangLabel')}
      lang={i18n.lang === 'id' ? 'en' : 'id'}
      data-testid="lang-toggle"
    >
      {i18n.t('switchLang')}
    </button>
  );
}

/** Small "offline, reconnecting" mark; the screen keeps showing its last state. */
export function ConnectionMark({
  i18n,
  connected,
  everConnected,
}: {
  i18n: I18n;
  connected: boolean;
  everConnected: boolean;
}) {
  if (connected) return null;
  return (
    <span className="offline-mark" role="status" data-testid="offline-mark">
      {everConnected ? i18n.t('offline') : i18n.t('connecting')}
    </span>
  );
}
