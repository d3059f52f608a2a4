import { QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { AnnouncerProvider } from './announce';
import { usePageTitle } from './components';
import { Shell } from './shell';
import { MeProvider, RequireMe } from './me';
import { LoginPage, SignupPage } from './pages/Auth';
import { InvitePage } from './pages/Invite';
import { SettingsOrganizationPage } from './pages/SettingsOrganization';
import { UsersPage } from './pages/users/UsersPage';
import { AuditPage } from './pages/audit/AuditPage';
import { ApplicationsPage } from './pages/applications/ApplicationsPage';
import { AccountPage } from './pages/account/AccountPage';
import { ForgotPasswordPage } from './pages/account/ForgotPasswordPage';
import { ResetPasswordPage } from './pages/account/ResetPasswordPage';
import { VerifyEmailPage } from './pages/account/VerifyEmailPage';
import { makeQueryClient } from './data/queryClient';
import { Link, Redirect, usePath } from './router';
import type { Me } from './api';

function home(me: Me): string {
  if (me.mode !== 'organization' || !me.organization) return '/settings/organization';
  return me.organization.role === 'ADMIN' ? '/organization/users' : '/settings/organization';
}

// A signed-in page inside the shell (header, email banner, main).
function signedIn(path: string, page: (me: Me) => ReactNode) {
  return <RequireMe key={path}>{(me) => <Shell me={me}>{page(me)}</Shell>}</RequireMe>;
}

// Pages opened from a mailed link: /invite/{token}, /reset-password/{token}, /verify-email/{token}.
function linkPage(path: string): ReactNode | null {
  const m = /^\/(invite|reset-password|verify-email)\/([^/]+)$/.exec(path);
  if (!m) return null;
  let token = m[2];
  try {
    token = decodeURIComponent(token);
  } catch {
    // A malformed escape: the raw text is the token, which the server will refuse.
  }
  if (m[1] === 'invite') return <InvitePage key={token} token={token} />;
  if (m[1] === 'reset-password') return <ResetPasswordPage key={token} token={token} />;
  return <VerifyEmailPage key={token} token={token} />;
}

function Routes() {
  const path = usePath().replace(/\/+$/, '') || '/';
  if (path === '/login') return <LoginPage />;
  if (path === '/signup') return <SignupPage />;
  if (path === '/forgot-password') return <ForgotPasswordPage />;
  const link = linkPage(path);
  if (link) return link;
  if (path === '/') return <RequireMe key={path}>{(me) => <Redirect to={home(me)} />}</RequireMe>;
  if (path === '/settings/organization') return signedIn(path, (me) => <SettingsOrganizationPage me={me} />);
  if (path === '/settings/account') return signedIn(path, (me) => <AccountPage me={me} />);
  if (path === '/organization/users') return signedIn(path, (me) => <UsersPage me={me} />);
  if (path === '/organization/audit') return signedIn(path, (me) => <AuditPage me={me} />);
  if (path === '/organization/applications') return signedIn(path, (me) => <ApplicationsPage me={me} />);
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
