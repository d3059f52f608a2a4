// "Change password": current and new password; every other session ends when it changes.
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { ApiError, errorMessage, fieldErrors, type Me } from '../../api';
import { useAnnounce } from '../../announce';
import { Alert, Button } from '../../components';
import { useChangePassword } from '../../data/account';
import { InputField } from '../../fields';
import { showServerErrors, SubmitForm, useSubmission } from '../../forms';
import { passwordRule } from './passwordRule';

interface PasswordValues {
  current_password: string;
  new_password: string;
}

const FIELDS = ['current_password', 'new_password'] as const;
const MSG_CHANGED = 'Password changed. Other sessions were signed out.';
const MSG_WRONG = 'The current password is incorrect';

export function ChangePasswordSection({ me }: { me: Me }) {
  const announce = useAnnounce();
  const change = useChangePassword();
  const [done, setDone] = useState(false);
  const { register, handleSubmit, reset, setError, clearErrors, formState } = useForm<PasswordValues>({
    defaultValues: { current_password: '', new_password: '' },
  });
  const errors = formState.errors;

  const submission = useSubmission(handleSubmit, clearErrors, async (values) => {
    setDone(false);
    try {
      await change.mutateAsync(values);
      reset();
      setDone(true);
      announce(MSG_CHANGED);
    } catch (e) {
      const wrong = e instanceof ApiError && e.code === 'invalid_credentials';
      const msg = wrong ? MSG_WRONG : errorMessage(e);
      const byField: Record<string, string> = wrong ? { current_password: MSG_WRONG } : fieldErrors(e);
      submission.setFormError(showServerErrors(FIELDS, byField, setError) ? null : msg);
      announce(`Password not changed: ${msg}`, 'error');
    }
  });

  return (
    <section className="card section" aria-labelledby="password-title">
      <h2 id="password-title" className="section-title">
        Change password
      </h2>
      <SubmitForm submission={submission} className="stack password-form">
        {done && (
          <Alert tone="success">
            <p data-testid="password-changed">{MSG_CHANGED}</p>
          </Alert>
        )}
        {/* Lets password managers store the new password under this account. */}
        <input type="email" name="username" autoComplete="username" value={me.user.email} readOnly hidden />
        <InputField
          id="current-password"
          label="Current password"
          type="password"
          autoComplete="current-password"
          required
          error={errors.current_password?.message}
          {...register('current_password', { validate: (v) => v !== '' || 'Current password is required' })}
        />
        <InputField
          id="new-password"
          label="New password"
          type="password"
          autoComplete="new-password"
          required
          maxLength={256}
          hint="8 to 256 characters"
          error={errors.new_password?.message}
          {...register('new_password', passwordRule)}
        />
        <div>
          <Button type="submit" variant="primary" busy={change.isPending} busyLabel="Saving…">
            Change password
          </Button>
        </div>
      </SubmitForm>
    </section>
  );
}
