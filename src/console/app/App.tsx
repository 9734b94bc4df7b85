import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from './api/ApiError';
import { gql, onSessionEnded, postJson } from './api/graphql';
import { Link, navigate, useRoute } from './lib/router';
import { can, ROLE_TITLES, SessionContext, type Session } from './lib/session';
import { AccountScreen } from './screens/AccountScreen';
import { AdminUsersScreen } from './screens/AdminUsersScreen';
import { ClientDetailScreen } from './screens/ClientDetailScreen';
import { ConnectionsScreen } from './screens/ConnectionsScreen';
import { IntegrationLogScreen } from './screens/IntegrationLogScreen';
import { KillSwitchScreen } from './screens/KillSwitchScreen';
import { LiveLoadScreen } from './screens/LiveLoadScreen';
import { LoginScreen } from './screens/LoginScreen';
import { NewClientScreen } from './screens/NewClientScreen';
import { SecurityLogScreen } from './screens/SecurityLogScreen';

const SESSION = `query ConsoleSession { consoleSession { user { id userName role totpEnabled } scopes } }`;

const NAV: Array<{ to: string; label: string; scope?: string }> = [
  { to: '/', label: 'Connections' },
  { to: '/kill-switch', label: 'Kill switch' },
  { to: '/log', label: 'Integration log' },
  { to: '/load', label: 'Live load' },
  { to: '/security-log', label: 'Security log', scope: 'audit:read' },
  { to: '/admins', label: 'Console users' },
  { to: '/account', label: 'My account' },
];

function Screen({ path }: { path: string }) {
  const client = /^\/clients\/(\d+)$/.exec(path);
  if (path === '/') return <ConnectionsScreen />;
  if (path === '/clients/new') return <NewClientScreen />;
  if (client) return <ClientDetailScreen id={client[1]} />;
  if (path === '/kill-switch') return <KillSwitchScreen />;
  if (path === '/log') return <IntegrationLogScreen />;
  if (path === '/load') return <LiveLoadScreen />;
  if (path === '/security-log') return <SecurityLogScreen />;
  if (path === '/admins') return <AdminUsersScreen />;
  if (path === '/account') return <AccountScreen />;
  return (
    <section>
      <h1>Not found</h1>
      <p>
        There is no console page {path}. <Link to="/">Back to the connections</Link>.
      </p>
    </section>
  );
}

/**
 * The console's shell: the session (consoleSession over /graphql), the navigation, and the page.
 * When the session ends mid-way, the sign-in takes the page's place and the same page comes back
 * after signing in (the address never changes).
 */
export function App() {
  const { path } = useRoute();
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [ended, setEnded] = useState<ApiError | undefined>();

  const refresh = useCallback(async () => {
    try {
      const { consoleSession } = await gql<{ consoleSession: Session | null }>(SESSION);
      setSession(consoleSession);
      setEnded(undefined);
    } catch {
      setSession(null);
    }
  }, []);

  useEffect(() => {
    void refresh();
    return onSessionEnded((e) => {
      setEnded(e);
      setSession(null);
    });
  }, [refresh]);

  const signOut = async () => {
    await postJson('/admin/api/logout', {}).catch(() => undefined);
    setSession(null);
    navigate('/');
  };

  if (session === undefined) return <p className="loading">Loading…</p>;
  if (session === null) return <LoginScreen ended={ended !== undefined} onSignedIn={refresh} />;
  return (
    <SessionContext.Provider value={{ session, refresh }}>
      <div className="shell">
        <header className="top">
          <strong className="brand">chartgate</strong>
          <nav>
            {NAV.filter((n) => !n.scope || can(session, n.scope)).map((n) => (
              <Link key={n.to} to={n.to} className={path === n.to || (n.to !== '/' && path.startsWith(n.to)) ? 'active' : undefined}>
                {n.label}
              </Link>
            ))}
            <a href="/graphql" target="_blank" rel="noreferrer">
              IDE
            </a>
          </nav>
          <span className="who" data-testid="who">
            {session.user.userName} · {ROLE_TITLES[session.user.role] ?? session.user.role}
          </span>
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </header>
        <main>
          <Screen path={path} />
        </main>
      </div>
    </SessionContext.Provider>
  );
}
