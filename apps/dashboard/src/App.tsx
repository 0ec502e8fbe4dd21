import {
  ACCOUNT_LINK_PAGE,
  authRoutes,
  DASHBOARD_PAGES,
  EDITORS,
  type LoginResponse,
  mayOpenPage,
  PERSONAL_DATA,
  type SessionUser,
} from '@vigevano/protocol';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { Link, Navigate, NavLink, Route, Routes, useLocation } from 'react-router';
import { api } from './api';
import { ROLE_LABEL } from './lib/roles';
import { AccountLinkPage } from './pages/AccountLinkPage';
import { LoginPage } from './pages/LoginPage';
import { TotpPage } from './pages/TotpPage';

// Each page is loaded when first opened: the charting library is not needed to sign in.
const AttendancePage = lazy(() =>
  import('./pages/AttendancePage').then((m) => ({ default: m.AttendancePage })),
);
const AuditPage = lazy(() => import('./pages/AuditPage').then((m) => ({ default: m.AuditPage })));
const CityNowPage = lazy(() => import('./pages/CityNowPage').then((m) => ({ default: m.CityNowPage })));
const ConnectionsPage = lazy(() =>
  import('./pages/ConnectionsPage').then((m) => ({ default: m.ConnectionsPage })),
);
const ContentPage = lazy(() => import('./pages/ContentPage').then((m) => ({ default: m.ContentPage })));
const DevicesPage = lazy(() => import('./pages/DevicesPage').then((m) => ({ default: m.DevicesPage })));
const NoticesPage = lazy(() => import('./pages/NoticesPage').then((m) => ({ default: m.NoticesPage })));
const FacilitatorsPage = lazy(() =>
  import('./pages/FacilitatorsPage').then((m) => ({ default: m.FacilitatorsPage })),
);
const HubsPage = lazy(() => import('./pages/HubsPage').then((m) => ({ default: m.HubsPage })));
const EsfPage = lazy(() => import('./pages/EsfPage').then((m) => ({ default: m.EsfPage })));
const OperationsPage = lazy(() =>
  import('./pages/OperationsPage').then((m) => ({ default: m.OperationsPage })),
);
const ParticipantsPage = lazy(() =>
  import('./pages/ParticipantsPage').then((m) => ({ default: m.ParticipantsPage })),
);
const PlanningPage = lazy(() => import('./pages/PlanningPage').then((m) => ({ default: m.PlanningPage })));
const EsfOperationsPage = lazy(() =>
  import('./pages/EsfOperationsPage').then((m) => ({ default: m.EsfOperationsPage })),
);
const PeoplePage = lazy(() => import('./pages/PeoplePage').then((m) => ({ default: m.PeoplePage })));
const PersonPage = lazy(() => import('./pages/PersonPage').then((m) => ({ default: m.PersonPage })));
const PlaysPage = lazy(() => import('./pages/PlaysPage').then((m) => ({ default: m.PlaysPage })));
const RefusalsPage = lazy(() => import('./pages/RefusalsPage').then((m) => ({ default: m.RefusalsPage })));
const SessionsPage = lazy(() => import('./pages/SessionsPage').then((m) => ({ default: m.SessionsPage })));
const StaffPage = lazy(() => import('./pages/StaffPage').then((m) => ({ default: m.StaffPage })));

type Session =
  | { kind: 'checking' }
  | { kind: 'anonymous' }
  | { kind: 'signed-in'; user: SessionUser; mustEnrolTotp: boolean };

export function App() {
  // A one-time link (invitation, reset, first admin) is opened without signing in, whoever is signed in.
  const { pathname } = useLocation();
  if (pathname.startsWith(`${ACCOUNT_LINK_PAGE}/`))
    return (
      <Routes>
        <Route path={`${ACCOUNT_LINK_PAGE}/:token`} element={<AccountLinkPage />} />
      </Routes>
    );
  return <SignedInApp />;
}

