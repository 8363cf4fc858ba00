import { useCallback, useEffect, useRef, useState } from 'react';
import {
  checkNik,
  type CheckinCandidate,
  type IssuedTicket,
  type Lang,
  type OfficeConfig,
  type PrintResult,
  type SessionInfo,
} from '@giliran/shared';
import { connectSocket, postJson, request, ServerError, type GiliranSocket } from '@giliran/client';
import { Button } from './components.tsx';
import {
  applyKey,
  idlePhase,
  lookupOutcome,
  refusalFromError,
  toggleSelection,
  type Refusal,
} from './flow.ts';
import type { KioskPlatform } from './platform.ts';
import {
  BusyScreen,
  ConfirmScreen,
  DoneScreen,
  EntryScreen,
  IdleScreen,
  IdleWarning,
  PairingScreen,
  PrintFailedScreen,
  RefusalScreen,
  WalkinScreen,
} from './screens.tsx';
import { STRINGS, tr } from './strings.ts';
import { useKeyboardWedge } from './wedge.ts';

type Field = 'nik' | 'code';

type Screen =
  | { name: 'idle' }
  | { name: 'entry'; field: Field; value: string }
  | { name: 'busy'; text: 'busyLookup' | 'busyCheckin' | 'busyPrint' }
  | { name: 'confirm'; candidates: CheckinCandidate[]; selected: string[] }
  | { name: 'walkin'; serviceId: string }
  | { name: 'refusal'; refusal: Refusal; retryField: Field | null }
  | { name: 'done'; tickets: IssuedTicket[] }
  | { name: 'printFailed'; tickets: IssuedTicket[]; result: Extract<PrintResult, { ok: false }> };

const IDLE: Screen = { name: 'idle' };

function errorParts(e: unknown): { code: string; message: string; params: Record<string, unknown> } {
  if (e instanceof ServerError) return { code: e.code, message: e.message, params: e.params };
  return { code: 'internal', message: (e as Error).message, params: {} };
}

