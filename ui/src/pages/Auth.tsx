import { useState, type FormEvent, type ReactNode } from 'react';
import { api, errorMessage, fieldErrors } from '../api';
import { useAnnounce } from '../announce';
import { Alert, Button, TextField, usePageTitle } from '../components';
import { NewPasswordField, useFormFeedback } from '../forms';
import { useMe } from '../me';
import { Link, navigate } from '../router';
import { useQueryClient } from '@tanstack/react-query';
import { keys } from '../data/keys';
import { returnToOfPage } from '../returnTo';

export function AuthLayout({ title, subtitle, children, footer }: { title: string; subtitle?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <main className="auth-page" id="main">
      <div className="auth-brand">
        <span className="brand-mark brand-mark-lg" aria-hidden="true">
          R
        </span>
        <span className="auth-brand-name">Roster</span>
      </div>
      <div className="card auth-card">
        <h1 className="card-title">{title}</h1>
        {subtitle && <div className="card-subtitle">{subtitle}</div>}
        {children}
      </div>
      {footer && <p className="auth-footer">{footer}</p>}
    </main>
  );
}

// Notices other pages leave for the login page (/login?notice=...).
const NOTICES: Record<string, string> = {
  'password-changed': 'Your password was changed. Sign in with the new one.',
};

export function LoginPage() {
  usePageTitle('Log in');
  const [notice] = useState(() => NOTICES[new URLSearchParams(window.location.search).get('notice') ?? ''] ?? null);
  const { set } = useMe();
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const { form, busy, setBusy, error, fields, start, show } = useFormFeedback();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  // Back to where the sign-in was asked for (an application behind forward auth, a sign-in flow).
  const returnTo = async (): Promise<string | null> => {
    if (!new URLSearchParams(window.location.search).has('return_to')) return null;
    const info = await queryClient
      .fetchQuery({ queryKey: keys.info, queryFn: api.info, staleTime: Infinity })
      .catch(() => null);
    return returnToOfPage(info?.allowed_return_hosts ?? []);
  };

  const submit = async (e: FormEvent) => {
    if (!start(e)) return;
    setBusy(true);
    try {
      const me = await api.login({ email: email.trim(), password });
      set(me);
      announce(`Logged in as ${me.user.username}`);
      const back = await returnTo();
      if (back) window.location.assign(back);
      else navigate('/', { replace: true });
    } catch (err) {
      const msg = errorMessage(err);
      show(fieldErrors(err), msg);
      announce(msg, 'error');
      setBusy(false);
    }
  };

  return (
    <AuthLayout
      title="Log in to Roster"
      footer={
        <>
          New to Roster? <Link href="/signup">Create an account</Link>
        </>
      }
    >
      <form ref={form} onSubmit={submit} noValidate className="stack">
        {notice && !error && (
          <Alert tone="success">
            <p data-testid="login-notice">{notice}</p>
          </Alert>
        )}
        {error && <Alert>{error}</Alert>}
        <TextField label="Email" type="email" autoComplete="email" value={email} onValue={setEmail} error={fields.email} required />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onValue={setPassword}
          error={fields.password}
          required
        />
        <p className="forgot-link">
          <Link href="/forgot-password">Forgot password?</Link>
        </p>
        <Button type="submit" variant="primary" busy={busy} busyLabel="Logging in…" className="btn-block">
          Log in
        </Button>
      </form>
    </AuthLayout>
  );
}

export function SignupPage() {
  usePageTitle('Sign up');
  const { set } = useMe();
  const announce = useAnnounce();
  const { form, busy, setBusy, error, fields, start, show } = useFormFeedback();
  const [email, setEmail] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  const submit = async (e: FormEvent) => {
    if (!start(e)) return;
    setBusy(true);
    try {
      const me = await api.signup({ email: email.trim(), username: username.trim(), password });
      set(me);
      announce(`Welcome, ${me.user.username}. Your account is ready.`);
      navigate('/', { replace: true });
    } catch (err) {
      const f = fieldErrors(err);
      const msg = errorMessage(err);
      // A conflict that belongs to a field is shown beside it only.
      show(f, Object.keys(f).length ? null : msg);
      announce(msg, 'error');
      setBusy(false);
    }
  };

  return (
    <AuthLayout
      title="Create your account"
      subtitle="Start in personal mode; you can activate an organization later."
      footer={
        <>
          Already have an account? <Link href="/login">Log in</Link>
        </>
      }
    >
      <form ref={form} onSubmit={submit} noValidate className="stack">
        {error && <Alert>{error}</Alert>}
        <TextField label="Email" type="email" autoComplete="email" value={email} onValue={setEmail} error={fields.email} required />
        <TextField
          label="Username"
          autoComplete="username"
          value={username}
          onValue={setUsername}
          error={fields.username}
          hint="3–32 letters, digits, dots, dashes or underscores"
          required
        />
        <NewPasswordField value={password} onValue={setPassword} error={fields.password} />
        <Button type="submit" variant="primary" busy={busy} busyLabel="Creating account…" className="btn-block">
          Sign up
        </Button>
      </form>
    </AuthLayout>
  );
}
