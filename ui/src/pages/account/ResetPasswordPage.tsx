// /reset-password/{token}: the mailed link; a new password ends every session of the account.
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { ApiError, errorMessage, fieldErrors } from '../../api';
import { useAnnounce } from '../../announce';
import { Alert, Button, usePageTitle } from '../../components';
import { useResetPassword } from '../../data/account';
import { InputField } from '../../fields';
import { SubmitForm, useSubmission } from '../../forms';
import { useMe } from '../../me';
import { Link, navigate } from '../../router';
import { AuthLayout } from '../Auth';
import { passwordRule } from './passwordRule';

const MSG_GONE = 'This password reset link is no longer valid: it was already used, replaced by a newer one, or it expired.';

export function ResetPasswordPage({ token }: { token: string }) {
  usePageTitle('Choose a new password');
  const { set } = useMe();
  const announce = useAnnounce();
  const reset = useResetPassword(token);
  const [gone, setGone] = useState(false);
  const { register, handleSubmit, setError, clearErrors, formState } = useForm<{ password: string }>({
    defaultValues: { password: '' },
  });

  const submission = useSubmission(handleSubmit, clearErrors, async ({ password }) => {
    try {
      await reset.mutateAsync(password);
      // Every session of the account has ended, this browser's too.
      set(null);
      announce('Your password was changed. Sign in with the new one.');
      navigate('/login?notice=password-changed', { replace: true });
    } catch (e) {
      const msg = errorMessage(e);
      announce(`Password not set: ${msg}`, 'error');
      if (e instanceof ApiError && e.code === 'link_invalid') return setGone(true);
      const byField = fieldErrors(e);
      if (byField.password) setError('password', { type: 'server', message: byField.password }, { shouldFocus: true });
      else submission.setFormError(msg);
    }
  });

  if (gone) {
    return (
      <AuthLayout title="Link no longer valid">
        <Alert tone="warning">
          <p data-testid="reset-message">{MSG_GONE}</p>
        </Alert>
        <p className="card-links">
          <Link href="/forgot-password" className="btn btn-primary">
            Ask for a new link
          </Link>
        </p>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="Choose a new password" subtitle="Once it is set, every session of your account ends: sign in again with the new password.">
      <SubmitForm submission={submission} className="stack">
        <InputField
          id="reset-password"
          label="New password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          maxLength={256}
          error={formState.errors.password?.message}
          hint="8 to 256 characters"
          {...register('password', passwordRule)}
        />
        <Button type="submit" variant="primary" busy={reset.isPending} busyLabel="Saving…" className="btn-block">
          Set password
        </Button>
      </SubmitForm>
    </AuthLayout>
  );
}
