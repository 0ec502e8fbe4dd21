import { authRoutes, type Role, type SessionUser } from '@vigevano/protocol';
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

const ALL: Role[] = ['admin', 'coordinator', 'hub_lead', 'viewer'];

/** The pages, and who may open them: the same rule the server applies to their data. */
export const PAGES = [
  { path: '/', label: 'Oggi', roles: ALL },
  { path: '/presenze', label: 'Presenze', roles: ALL },
  { path: '/connessioni', label: 'Connessioni', roles: ALL },
  { path: '/attivita', label: 'Attività', roles: ALL },
  { path: '/fse', label: 'FSE+', roles: ALL },
  { path: '/contenuti', label: 'Contenuti', roles: ['admin', 'coordinator'] as Role[] },
  { path: '/dispositivi', label: 'Totem', roles: ['admin', 'coordinator'] as Role[] },
  { path: '/persone', label: 'Persone', roles: ['admin', 'hub_lead'] as Role[] },
];

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
  const allowed = (path: string) => PAGES.find((p) => p.path === path)?.roles.includes(user.role) ?? false;
  return (
    <div className="layout">
      <a className="skip" href="#main">
        Vai al contenuto
      </a>
      <header className="topbar">
        <strong>Hub di Vigevano</strong>
        <nav aria-label="Pagine del cruscotto">
          <ul>
            {PAGES.filter((p) => p.roles.includes(user.role)).map((p) => (
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
            <Route path="/" element={<CityNowPage />} />
            <Route path="/presenze" element={<AttendancePage />} />
            <Route path="/connessioni" element={<ConnectionsPage />} />
            <Route path="/attivita" element={<SessionsPage />} />
            <Route path="/fse" element={<EsfPage />} />
            <Route path="/contenuti" element={allowed('/contenuti') ? <ContentPage /> : <NotAllowed />} />
            <Route path="/dispositivi" element={allowed('/dispositivi') ? <DevicesPage /> : <NotAllowed />} />
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
