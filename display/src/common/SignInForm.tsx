import { useCallback, useState, type FormEvent } from 'react';
import type { SessionInfo } from '@giliran/shared';
import { loadOfficerSession, postJson, saveOfficerSession, type OfficerSession } from '@giliran/client';
import type { I18n } from '../i18n.ts';
import { LangToggle } from './ui.tsx';

/** The officer session kept in this PC's localStorage, shared by the counter console and the dashboard. */
export function useOfficerSession() {
  const [session, setSession] = useState<OfficerSession | null>(() => loadOfficerSession());
  const signIn = useCallback((s: OfficerSession) => {
    saveOfficerSession(s);
    setSession(s);
  }, []);
  const signOut = useCallback(() => {
    const token = session?.token;
    saveOfficerSession(null);
    setSession(null);
    if (token) void postJson('/api/logout', {}, token).catch(() => undefined);
  }, [session]);
  return { session, signIn, signOut };
}

/**
 * Officer sign-in card. `refuse` may turn a successful login away (its message is shown and that
 * session is logged out on the server at once); `initialError` is shown before anything is typed.
 */
export function SignInForm({
  i18n,
  title,
  idPrefix,
  initialError = null,
  refuse,
  onSignedIn,
}: {
  i18n: I18n;
  title: string;
  /** Prefix of the element ids, unique per screen. */
  idPrefix: string;
  initialError?: string | null;
  refuse?: (info: SessionInfo) => string | null;
  onSignedIn: (s: OfficerSession) => void;
}) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(initialError);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const name = username.trim();
      const info = await postJson<SessionInfo>('/api/login', { username: name, password });
      const refusal = refuse?.(info) ?? null;
      if (refusal !== null) {
        // Not ours to keep: end that session on the server at once.
        void postJson('/api/logout', {}, info.token).catch(() => undefined);
        setError(refusal);
        return;
      }
      onSignedIn({ ...info, username: name });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const ids = {
    title: `${idPrefix}-title`,
    username: `${idPrefix}-username`,
    password: `${idPrefix}-password`,
  };
  return (
    <main className="console console-center">
      <form className="card login-form" onSubmit={(e) => void submit(e)} aria-labelledby={ids.title}>
        <div className="card-head">
          <h1 id={ids.title}>{title}</h1>
          <LangToggle i18n={i18n} />
        </div>
        <label htmlFor={ids.username}>{i18n.t('username')}</label>
        <input
          id={ids.username}
          name="username"
          autoComplete="username"
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
        <label htmlFor={ids.password}>{i18n.t('password')}</label>
        <input
          id={ids.password}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {error && (
          <p role="alert" className="error" data-testid="login-error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {i18n.t('signInSubmit')}
        </button>
      </form>
    </main>
  );
}
