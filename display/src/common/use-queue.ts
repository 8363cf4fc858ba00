import {
  useCallback,
  useEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
  type Dispatch,
  type SetStateAction,
} from 'react';
import type {
  CallAnnouncement,
  HandshakeAuth,
  PublicTicket,
  QueueChanges,
  QueueSnapshot,
  StaffAlert,
  StaffTicket,
} from '@giliran/shared';
import { connectSocket, type GiliranSocket } from '@giliran/client';
import { initialQueueState, queueReducer, type QueueAction, type QueueState } from '../state/queue-state.ts';

export interface QueueConnectionHandlers {
  /** A live call (not those replayed in a snapshot): the board announces it. */
  onCalled?: (call: CallAnnouncement) => void;
  onAlert?: (alert: StaffAlert) => void;
}

export interface QueueConnection<T extends PublicTicket> {
  state: QueueState<T>;
  dispatch: (action: QueueAction<T>) => void;
  socket: GiliranSocket | null;
  /** Set when the server refused the credential (the screen must pair or sign in again). */
  authError: string | null;
}

/**
 * One Socket.IO connection feeding the queue reducer: snapshot on every (re)connect, then events.
 * Reconnects by itself; while offline the last state stays and `state.connected` is false.
 */
export function useQueueConnection<T extends PublicTicket>(
  auth: HandshakeAuth | null,
  handlers: QueueConnectionHandlers = {},
): QueueConnection<T> {
  const [state, dispatch] = useReducer(queueReducer<T>, undefined, () => initialQueueState<T>());
  const [socket, setSocket] = useState<GiliranSocket | null>(null);
  const [authError, setAuthError] = useState<string | null>(null);
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;
  const authKey = auth ? JSON.stringify(auth) : null;

  useEffect(() => {
    if (!authKey) return;
    const s = connectSocket(JSON.parse(authKey) as HandshakeAuth);
    fastReconnect(s);
    s.on('queue:snapshot', (snapshot) =>
      dispatch({ type: 'snapshot', snapshot: snapshot as QueueSnapshot<T>, receivedAt: Date.now() }),
    );
    s.on('queue:changes', (changes) => {
      dispatch({ type: 'changes', changes: changes as QueueChanges<T> });
      for (const call of changes.calls) handlersRef.current.onCalled?.(call);
    });
    s.on('staff:alert', (alert) => handlersRef.current.onAlert?.(alert));
    s.on('counter:queue', (queue) => dispatch({ type: 'counterQueue', queue }));
    // The credential ended while connected (logout elsewhere, expiry, revoked, disabled): the
    // server says why, then closes the connection; the screen must pair or sign in again.
    let ended = false;
    s.on('session:ended', (e) => {
      ended = true;
      setAuthError(e.message);
    });
    s.on('disconnect', (reason) => {
      dispatch({ type: 'connection', connected: false });
      // Closed by the server without a reason given: Socket.IO would not come back alone (the
      // screen would show stale calls for good). Reconnect once so the handshake says why.
      if (reason === 'io server disconnect' && !ended) s.connect();
    });
    s.on('connect_error', (err) => {
      dispatch({ type: 'connection', connected: false });
      // A refusal by the server's auth middleware stops reconnection; a dead server does not.
      if (!s.active) setAuthError(err.message);
    });
    setAuthError(null);
    setSocket(s);
    return () => {
      s.removeAllListeners();
      s.disconnect();
      setSocket(null);
    };
  }, [authKey]);

  return { state, dispatch, socket, authError };
}

/**
 * Screens must be back in sync within 3 s of a server restart (DESIGN §9): cap the reconnection
 * backoff at 1 s with little jitter (the shared default, 3 s ± 50 %, can wait up to 4.5 s).
 */
export function fastReconnect(s: GiliranSocket): void {
  s.io.reconnectionDelayMax(1_000);
  s.io.randomizationFactor(0.2);
}

/** `Date.now()` corrected to the server's clock, refreshed every `everyMs`. */
export function useServerNow(offsetMs: number, everyMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now + offsetMs;
}

/**
 * An officer's staff connection (counter console, dashboard): the queue, the latest `maxAlerts`
 * staff alerts (newest first, one entry per alert id), and sign-out when the server refuses the
 * session.
 */
export function useStaffConnection(
  token: string,
  onSignOut: () => void,
  maxAlerts: number,
): QueueConnection<StaffTicket> & {
  alerts: StaffAlert[];
  setAlerts: Dispatch<SetStateAction<StaffAlert[]>>;
  /** Puts a new or changed alert first. */
  onAlert: (alert: StaffAlert) => void;
} {
  const [alerts, setAlerts] = useState<StaffAlert[]>([]);
  const onAlert = useCallback(
    (alert: StaffAlert) =>
      setAlerts((prev) => [alert, ...prev.filter((a) => a.id !== alert.id)].slice(0, maxAlerts)),
    [maxAlerts],
  );
  const auth = useMemo(() => ({ token }), [token]);
  const connection = useQueueConnection<StaffTicket>(auth, { onAlert });
  const { authError } = connection;
  useEffect(() => {
    if (authError) onSignOut();
  }, [authError, onSignOut]);
  return { ...connection, alerts, setAlerts, onAlert };
}
