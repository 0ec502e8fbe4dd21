import { authRoutes, DASHBOARD_PAGES, EDITORS, mayOpenPage, type SessionUser } from '@vigevano/protocol';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { Navigate, NavLink, Route, Routes } from 'react-router';
import { api } from './api';
import { LoginPage } from './pages/LoginPage';

// Each page is loaded when first opened: the charting library is not needed to sign in.
const AttendancePage = lazy(() =>
  import('./pages/AttendancePage').then((m) => ({ default: m.AttendancePage })),
);
const CityNowPage = lazy(() => import('./pages/CityNowPage').then((m) => ({ default: m.CityNowPage })));
const ConnectionsPage = lazy(() =>
  import('./pages/ConnectionsPage').then((m) => ({ default: m.ConnectionsPage })),
);
const ContentPage = lazy(() => import('./pages/ContentPage').then((m) => ({ default: m.ContentPage })));
const DevicesPage = lazy(() => import('./pages/DevicesPage').then((m) => ({ default: m.DevicesPage })));
const FacilitatorsPage = lazy(() =>
  import('./pages/FacilitatorsPage').then((m) => ({ default: m.FacilitatorsPage })),
);
const HubsPage = lazy(() => import('./pages/HubsPage').then((m) => ({ default: m.HubsPage })));
const EsfPage = lazy(() => import('./pages/EsfPage').then((m) => ({ default: m.EsfPage })));
const PeoplePage = lazy(() => import('./pages/PeoplePage').then((m) => ({ default: m.PeoplePage })));
const PersonPage = lazy(() => import('./pages/PersonPage').then((m) => ({ default: m.PersonPage })));
const SessionsPage = lazy(() => import('./pages/SessionsPage').then((m) => ({ default: m.SessionsPage })));

const ROLE_LABEL = {
  admin: 'amministrazione',
  coordinator: 'coordinamento',
  hub_lead: 'responsabile di hub',
  viewer: 'sola lettura',
} as const;

type Session = { kind: 'checking' } | { kind: 'anonymous' } | { kind: 'signed-in'; user: SessionUser };

export function App() {
  const [session, setSession] = useState<Session>({ kind: 'checking' });
  useEffect(() => {
    api(authRoutes.me)
      .then(({ user }) => setSession({ kind: 'signed-in', user }))
      .catch(() => setSession({ kind: 'anonymous' }));
  }, []);
  const logout = useCallback(async () => {
    await api(authRoutes.logout).catch(() => undefined);
    setSession({ kind: 'anonymous' });
  }, []);

  if (session.kind === 'checking') return <p className="centered">Caricamento…</p>;
  if (session.kind === 'anonymous')
    return <LoginPage onSignedIn={(user) => setSession({ kind: 'signed-in', user })} />;
  const { user } = session;
  // Who may open which page: the access table the server's guard applies to the pages' data.
  const allowed = (path: string) => mayOpenPage(user.role, path);
  return (
    <div className="layout">
      <a className="skip" href="#main">
        Vai al contenuto
      </a>
      <header className="topbar">
        <strong>Hub di Vigevano</strong>
        <nav aria-label="Pagine del cruscotto">
          <ul>
            {DASHBOARD_PAGES.filter((p) => p.roles.includes(user.role)).map((p) => (
              <li key={p.path}>
                <NavLink to={p.path} end={p.path === '/'}>
                  {p.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <span className="who">
          {user.name} ({ROLE_LABEL[user.role]})
        </span>
        <button type="button" onClick={logout}>
          Esci
        </button>
      </header>
      <main id="main">
        <Suspense fallback={<p role="status">Caricamento…</p>}>
          <Routes>
            <Route path="/" element={allowed('/') ? <CityNowPage /> : <NotAllowed />} />
            <Route path="/presenze" element={allowed('/presenze') ? <AttendancePage /> : <NotAllowed />} />
            <Route
              path="/connessioni"
              element={allowed('/connessioni') ? <ConnectionsPage /> : <NotAllowed />}
            />
            <Route path="/attivita" element={allowed('/attivita') ? <SessionsPage /> : <NotAllowed />} />
            <Route path="/fse" element={allowed('/fse') ? <EsfPage /> : <NotAllowed />} />
            <Route path="/contenuti" element={allowed('/contenuti') ? <ContentPage /> : <NotAllowed />} />
            <Route path="/dispositivi" element={allowed('/dispositivi') ? <DevicesPage /> : <NotAllowed />} />
            <Route
              path="/sedi"
              element={allowed('/sedi') ? <HubsPage canEdit={EDITORS.includes(user.role)} /> : <NotAllowed />}
            />
            <Route
              path="/facilitatori"
              element={allowed('/facilitatori') ? <FacilitatorsPage /> : <NotAllowed />}
            />
            <Route
              path="/persone"
              element={
                allowed('/persone') ? (
                  <PeoplePage ownHub={user.role === 'hub_lead' ? user.hubId : null} />
                ) : (
                  <NotAllowed />
                )
              }
            />
            <Route
              path="/persone/:visitorId"
              element={allowed('/persone') ? <PersonPage /> : <NotAllowed />}
            />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
        </Suspense>
      </main>
    </div>
  );
}

function NotAllowed() {
  return (
    <>
      <h1>Pagina non disponibile</h1>
      <p role="alert">Il tuo ruolo non permette di vedere questa pagina.</p>
    </>
  );
}