export function App({ platform }: { platform: KioskPlatform }) {
  const [lang, setLang] = useState<Lang>('id');
  const [token, setToken] = useState<string | null | undefined>(undefined);
  const [socket, setSocket] = useState<GiliranSocket | null>(null);
  const [connected, setConnected] = useState(false);
  const [config, setConfig] = useState<OfficeConfig | null>(null);
  const [screen, setScreen] = useState<Screen>(IDLE);
  const [pairCode, setPairCode] = useState('');
  const [pairError, setPairError] = useState<string | null>(null);
  const [pairBusy, setPairBusy] = useState(false);
  const [toast, setToast] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const lastActivity = useRef(Date.now());

  // ─── Token and connection ────────────────────────────────────────────────────────────────────
  useEffect(() => {
    platform.loadToken().then(setToken, () => setToken(null));
  }, [platform]);

  useEffect(() => {
    if (!token) return;
    const s = connectSocket({ token });
    s.on('connect', () => setConnected(true));
    // A revoked or unknown device token: back to the pairing screen, token forgotten.
    const unpair = () => {
      void platform.saveToken(null);
      setToken(null);
      setScreen(IDLE);
    };
    let ended = false;
    s.on('session:ended', () => {
      ended = true;
      unpair();
    });
    s.on('disconnect', (reason) => {
      setConnected(false);
      // Closed by the server without a reason given: reconnect once so the handshake tells why,
      // instead of waiting forever on a socket Socket.IO will not reopen by itself.
      if (reason === 'io server disconnect' && !ended) s.connect();
    });
    s.on('connect_error', (err: Error & { data?: { code?: string } }) => {
      setConnected(false);
      // Other errors (a server restarting) just retry.
      if (err.data?.code === 'unauthenticated' || /unauthenticated|forbidden/i.test(err.message)) unpair();
    });
    // Revoked while connected: the server says so, then closes the connection.
    s.on('session:ended', (e) => {
      if (e.code !== 'unauthenticated') return;
      void platform.saveToken(null);
      setToken(null);
    });
    s.on('queue:snapshot', (snap) => setConfig(snap.config));
    setSocket(s);
    return () => {
      s.disconnect();
      setSocket(null);
    };
  }, [token, platform]);

  const pair = useCallback(async () => {
    setPairBusy(true);
    setPairError(null);
    try {
      const session = await postJson<SessionInfo>('/api/pair', { code: pairCode });
      await platform.saveToken(session.token);
      setPairCode('');
      setToken(session.token);
    } catch (e) {
      setPairError((e as Error).message);
    } finally {
      setPairBusy(false);
    }
  }, [pairCode, platform]);

  const reportPrinter = useCallback(() => {
    if (!socket) return;
    void platform
      .printerReport()
      .then((payload) => (payload ? request(socket, 'device:report', payload) : null))
      .catch(() => {});
  }, [socket, platform]);

  // ─── Flow ────────────────────────────────────────────────────────────────────────────────────
  const home = useCallback(() => {
    setScreen(IDLE);
    setLang('id');
  }, []);

  const lookup = useCallback(
    async (method: 'qr' | 'nik' | 'code', value: string, retryField: Field | null) => {
      if (!socket) return;
      if (method === 'nik') {
        const nik = checkNik(value);
        if (!nik.ok) {
          setScreen({ name: 'refusal', refusal: { kind: 'invalid_nik', problem: nik.problem }, retryField });
          return;
        }
      }
      setScreen({ name: 'busy', text: 'busyLookup' });
      try {
        const { candidates } = await request(socket, 'checkin:lookup', { method, value, lang });
        const outcome = lookupOutcome(candidates);
        setScreen(
          outcome.kind === 'confirm'
            ? { name: 'confirm', candidates: outcome.candidates, selected: outcome.selected }
            : { name: 'refusal', refusal: outcome.refusal, retryField },
        );
      } catch (e) {
        const { code, message, params } = errorParts(e);
        setScreen({ name: 'refusal', refusal: refusalFromError(code, message, params), retryField });
      }
    },
    [socket, lang],
  );

  const print = useCallback(
    async (tickets: IssuedTicket[]) => {
      if (!socket) return;
      setScreen({ name: 'busy', text: 'busyPrint' });
      const { result, staffAlerted } = await platform.print(socket, tickets, lang);
      reportPrinter(); // the dashboard learns "ready" (or the fault) now, not at the next minute
      if (result.ok) {
        setScreen({ name: 'done', tickets });
        return;
      }
      setScreen({ name: 'printFailed', tickets, result });
      if (staffAlerted) return;
      const numbers = tickets.map((t) => t.print.number).join(', ');
      request(socket, 'staff:call', {
        reason: 'printer',
        printerFault: result.reason,
        detail: numbers.slice(0, 200),
      }).catch(() => {});
    },
    [socket, platform, lang, reportPrinter],
  );

  const issue = useCallback(
    async (run: () => Promise<{ tickets: IssuedTicket[] }>) => {
      setScreen({ name: 'busy', text: 'busyCheckin' });
      try {
        const { tickets } = await run();
        await print(tickets);
      } catch (e) {
        const { code, message, params } = errorParts(e);
        setScreen({ name: 'refusal', refusal: refusalFromError(code, message, params), retryField: null });
      }
    },
    [print],
  );

  const confirm = useCallback(
    (bookingCodes: string[]) => {
      if (socket) void issue(() => request(socket, 'checkin:confirm', { bookingCodes, lang }));
    },
    [socket, issue, lang],
  );

  const walkin = useCallback(
    (serviceId: string) => {
      if (socket) void issue(() => request(socket, 'ticket:walkin', { serviceId, lang }));
    },
    [socket, issue, lang],
  );

  const callStaff = useCallback(() => {
    if (!socket) return;
    request(socket, 'staff:call', { reason: 'help' }).then(
      () => setToast(tr(STRINGS.staffCalled, lang)),
      () => setToast(tr(STRINGS.staffCallFailed, lang)),
    );
  }, [socket, lang]);

  useEffect(() => {
    if (!toast) return;
    const t = window.setTimeout(() => setToast(null), 8_000);
    return () => window.clearTimeout(t);
  }, [toast]);

  // ─── Input: scanner always listening; physical keys feed the entry screens ───────────────────
  const screenRef = useRef(screen);
  screenRef.current = screen;
  useKeyboardWedge({
    onScan: (code) => {
      lastActivity.current = Date.now();
      if (!config || screenRef.current.name === 'busy') return;
      void lookup('qr', code, null);
    },
    onTyped: (keys) => {
      lastActivity.current = Date.now();
      const s = screenRef.current;
      if (s.name === 'entry') {
        setScreen({ ...s, value: keys.reduce((v, k) => applyKey(v, k, s.field), s.value) });
      } else if (token === null) {
        setPairCode((v) => keys.reduce((acc, k) => applyKey(acc, k, 'pair'), v));
      }
    },
  });
  // Printer state for the dashboard: on connect, after every print, then every minute (Electron
  // kiosks' own printers; in browser mode the server records the printer's state as it prints).
  useEffect(() => {
    if (!socket) return;
    // On every (re)connect: a request never waits for a connection (it fails at once offline).
    socket.on('connect', reportPrinter);
    if (socket.connected) reportPrinter();
    const timer = setInterval(reportPrinter, 60_000);
    return () => {
      socket.off('connect', reportPrinter);
      clearInterval(timer);
    };
  }, [socket, reportPrinter]);

  useEffect(() => platform.onHardwareScan((code) => void lookup('qr', code, null)), [platform, lookup]);

  // ─── Inactivity ──────────────────────────────────────────────────────────────────────────────
  useEffect(() => {
    const touch = (): void => {
      lastActivity.current = Date.now();
    };
    window.addEventListener('pointerdown', touch, true);
    return () => window.removeEventListener('pointerdown', touch, true);
  }, []);
  const timed = screen.name !== 'idle' && screen.name !== 'busy';
  useEffect(() => {
    lastActivity.current = Date.now();
    if (!timed) return;
    const t = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(t);
  }, [timed, screen]);
  const phase =
    timed && config
      ? idlePhase(now - lastActivity.current, config.policy.kioskIdleSeconds)
      : { kind: 'active' as const };
  useEffect(() => {
    if (phase.kind === 'expired') home();
  }, [phase.kind, home]);

  // ─── Render ──────────────────────────────────────────────────────────────────────────────────
  const body = (() => {
    if (token === undefined) return <BusyScreen text={tr(STRINGS.connecting, lang)} />;
    if (token === null) {
      return (
        <PairingScreen
          lang={lang}
          value={pairCode}
          error={pairError}
          busy={pairBusy}
          onKey={(k) => setPairCode((v) => applyKey(v, k, 'pair'))}
          onSubmit={() => void pair()}
        />
      );
    }
    if (!config) return <BusyScreen text={tr(STRINGS.connecting, lang)} />;
    switch (screen.name) {
      case 'idle':
        return (
          <IdleScreen
            lang={lang}
            config={config}
            onNik={() => setScreen({ name: 'entry', field: 'nik', value: '' })}
            onCode={() => setScreen({ name: 'entry', field: 'code', value: '' })}
            onWalkin={(serviceId) => setScreen({ name: 'walkin', serviceId })}
          />
        );
      case 'entry':
        return (
          <EntryScreen
            lang={lang}
            field={screen.field}
            value={screen.value}
            onKey={(k) => setScreen({ ...screen, value: applyKey(screen.value, k, screen.field) })}
            onSubmit={() => void lookup(screen.field, screen.value, screen.field)}
            onBack={home}
          />
        );
      case 'busy':
        return <BusyScreen text={tr(STRINGS[screen.text], lang)} />;
      case 'confirm':
        return (
          <ConfirmScreen
            lang={lang}
            config={config}
            candidates={screen.candidates}
            selected={screen.selected}
            onToggle={(code) =>
              setScreen({ ...screen, selected: toggleSelection(screen.candidates, screen.selected, code) })
            }
            onConfirm={() => confirm(screen.selected)}
            onBack={home}
          />
        );
      case 'walkin': {
        const service = config.services.find((s) => s.id === screen.serviceId);
        if (!service) return null;
        return (
          <WalkinScreen lang={lang} service={service} onConfirm={() => walkin(service.id)} onBack={home} />
        );
      }
      case 'refusal':
        return (
          <RefusalScreen
            lang={lang}
            refusal={screen.refusal}
            config={config}
            onRetry={() =>
              setScreen(screen.retryField ? { name: 'entry', field: screen.retryField, value: '' } : IDLE)
            }
            onHome={home}
            onWalkin={(serviceId) => setScreen({ name: 'walkin', serviceId })}
          />
        );
      case 'done':
        return <DoneScreen lang={lang} tickets={screen.tickets} onFinish={home} />;
      case 'printFailed':
        return (
          <PrintFailedScreen
            lang={lang}
            tickets={screen.tickets}
            result={screen.result}
            onRetry={() => void print(screen.tickets)}
            onFinish={home}
          />
        );
    }
  })();

  return (
    <div className="app" lang={lang}>
      <header className="topbar">
        <p className="brand">{config?.office.name ?? tr(STRINGS.appTitle, lang)}</p>
        <div className="topbar-actions">
          <Button
            variant="quiet"
            onClick={() => setLang(lang === 'id' ? 'en' : 'id')}
            label={tr(STRINGS.switchLangLabel, lang)}
            testId="lang"
          >
            <span lang={lang === 'id' ? 'en' : 'id'}>{tr(STRINGS.switchLang, lang)}</span>
          </Button>
          {token && (
            <Button variant="quiet" onClick={callStaff} testId="call-staff">
              {tr(STRINGS.callStaff, lang)}
            </Button>
          )}
        </div>
      </header>
      {token && socket && !connected && config && (
        <p className="offline" role="status">
          {tr(STRINGS.offline, lang)}
        </p>
      )}
      {body}
      {toast && (
        <p className="toast" role="status" data-testid="toast">
          {toast}
        </p>
      )}
      {phase.kind === 'warning' && (
        <IdleWarning
          lang={lang}
          secondsLeft={phase.secondsLeft}
          onMore={() => {
            lastActivity.current = Date.now();
            setNow(Date.now());
          }}
          onStartOver={home}
        />
      )}
    </div>
  );
}
