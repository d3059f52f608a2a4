// /settings/account: who you are, "Change password" and "Sessions".
import type { Me } from '../../api';
import { usePageTitle } from '../../components';
import { ChangePasswordSection } from './ChangePasswordSection';
import { SessionsSection } from './SessionsSection';

export function AccountPage({ me }: { me: Me }) {
  usePageTitle('Settings → Account');
  const verified = me.user.email_verified !== false;
  return (
    <div className="page-medium">
      <div className="page-head">
        <p className="eyebrow">Settings</p>
        <h1>Account</h1>
      </div>
      <section className="card section" aria-labelledby="account-title">
        <h2 id="account-title" className="section-title">
          Your account
        </h2>
        <dl className="props">
          <div>
            <dt>Username</dt>
            <dd>{me.user.username}</dd>
          </div>
          <div>
            <dt>Email</dt>
            <dd data-testid="account-email">
              {me.user.email}{' '}
              <span className={`badge ${verified ? 'badge-active' : 'badge-expired'}`}>
                {verified ? 'Confirmed' : 'Not confirmed'}
              </span>
            </dd>
          </div>
        </dl>
      </section>
      <ChangePasswordSection me={me} />
      <SessionsSection />
    </div>
  );
}
