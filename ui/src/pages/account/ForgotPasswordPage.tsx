// /forgot-password: asks for a reset link. The answer is the same whether or not the email has
// an account, so the page never tells which emails are registered.
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { ApiError, errorMessage, fieldErrors } from '../../api';
import { useAnnounce } from '../../announce';
import { Alert, Button, usePageTitle } from '../../components';
import { useRequestPasswordReset } from '../../data/account';
import { InputField } from '../../fields';
import { SubmitForm, useSubmission } from '../../forms';
import { Link } from '../../router';
import { AuthLayout } from '../Auth';

export const MSG_RESET_SENT = 'If an account exists for that email, we sent a link to reset its password.';
const MSG_TOO_MANY = 'Too many requests, try again later';

export function ForgotPasswordPage() {
  usePageTitle('Forgot password');
  const announce = useAnnounce();
  const send = useRequestPasswordReset();
  const [sent, setSent] = useState(false);
  const { register, handleSubmit, setError, clearErrors, formState } = useForm<{ email: string }>({
    defaultValues: { email: '' },
  });

  const submission = useSubmission(handleSubmit, clearErrors, async ({ email }) => {
    try {
      await send.mutateAsync(email.trim());
      setSent(true);
      announce(MSG_RESET_SENT);
    } catch (e) {
      const msg = e instanceof ApiError && e.code === 'rate_limited' ? MSG_TOO_MANY : errorMessage(e);
      const byField = fieldErrors(e);
      if (byField.email) setError('email', { type: 'server', message: byField.email }, { shouldFocus: true });
      else submission.setFormError(msg);
      announce(msg, 'error');
    }
  });

  const footer = (
    <>
      Remembered it? <Link href="/login">Log in</Link>
    </>
  );
  if (sent) {
    return (
      <AuthLayout title="Check your email" footer={footer}>
        <Alert tone="info">
          <p data-testid="reset-sent">{MSG_RESET_SENT}</p>
        </Alert>
        <p className="hint card-links">The link works once and expires after a while. No email? Check the address and try again.</p>
        <p className="card-links">
          <Button size="sm" onClick={() => setSent(false)}>
            Use another email
          </Button>
        </p>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout
      title="Reset your password"
      subtitle="Enter the email of your account and we will send you a link to choose a new password."
      footer={footer}
    >
      <SubmitForm submission={submission} className="stack">
        <InputField
          id="forgot-email"
          label="Email"
          type="email"
          autoComplete="email"
          required
          error={formState.errors.email?.message}
          {...register('email', { validate: (v) => v.trim() !== '' || 'Email is required' })}
        />
        <Button type="submit" variant="primary" busy={send.isPending} busyLabel="Sending…" className="btn-block">
          Send reset link
        </Button>
      </SubmitForm>
    </AuthLayout>
  );
}