function SignedInApp() {
  const [session, setSession] = useState<Session>({ kind: 'checking' });
  const signedIn = useCallback(
    ({ user, mustEnrolTotp }: LoginResponse) =>
      setSession({ kind: 'signed-in', user, mustEnrolTotp: mustEnrolTotp ?? false }),
    [],
  );
  const refresh = useCallback(() => {
    api(authRoutes.me)
      .then(signedIn)
      .catch(() => setSession({ kind: 'anonymous' }));
  }, [signedIn]);
  useEffect(() => refresh(), [refresh]);
  const logout = useCallback(async () => {
    await api(authRoutes.logout).catch(() => undefined);
    setSession({ kind: 'anonymous' });
  }, []);

  if (session.kind === 'checking') return <p className="centered">Caricamento…</p>;
  if (session.kind === 'anonymous') return <LoginPage onSignedIn={signedIn} />;
  const { user, mustEnrolTotp } = session;
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
          {user.name} ({ROLE_LABEL[user.role]}) · <Link to="/sicurezza">Sicurezza</Link>
        </span>
        <button type="button" onClick={logout}>
          Esci
        </button>
      </header>
      <main id="main">
        <Suspense fallback={<p role="status">Caricamento…</p>}>
          {mustEnrolTotp ? (
            <TotpPage required onEnrolled={refresh} />
          ) : (
            <Routes>
              <Route path="/sicurezza" element={<TotpPage required={false} onEnrolled={refresh} />} />
              <Route path="/" element={allowed('/') ? <CityNowPage /> : <NotAllowed />} />
              <Route path="/presenze" element={allowed('/presenze') ? <AttendancePage /> : <NotAllowed />} />
              <Route
                path="/connessioni"
                element={allowed('/connessioni') ? <ConnectionsPage /> : <NotAllowed />}
              />
              <Route path="/attivita" element={allowed('/attivita') ? <SessionsPage /> : <NotAllowed />} />
              <Route path="/fse" element={allowed('/fse') ? <EsfPage /> : <NotAllowed />} />
              <Route
                path="/scansioni-rifiutate"
                element={allowed('/scansioni-rifiutate') ? <RefusalsPage /> : <NotAllowed />}
              />
              <Route
                path="/fse-operazioni"
                element={
                  allowed('/fse-operazioni') ? (
                    <EsfOperationsPage canSeeNames={PERSONAL_DATA.includes(user.role)} />
                  ) : (
                    <NotAllowed />
                  )
                }
              />
              <Route path="/contenuti" element={allowed('/contenuti') ? <ContentPage /> : <NotAllowed />} />
              <Route path="/avvisi" element={allowed('/avvisi') ? <NoticesPage /> : <NotAllowed />} />
              <Route
                path="/riproduzioni"
                element={allowed('/riproduzioni') ? <PlaysPage /> : <NotAllowed />}
              />
              <Route
                path="/dispositivi"
                element={allowed('/dispositivi') ? <DevicesPage /> : <NotAllowed />}
              />
              <Route
                path="/sedi"
                element={
                  allowed('/sedi') ? <HubsPage canEdit={EDITORS.includes(user.role)} /> : <NotAllowed />
                }
              />
              <Route
                path="/facilitatori"
                element={allowed('/facilitatori') ? <FacilitatorsPage /> : <NotAllowed />}
              />
              <Route
                path="/operazioni"
                element={
                  allowed('/operazioni') ? (
                    <OperationsPage canEdit={EDITORS.includes(user.role)} />
                  ) : (
                    <NotAllowed />
                  )
                }
              />
              <Route
                path="/pianificazione"
                element={allowed('/pianificazione') ? <PlanningPage /> : <NotAllowed />}
              />
              <Route
                path="/partecipanti"
                element={allowed('/partecipanti') ? <ParticipantsPage /> : <NotAllowed />}
              />
              <Route path="/personale" element={allowed('/personale') ? <StaffPage /> : <NotAllowed />} />
              <Route path="/registro" element={allowed('/registro') ? <AuditPage /> : <NotAllowed />} />
              <Route
                path="/persone"
                element={
                  allowed('/persone') ? (
                    <PeoplePage
                      ownHub={
                        user.role === 'hub_lead' && user.hubIds.length === 1 ? (user.hubIds[0] ?? null) : null
                      }
                    />
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
          )}
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
