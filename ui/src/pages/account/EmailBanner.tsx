// Shown on every signed-in page while the account's email address is not confirmed.
import type { Me } from '../../api';
import { ResendVerificationButton } from './ResendButton';

export function EmailBanner({ me }: { me: Me }) {
  if (me.user.email_verified !== false) return null;
  return (
    <div className="banner" data-testid="email-banner">
      <p>Confirm your email address: we sent you a link.</p>
      <ResendVerificationButton />
    </div>
  );
}
