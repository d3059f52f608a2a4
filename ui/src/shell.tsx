// The frame of every signed-in page: skip link, header (product, organization, navigation,
// signed-in user, Log out) and the main landmark.
import { useState, type ReactNode } from 'react';
import { api, ApiError, errorMessage, type Me } from './api';
import { useAnnounce } from './announce';
import { Button } from './components';
import { useMe } from './me';
import { EmailBanner } from './pages/account/EmailBanner';
import { Link, navigate, usePath } from './router';

export function Shell({ me, children }: { me: Me; children: ReactNode }) {
  const path = usePath();
  const { set } = useMe();
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);

  const logout = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await api.logout();
    } catch (e) {
      // A session that is already gone is logged out all the same.
      if (!(e instanceof ApiError && e.status === 401)) {
        announce(errorMessage(e), 'error');
        setBusy(false);
        return;
      }
    }
    set(null);
    announce('You are logged out');
    navigate('/login', { replace: true });
  };

  const org = me.organization;
  const nav: { href: string; label: string }[] = [{ href: '/settings/organization', label: 'Organization' }];
  if (org?.role === 'ADMIN') {
    nav.push(
      { href: '/organization/users', label: 'Users' },
      { href: '/organization/applications', label: 'Applications' },
      { href: '/organization/audit', label: 'Audit log' },
    );
  }
  nav.push({ href: '/settings/account', label: 'Account' });

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <div className="brand-group">
            <Link href="/" className="brand">
              <span className="brand-mark" aria-hidden="true">
                R
              </span>
              Roster
            </Link>
            <span className="brand-sep" aria-hidden="true">
              /
            </span>
            <span className="org-name" data-testid="header-org">
              {org ? org.name : 'Personal'}
            </span>
          </div>
          <nav className="app-nav" aria-label="Main">
            {nav.map((n) => (
              <Link key={n.href} href={n.href} className="nav-link" aria-current={path === n.href ? 'page' : undefined}>
                {n.label}
              </Link>
            ))}
          </nav>
          <div className="user-group">
            <span className="user-name" data-testid="header-user">
              <span className="avatar" aria-hidden="true">
                {me.user.username.charAt(0).toUpperCase()}
              </span>
              <span className="visually-hidden">Signed in as </span>
              {me.user.username}
            </span>
            <Button size="sm" variant="ghost" onClick={logout} busy={busy} busyLabel="Logging out…">
              Log out
            </Button>
          </div>
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        <EmailBanner me={me} />
        {children}
      </main>
    </>
  );
}

