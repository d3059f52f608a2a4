// "Invite user": email, username, role → Send invitation. Conflicts appear beside their field.
import { useForm } from 'react-hook-form';
import { fieldErrors, ROLES, type Role } from '../../api';
import { useAnnounce } from '../../announce';
import { Button } from '../../components';
import { useInvite } from '../../data/invitations';
import { useServerInfo } from '../../data/info';
import { InputField, SelectField } from '../../fields';
import { showServerErrors, SubmitForm, useSubmission } from '../../forms';
import { formatDuration } from '../../format';
import { Section } from '../../section';
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
  const { register, handleSubmit, reset, setError, clearErrors, formState } = useForm<InviteValues>({
    defaultValues: { email: '', username: '', role: 'USER' },
  });
  const errors = formState.errors;

  const submission = useSubmission(handleSubmit, clearErrors, async (values) => {
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
      submission.setFormError(showServerErrors(FIELDS, fieldErrors(e), setError) ? null : msg);
      announce(`Invitation not sent: ${msg}`, 'error');
    }
  });

  return (
    <Section titleId="invite-title" title="Invite user" aside={<InvitationLifetime />}>
      <SubmitForm submission={submission} className="invite-form" testId="invite-form">
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
      </SubmitForm>
    </Section>
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
