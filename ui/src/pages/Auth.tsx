import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api, errorMessage, fieldErrors } from '../api';
import { useAnnounce } from '../announce';
import { Alert, Button, focusFirstError, TextField, usePageTitle } from '../components';
import { useMe } from '../me';
import { Link, navigate } from '../router';

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

// A same-origin path to go back to after signing in (e.g. an OpenID Connect authorize URL):
// "/..." but never "//..." or "/\..." (another host).
function localReturnTo(): string | null {
  const value = new URLSearchParams(window.location.search).get('return_to');
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  return value;
}

export function LoginPage() {
  usePageTitle('Log in');
  const [notice] = useState(() => NOTICES[new URLSearchParams(window.location.search).get('notice') ?? ''] ?? null);
  const { set } = useMe();
  const announce = useAnnounce();
  const form = useRef<HTMLFormElement>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const me = await api.login({ email: email.trim(), password });
      set(me);
      announce(`Logged in as ${me.user.username}`);
      const returnTo = localReturnTo();
      if (returnTo) window.location.assign(returnTo);
      else navigate('/', { replace: true });
    } catch (err) {
      const msg = errorMessage(err);
      setError(msg);
      setFields(fieldErrors(err));
      announce(msg, 'error');
      focusFirstError(form.current);
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
  const form = useRef<HTMLFormElement>(null);
  const [email, setEmail] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const me = await api.signup({ email: email.trim(), username: username.trim(), password });
      set(me);
      announce(`Welcome, ${me.user.username}. Your account is ready.`);
      navigate('/', { replace: true });
    } catch (err) {
      const f = fieldErrors(err);
      const msg = errorMessage(err);
      setFields(f);
      // A conflict that belongs to a field is shown beside it only.
      setError(Object.keys(f).length ? null : msg);
      announce(msg, 'error');
      focusFirstError(form.current);
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
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          value={password}
          onValue={setPassword}
          error={fields.password}
          hint="8 to 256 characters"
          required
        />
        <Button type="submit" variant="primary" busy={busy} busyLabel="Creating account…" className="btn-block">
          Sign up
        </Button>
      </form>
    </AuthLayout>
  );
}
