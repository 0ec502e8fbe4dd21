import { authRoutes, type SessionUser } from '@vigevano/protocol';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api } from './api';
import { CityOverviewPage } from './pages/CityOverviewPage';
import { LoginPage } from './pages/LoginPage';

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
    api<{ user: SessionUser }>(authRoutes.me.path)
      .then(({ user }) => setSession({ kind: 'signed-in', user }))
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 401) setSession({ kind: 'anonymous' });
        else setSession({ kind: 'anonymous' });
      });
  }, []);
  const logout = useCallback(async () => {
    await api(authRoutes.logout.path, { method: 'POST' }).catch(() => undefined);
    setSession({ kind: 'anonymous' });
  }, []);

  if (session.kind === 'checking') return <p className="centered">Caricamento…</p>;
  if (session.kind === 'anonymous')
    return <LoginPage onSignedIn={(user) => setSession({ kind: 'signed-in', user })} />;
  return (
    <div className="layout">
      <header className="topbar">
        <strong>Hub di Vigevano</strong>
        <span>
          {session.user.name} ({ROLE_LABEL[session.user.role]})
        </span>
        <button type="button" onClick={logout}>
          Esci
        </button>
      </header>
      <main>
        <CityOverviewPage />
      </main>
    </div>
  );
}
