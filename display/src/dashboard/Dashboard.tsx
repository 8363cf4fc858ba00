import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import type { DeviceHealth } from '@giliran/shared';
import type { OfficerSession } from '@giliran/client';
import { SignInForm, useOfficerSession } from '../common/SignInForm.tsx';
import { ConnectionMark, LangToggle } from '../common/ui.tsx';
import { useStaffConnection } from '../common/use-queue.ts';
import { useI18n, type I18n } from '../i18n.ts';
import { DevicesSection } from './Devices.tsx';
import { FloorSection } from './Floor.tsx';
import { ImportSection } from './Import.tsx';
import { PlanningSection } from './Planning.tsx';
import { ReportsSection } from './Reports.tsx';
import { SurveySection } from './Survey.tsx';
import { dashText, type DashKey, type DashText } from './strings.ts';
import './dashboard.css';

const DASHBOARD_ROLES = new Set(['supervisor', 'admin']);

type TabId = 'floor' | 'import' | 'devices' | 'reports' | 'planning' | 'survey';
const TABS: { id: TabId; label: DashKey; adminOnly: boolean }[] = [
  { id: 'floor', label: 'tabFloor', adminOnly: false },
  { id: 'import', label: 'tabImport', adminOnly: true },
  { id: 'devices', label: 'tabDevices', adminOnly: false },
  { id: 'reports', label: 'tabReports', adminOnly: false },
  { id: 'planning', label: 'tabPlanning', adminOnly: false },
  { id: 'survey', label: 'tabSurvey', adminOnly: false },
];

/** `/dashboard`: supervisors and admins sign in; the session is the counter console's (localStorage). */
export default function DashboardPage() {
  const i18n = useI18n();
  const t = useMemo(() => dashText(i18n.lang), [i18n.lang]);
  const { session, signIn, signOut } = useOfficerSession();

  if (!session || !DASHBOARD_ROLES.has(session.role))
    return (
      <SignInForm
        i18n={i18n}
        title={t('signInTitle')}
        idPrefix="dash-login"
        // A counter officer signed in on this PC's console keeps that session; we only say no here.
        initialError={session !== null ? t('notAllowed') : null}
        refuse={(info) => (DASHBOARD_ROLES.has(info.role) ? null : t('notAllowed'))}
        onSignedIn={signIn}
      />
    );
  return <Shell i18n={i18n} t={t} session={session} onSignOut={signOut} />;
}

function tabFromHash(admin: boolean): TabId {
  const id = window.location.hash.slice(1);
  const tab = TABS.find((x) => x.id === id);
  return tab && (admin || !tab.adminOnly) ? tab.id : 'floor';
}

function Shell({
  i18n,
  t,
  session,
  onSignOut,
}: {
  i18n: I18n;
  t: DashText;
  session: OfficerSession;
  onSignOut: () => void;
}) {
  const admin = session.role === 'admin';
  const tabs = TABS.filter((x) => admin || !x.adminOnly);
  const [tab, setTab] = useState<TabId>(() => tabFromHash(admin));
  const choose = (id: TabId) => {
    setTab(id);
    window.history.replaceState(null, '', `#${id}`);
  };

  // Alerts and device health are one-off events the queue reducer does not keep.
  const { state, dispatch, socket, alerts, onAlert, alarms, alarmChanged } = useStaffConnection(
    session.token,
    onSignOut,
    100,
  );
  const [health, setHealth] = useState<DeviceHealth[]>([]);
  useEffect(() => {
    if (!socket) return;
    const onHealth = (devices: DeviceHealth[]) => setHealth(devices);
    socket.on('device:health', onHealth);
    return () => {
      socket.off('device:health', onHealth);
    };
  }, [socket]);

  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = tabs.findIndex((x) => x.id === tab);
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step || i < 0) return;
    e.preventDefault();
    const next = tabs[(i + step + tabs.length) % tabs.length];
    if (next) {
      choose(next.id);
      document.getElementById(`tab-${next.id}`)?.focus();
    }
  };

  // Help requests and service alarms nobody has acknowledged yet.
  const openAlerts =
    alerts.filter((a) => a.acknowledgedBy === null).length +
    alarms.filter((a) => a.clearedAt === null && a.acknowledgedBy === null).length;
  const config = state.config;

  return (
    <div className="console dash">
      <header className="console-header">
        <div className="console-title">
          <strong>{i18n.t('appName')}</strong>
          <h1 className="dash-title">{t('title')}</h1>
          {config && <span>{config.office.name}</span>}
        </div>
        <div className="console-marks">
          <ConnectionMark i18n={i18n} connected={state.connected} everConnected={config !== null} />
          <span className="console-officer" data-testid="dash-user">
            {session.name} ({t(admin ? 'roleAdmin' : 'roleSupervisor')})
          </span>
          <LangToggle i18n={i18n} />
          <button type="button" onClick={onSignOut}>
            {i18n.t('signOut')}
          </button>
        </div>
      </header>
      <main className="dash-main">
        <div className="dash-tabs" role="tablist" aria-label={t('sections')} onKeyDown={onTabKey}>
          {tabs.map((x) => (
            <button
              key={x.id}
              id={`tab-${x.id}`}
              type="button"
              role="tab"
              aria-selected={tab === x.id}
              aria-controls={`panel-${x.id}`}
              tabIndex={tab === x.id ? 0 : -1}
              onClick={() => choose(x.id)}
            >
              {t(x.label)}
              {x.id === 'floor' && openAlerts > 0 && (
                <>
                  <span className="dash-count" aria-hidden="true">
                    {openAlerts}
                  </span>
                  <span className="visually-hidden">
                    {' '}
                    ({openAlerts} {t('alerts')})
                  </span>
                </>
              )}
            </button>
          ))}
        </div>
        <div id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`} className="dash-panel">
          {!config ? (
            <p role="status">{i18n.t('connecting')}</p>
          ) : tab === 'floor' ? (
            <FloorSection
              i18n={i18n}
              t={t}
              state={state}
              dispatch={dispatch}
              socket={socket}
              alerts={alerts}
              onAlertChanged={onAlert}
              alarms={alarms}
              onAlarmChanged={alarmChanged}
            />
          ) : tab === 'import' ? (
            <ImportSection i18n={i18n} t={t} token={session.token} />
          ) : tab === 'devices' ? (
            <DevicesSection
              i18n={i18n}
              t={t}
              token={session.token}
              admin={admin}
              health={health}
              timeZone={config.office.timeZone}
            />
          ) : tab === 'planning' ? (
            <PlanningSection
              i18n={i18n}
              t={t}
              token={session.token}
              config={config}
              clockOffsetMs={state.clockOffsetMs}
            />
          ) : tab === 'survey' ? (
            <SurveySection
              i18n={i18n}
              t={t}
              token={session.token}
              config={config}
              clockOffsetMs={state.clockOffsetMs}
            />
          ) : (
            <ReportsSection
              i18n={i18n}
              t={t}
              token={session.token}
              config={config}
              clockOffsetMs={state.clockOffsetMs}
            />
          )}
        </div>
      </main>
    </div>
  );
}
