import { lazy, Suspense } from 'react';
import { BoardPage } from './board/Board.tsx';
import { CounterPage } from './counter/Counter.tsx';
import { PhonePage, trackTokenFromPath } from './phone/Phone.tsx';
import { SurveyTabletPage } from './survey/SurveyTablet.tsx';
import { useI18n } from './i18n.ts';
import { LangToggle } from './common/ui.tsx';

// Only supervisors' PCs need the dashboard: boards and phones do not download its code.
const DashboardPage = lazy(() => import('./dashboard/Dashboard.tsx'));

/** One app, routed by path; the server serves index.html for each of these paths. */
export function App({ pathname }: { pathname: string }) {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/board') return <BoardPage />;
  if (path === '/counter') return <CounterPage />;
  if (path === '/survey') return <SurveyTabletPage />;
  if (path === '/dashboard')
    return (
      <Suspense fallback={null}>
        <DashboardPage />
      </Suspense>
    );
  const track = trackTokenFromPath(pathname);
  if (track) return <PhonePage token={track} />;
  return <Placeholder titleKey={path === '/' ? 'screens' : 'notFound'} />;
}

function Placeholder({ titleKey }: { titleKey: 'notFound' | 'screens' }) {
  const i18n = useI18n();
  return (
    <main className="console console-center">
      <div className="card">
        <h1>{i18n.t(titleKey)}</h1>
        <ul className="links">
          <li>
            <a href="/board">/board</a>
          </li>
          <li>
            <a href="/counter">/counter</a>
          </li>
          <li>
            <a href="/dashboard">/dashboard</a>
          </li>
          <li>
            <a href="/survey">/survey</a>
          </li>
        </ul>
        <LangToggle i18n={i18n} />
      </div>
    </main>
  );
}
