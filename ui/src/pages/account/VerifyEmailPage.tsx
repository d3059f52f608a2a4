// /verify-email/{token}: the link a signup mails. Opening it confirms the address (once).
import { useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../../api';
import { useAnnounce } from '../../announce';
import { Alert, usePageTitle } from '../../components';
import { useVerifyEmail } from '../../data/account';
import { useMe } from '../../me';
import { Link } from '../../router';
import { AuthLayout } from '../Auth';
import { ResendVerificationButton } from './ResendButton';

const MSG_OK = 'Your email address is confirmed.';
const MSG_GONE = 'This confirmation link is no longer valid: it was already used, replaced by a newer one, or it expired.';

type Result = { status: 'pending' } | { status: 'ok' } | { status: 'gone' } | { status: 'error'; message: string };

export function VerifyEmailPage({ token }: { token: string }) {
  usePageTitle('Confirm your email address');
  const verify = useVerifyEmail();
  const announce = useAnnounce();
  const { reload } = useMe();
  const [result, setResult] = useState<Result>({ status: 'pending' });
  // A used token answers 410: the link is sent once, also when React mounts the page twice.
  const sent = useRef(false);

  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    verify
      .mutateAsync(token)
      .then(
        () => {
          setResult({ status: 'ok' });
          announce(MSG_OK);
        },
        (e: unknown) => {
          const gone = e instanceof ApiError && e.code === 'link_invalid';
          setResult(gone ? { status: 'gone' } : { status: 'error', message: errorMessage(e) });
          announce(gone ? MSG_GONE : errorMessage(e), 'error');
        },
      )
      // Who is signed in here (if anyone), with the address's new state.
      .finally(() => void reload());
  }, [token, verify, announce, reload]);

  if (result.status === 'pending') {
    return (
      <AuthLayout title="Confirm your email address">
        <p className="muted" aria-busy="true">
          Confirming your email address…
        </p>
      </AuthLayout>
    );
  }
  if (result.status === 'ok') {
    return (
      <AuthLayout title="Email address confirmed">
        <Alert tone="success">
          <p data-testid="verify-message">{MSG_OK}</p>
        </Alert>
        <NextStep />
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title={result.status === 'gone' ? 'Link no longer valid' : 'Email address not confirmed'}>
      <Alert tone={result.status === 'gone' ? 'warning' : 'error'}>
        <p data-testid="verify-message">{result.status === 'gone' ? MSG_GONE : result.message}</p>
      </Alert>
      <GetNewLink />
    </AuthLayout>
  );
}

function NextStep() {
  const { state } = useMe();
  if (state.status === 'loading' || state.status === 'idle') return null;
  return (
    <p className="card-links">
      {state.status === 'ok' ? (
        <Link href="/" className="btn btn-primary">
          Continue to Roster
        </Link>
      ) : (
        <Link href="/login" className="btn btn-primary">
          Log in
        </Link>
      )}
    </p>
  );
}

// Signed in: Resend here. Signed out: log in, then Resend in the banner.
function GetNewLink() {
  const { state } = useMe();
  if (state.status === 'loading' || state.status === 'idle') return null;
  if (state.status !== 'ok') {
    return (
      <p className="card-links">
        <Link href="/login">Log in</Link> to get a new link: the banner at the top of each page offers Resend.
      </p>
    );
  }
  if (state.me.user.email_verified !== false) {
    return (
      <p className="card-links">
        Your email address is already confirmed.{' '}
        <Link href="/" className="btn btn-primary">
          Continue to Roster
        </Link>
      </p>
    );
  }
  return (
    <div className="card-links stack">
      <p>Get a new link, sent to {state.me.user.email}:</p>
      <ResendVerificationButton />
    </div>
  );
}
