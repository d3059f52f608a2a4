import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { AnnouncerProvider } from './announce';
import { usePageTitle } from './components';
import { Shell } from './shell';
import { MeProvider, RequireMe } from './me';
import { LoginPage, SignupPage } from './pages/Auth';
import { InvitePage } from './pages/Invite';
import { SettingsOrganizationPage } from './pages/SettingsOrganization';
import { UsersPage } from './pages/users/UsersPage';
import { AuditPage } from './pages/audit/AuditPage';
import { makeQueryClient } from './data/queryClient';
import { Link, Redirect, usePath } from './router';
import type { Me } from './api';

function home(me: Me): string {
  if (me.mode !== 'organization' || !me.organization) return '/settings/organization';
  return me.organization.role === 'ADMIN' ? '/organization/users' : '/settings/organization';
}

function Routes() {
  const path = usePath().replace(/\/+$/, '') || '/';
  if (path === '/login') return <LoginPage />;
  if (path === '/signup') return <SignupPage />;
  const invite = /^\/invite\/([^/]+)$/.exec(path);
  if (invite) return <InvitePage key={invite[1]} token={decodeURIComponent(invite[1])} />;
  if (path === '/') return <RequireMe key={path}>{(me) => <Redirect to={home(me)} />}</RequireMe>;
  if (path === '/settings/organization')
    return (
      <RequireMe key={path}>
        {(me) => (
          <Shell me={me}>
            <SettingsOrganizationPage me={me} />
          </Shell>
        )}
      </RequireMe>
    );
  if (path === '/organization/users')
    return (
      <RequireMe key={path}>
        {(me) => (
          <Shell me={me}>
            <UsersPage me={me} />
          </Shell>
        )}
      </RequireMe>
    );
  if (path === '/organization/audit')
    return (
      <RequireMe key={path}>
        {(me) => (
          <Shell me={me}>
            <AuditPage me={me} />
          </Shell>
        )}
      </RequireMe>
    );
  return <NotFound />;
}

function NotFound() {
  usePageTitle('Page not found');
  return (
    <main className="center-page" id="main">
      <div className="card narrow">
        <h1 className="card-title">Page not found</h1>
        <p className="muted">There is nothing at this address.</p>
        <Link href="/" className="btn btn-primary">
          Go to Roster
        </Link>
      </div>
    </main>
  );
}

export function App() {
  const [queryClient] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <AnnouncerProvider>
        <MeProvider>
          <Routes />
        </MeProvider>
      </AnnouncerProvider>
    </QueryClientProvider>
  );
}
