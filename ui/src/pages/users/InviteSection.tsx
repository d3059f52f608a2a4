// "Invite user": email, username, role → Send invitation. Conflicts appear beside their field.
import { useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { fieldErrors, ROLES, type Role } from '../../api';
import { useAnnounce } from '../../announce';
import { Alert, Button } from '../../components';
import { useInvite } from '../../data/invitations';
import { useServerInfo } from '../../data/info';
import { InputField, SelectField } from '../../fields';
import { formatDuration } from '../../format';
import { useOrg } from '../org/context';

interface InviteValues {
  email: string;
  username: string;
  role: Role;
}

const FIELDS = ['email', 'username', 'role'] as const;
const required = (message: string) => (v: string) => v.trim() !== '' || message;

export function InviteSection() {
  const { orgId, fail } = useOrg();
  const announce = useAnnounce();
  const invite = useInvite(orgId);
  const [error, setFormError] = useState<string | null>(null);
  const busy = useRef(false);
  const { register, handleSubmit, reset, setError, clearErrors, formState } = useForm<InviteValues>({
    defaultValues: { email: '', username: '', role: 'USER' },
  });
  const errors = formState.errors;

  const send = async (values: InviteValues) => {
    busy.current = true;
    setFormError(null);
    clearErrors();
    try {
      const inv = await invite.mutateAsync({ email: values.email.trim(), username: values.username.trim(), role: values.role });
      reset();
      announce(
        inv.email_delivery === 'DISABLED'
          ? `Invitation created for ${inv.email} as ${inv.role}. Email is not configured: copy the link from Pending invitations.`
          : `Invitation sent to ${inv.email} as ${inv.role}`,
      );
    } catch (e) {
      const msg = fail(e);
      const byField = fieldErrors(e);
      const known = FIELDS.filter((f) => byField[f]);
      known.forEach((f, i) => setError(f, { type: 'server', message: byField[f] }, { shouldFocus: i === 0 }));
      setFormError(known.length ? null : msg);
      announce(`Invitation not sent: ${msg}`, 'error');
    } finally {
      busy.current = false;
    }
  };

  return (
    <section className="card section" aria-labelledby="invite-title">
      <div className="section-head">
        <h2 id="invite-title" className="section-title">
          Invite user
        </h2>
        <InvitationLifetime />
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy.current) void handleSubmit(send)(e);
        }}
        noValidate
        className="invite-form"
        data-testid="invite-form"
      >
        {error && <Alert>{error}</Alert>}
        <div className="invite-grid">
          <InputField
            id="invite-email"
            label="Email"
            type="email"
            error={errors.email?.message}
            autoComplete="off"
            placeholder="name@example.com"
            required
            {...register('email', { validate: required('Email is required') })}
          />
          <InputField
            id="invite-username"
            label="Username"
            error={errors.username?.message}
            autoComplete="off"
            spellCheck={false}
            required
            {...register('username', { validate: required('Username is required') })}
          />
          <SelectField id="invite-role" label="Role" className="field-role" error={errors.role?.message} {...register('role')}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </SelectField>
          <div className="field field-submit">
            <Button type="submit" variant="primary" busy={invite.isPending} busyLabel="Sending…">
              Send invitation
            </Button>
          </div>
        </div>
      </form>
    </section>
  );
}

// The guide's "Invitation links expire after 7 days", with the server's configured lifetime.
function InvitationLifetime() {
  const info = useServerInfo();
  const ttl = info.data?.invitation_ttl_seconds;
  return (
    <p className="muted small" data-testid="invitation-lifetime">
      {ttl ? `Invitation links expire after ${formatDuration(ttl)}.` : '\u00a0'}
    </p>
  );
}
