import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, ApiError, errorMessage, fieldErrors, type PublicInvitation } from '../api';
import { useAnnounce } from '../announce';
import { Alert, Badge, Button, usePageTitle } from '../components';
import { NewPasswordField, useFormFeedback } from '../forms';
import { isoDate, untilExpiry } from '../format';
import { useMe } from '../me';
import { Link, navigate } from '../router';
import { AuthLayout } from './Auth';

const MSG_EXPIRED = 'This invitation has expired. Ask an admin to resend it.';
const MSG_REVOKED = 'This invitation was revoked.';
const MSG_ACCEPTED = 'This invitation was already accepted. Log in.';
const MSG_NOT_FOUND = 'This invitation link is not valid (it may have been replaced by a newer one).';

type Load =
  | { status: 'loading' }
  | { status: 'ok'; inv: PublicInvitation }
  | { status: 'gone'; message: string; login?: boolean }
  | { status: 'error'; message: string };

export function InvitePage({ token }: { token: string }) {
  usePageTitle('Accept invitation');
  const [load, setLoad] = useState<Load>({ status: 'loading' });

  const fetchInvitation = useCallback(async () => {
    try {
      const inv = await api.invitationByToken(token);
      if (inv.status === 'EXPIRED') setLoad({ status: 'gone', message: MSG_EXPIRED });
      else if (inv.status === 'REVOKED') setLoad({ status: 'gone', message: MSG_REVOKED });
      else if (inv.status === 'ACCEPTED') setLoad({ status: 'gone', message: MSG_ACCEPTED, login: true });
      else setLoad({ status: 'ok', inv });
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setLoad({ status: 'gone', message: MSG_NOT_FOUND });
      else setLoad({ status: 'error', message: errorMessage(e) });
    }
  }, [token]);

  useEffect(() => {
    void fetchInvitation();
  }, [fetchInvitation]);

  if (load.status === 'loading') {
    return (
      <AuthLayout title="Accept invitation">
        <p className="muted" aria-busy="true">
          Loading invitation…
        </p>
      </AuthLayout>
    );
  }
  if (load.status === 'gone' || load.status === 'error') {
    return (
      <AuthLayout title="Invitation unavailable">
        <Alert tone={load.status === 'error' ? 'error' : 'warning'}>
          <p data-testid="invite-message">{load.message}</p>
        </Alert>
        <p className="card-links">
          <Link href="/login" className={load.status === 'gone' && load.login ? 'btn btn-primary' : undefined}>
            Log in
          </Link>
        </p>
      </AuthLayout>
    );
  }
  return <AcceptForm token={token} inv={load.inv} onGone={(message, login) => setLoad({ status: 'gone', message, login })} />;
}

function AcceptForm({
  token,
  inv,
  onGone,
}: {
  token: string;
  inv: PublicInvitation;
  onGone: (message: string, login?: boolean) => void;
}) {
  const { set } = useMe();
  const announce = useAnnounce();
  const { form, busy, setBusy, error, fields, start, show } = useFormFeedback();
  const [password, setPassword] = useState('');

  const submit = async (e: FormEvent) => {
    if (!start(e)) return;
    if (password.length < 8 || password.length > 256) {
      show({ password: 'Password must be 8 to 256 characters' }, null);
      return;
    }
    setBusy(true);
    try {
      const me = await api.acceptInvitation(token, password);
      set(me);
      announce(`Welcome to ${inv.organization.name}, ${me.user.username}`);
      navigate('/', { replace: true });
    } catch (err) {
      const code = err instanceof ApiError ? err.code : '';
      const msg = errorMessage(err);
      announce(msg, 'error');
      setBusy(false);
      if (code === 'invitation_expired') return onGone(MSG_EXPIRED);
      if (code === 'invitation_revoked') return onGone(MSG_REVOKED);
      if (code === 'invitation_accepted') return onGone(MSG_ACCEPTED, true);
      if (err instanceof ApiError && err.status === 404) return onGone(MSG_NOT_FOUND);
      const f = fieldErrors(err);
      show(f.password ? { password: f.password } : {}, f.password ? null : msg);
    }
  };

  return (
    <AuthLayout
      title={`Join ${inv.organization.name}`}
      subtitle="You were invited to Roster. Choose a password to accept the invitation."
    >
      <dl className="props props-compact" data-testid="invite-details">
        <div>
          <dt>Organization</dt>
          <dd>{inv.organization.name}</dd>
        </div>
        <div>
          <dt>Email</dt>
          <dd>{inv.email}</dd>
        </div>
        <div>
          <dt>Username</dt>
          <dd>{inv.username}</dd>
        </div>
        <div>
          <dt>Role</dt>
          <dd>
            <Badge value={inv.role} />
          </dd>
        </div>
        <div>
          <dt>Expires</dt>
          <dd>
            {isoDate(inv.expires_at)} <span className="muted">({untilExpiry(inv.expires_at)})</span>
          </dd>
        </div>
      </dl>
      <form ref={form} onSubmit={submit} noValidate className="stack">
        {error && <Alert>{error}</Alert>}
        {/* Lets password managers store the new credential under the invited email. */}
        <input type="email" name="email" autoComplete="username" value={inv.email} readOnly hidden />
        <NewPasswordField value={password} onValue={setPassword} error={fields.password} minLength={8} maxLength={256} />
        <Button type="submit" variant="primary" busy={busy} busyLabel="Accepting…" className="btn-block">
          Accept invitation
        </Button>
      </form>
    </AuthLayout>
  );
}
