import { useState, type FormEvent } from 'react';
import { api, ApiError, errorMessage, fieldErrors, type Me } from '../api';
import { useAnnounce } from '../announce';
import { Alert, Badge, Button, TextField, usePageTitle } from '../components';
import { useFormFeedback } from '../forms';
import { useMe } from '../me';
import { Link } from '../router';

export function SettingsOrganizationPage({ me }: { me: Me }) {
  usePageTitle('Settings → Organization');
  return (
    <div className="page-narrow">
      <div className="page-head">
        <p className="eyebrow">Settings</p>
        <h1>Organization</h1>
      </div>
      {me.mode === 'organization' && me.organization ? <OrganizationSummary me={me} /> : <ActivateOrganization me={me} />}
    </div>
  );
}

function OrganizationSummary({ me }: { me: Me }) {
  const org = me.organization!;
  const admin = org.role === 'ADMIN';
  return (
    <section className="card" aria-labelledby="org-summary">
      <h2 id="org-summary" className="section-title">
        Your organization
      </h2>
      <dl className="props">
        <div>
          <dt>Name</dt>
          <dd data-testid="org-name">{org.name}</dd>
        </div>
        <div>
          <dt>Your role</dt>
          <dd>
            <Badge value={org.role} />
          </dd>
        </div>
      </dl>
      {admin ? (
        <div className="card-actions">
          <Link href="/organization/users" className="btn btn-primary">
            Open user management
          </Link>
          <p className="hint">Invite users, change roles, manage pending invitations and remove members.</p>
        </div>
      ) : (
        <Alert tone="info" title="User management requires the ADMIN role">
          <p>To invite or manage users, request admin role from current admin.</p>
        </Alert>
      )}
    </section>
  );
}

function ActivateOrganization({ me }: { me: Me }) {
  const { reload } = useMe();
  const [unverified, setUnverified] = useState(false);
  const announce = useAnnounce();
  const { form, busy, setBusy, error, fields, start, show } = useFormFeedback();
  const [name, setName] = useState('');

  const submit = async (e: FormEvent) => {
    if (!start(e)) return;
    setUnverified(false);
    const trimmed = name.trim();
    if (trimmed.length < 2 || trimmed.length > 64) {
      show({ name: 'Organization name must be 2 to 64 characters' }, null);
      return;
    }
    setBusy(true);
    try {
      const org = await api.activateOrganization(trimmed);
      announce(`Organization ${org.name} is active. You are its admin.`);
      await reload();
    } catch (err) {
      const f = fieldErrors(err);
      const msg = errorMessage(err);
      const code = err instanceof ApiError ? err.code : '';
      setUnverified(code === 'email_unverified');
      show(f, Object.keys(f).length || code === 'email_unverified' ? null : msg);
      announce(msg, 'error');
      // The page was out of date (joined elsewhere, or the address is not confirmed after all).
      if (code === 'already_in_organization' || code === 'email_unverified') await reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="activate-title">
      <h2 id="activate-title" className="section-title">
        Activate organization mode
      </h2>
      <p className="muted">
        You are in personal mode. Create an organization with a unique name to invite users, assign roles and manage
        access. You become its first admin.
      </p>
      {me.user.email_verified === false && !unverified && (
        <p className="hint" data-testid="activation-needs-email">
          Activation needs a confirmed email address: open the link we sent to {me.user.email}.
        </p>
      )}
      <form ref={form} onSubmit={submit} noValidate className="stack">
        {unverified && (
          <Alert tone="warning" title="Confirm your email address first">
            <p data-testid="email-unverified">
              Activating an organization needs a confirmed email address. Open the link we sent to {me.user.email}, or
              choose Resend above to get a new one.
            </p>
          </Alert>
        )}
        {error && <Alert>{error}</Alert>}
        <TextField
          label="Organization name"
          value={name}
          onValue={setName}
          error={fields.name}
          hint="2 to 64 characters, unique"
          autoComplete="organization"
          maxLength={64}
          required
        />
        <div>
          <Button type="submit" variant="primary" busy={busy} busyLabel="Activating…">
            Activate organization
          </Button>
        </div>
      </form>
    </section>
  );
}
