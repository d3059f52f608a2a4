// One row of "Pending invitations": status, expiry, email delivery, the link when the contract
// offers it, Resend and Revoke.
import { useId } from 'react';
import { errorMessage, type EmailDelivery, type Invitation } from '../../api';
import { useAnnounce } from '../../announce';
import { Badge, Button } from '../../components';
import { useResend } from '../../data/invitations';
import { isoDate, untilExpiry } from '../../format';
import { Cell } from '../../table';
import { useOrg } from '../org/context';
import { copyText } from './copyLink';

const DELIVERY: Record<EmailDelivery, string> = {
  QUEUED: 'Queued',
  SENT: 'Sent',
  FAILED: 'Failed',
  DISABLED: 'Email off',
};

export function InvitationRow({ inv, onRevoke }: { inv: Invitation; onRevoke: () => void }) {
  const id = useId();
  const { orgId, fail } = useOrg();
  const announce = useAnnounce();
  const resend = useResend(orgId);
  const error = resend.isError ? errorMessage(resend.error) : undefined;
  const open = inv.status === 'PENDING' || inv.status === 'EXPIRED';
  const expired = inv.status === 'EXPIRED';

  const onResend = async () => {
    if (resend.isPending) return;
    try {
      const updated = await resend.mutateAsync(inv);
      announce(
        updated.email_delivery === 'DISABLED'
          ? `New invitation link created for ${inv.email}. Email is not configured: copy the link to send it.`
          : `Invitation resent to ${inv.email}. The previous link no longer works.`,
      );
    } catch (e) {
      announce(`Could not resend the invitation to ${inv.email}: ${fail(e)}`, 'error');
    }
  };

  const onCopy = async (url: string) => {
    const ok = await copyText(url);
    announce(ok ? 'Invitation link copied' : 'Could not copy: select the link text and copy it', ok ? 'success' : 'error');
  };

  return (
    <tr data-testid="invitation-row" data-email={inv.email} className={expired ? 'row-expired' : undefined}>
      <td className="cell-strong cell-email">
        {inv.email}
        {expired && (
          <p className="reason reason-warn" id={`${id}-expired`}>
            Invitation expired — resend to generate a new link
          </p>
        )}
      </td>
      <Cell label="Username">{inv.username}</Cell>
      <Cell label="Role">
        <span className="role-text">{inv.role}</span>
      </Cell>
      <Cell label="Status">
        <Badge value={inv.status} />
      </Cell>
      <Cell label="Expires" className="nowrap">
        <Expiry inv={inv} />
      </Cell>
      <Cell label="Delivery">
        <span className={`delivery delivery-${(inv.email_delivery ?? 'unknown').toLowerCase()}`}>
          {inv.email_delivery ? DELIVERY[inv.email_delivery] ?? inv.email_delivery : '—'}
        </span>
        {inv.invite_url && open && (
          <div className="invite-link">
            <code className="link-text" id={`${id}-link`} data-testid="invite-url">
              {inv.invite_url}
            </code>
            <Button size="sm" variant="ghost" onClick={() => void onCopy(inv.invite_url!)} aria-describedby={`${id}-link`}>
              Copy link
            </Button>
          </div>
        )}
      </Cell>
      <td className="cell-actions">
        {open ? (
          <div className="btn-row">
            <Button
              size="sm"
              onClick={() => void onResend()}
              busy={resend.isPending}
              busyLabel="Sending…"
              aria-label={`Resend invitation to ${inv.email}`}
              aria-describedby={expired ? `${id}-expired` : undefined}
            >
              Resend
            </Button>
            <Button
              size="sm"
              variant="danger-outline"
              onClick={onRevoke}
              disabled={resend.isPending}
              aria-label={`Revoke invitation for ${inv.email}`}
            >
              Revoke
            </Button>
          </div>
        ) : inv.status === 'ACCEPTED' ? (
          <span className="cell-muted small">Accepted invitations cannot be revoked</span>
        ) : null}
        {error && <p className="field-error">{error}</p>}
      </td>
    </tr>
  );
}

function Expiry({ inv }: { inv: Invitation }) {
  if (inv.status === 'ACCEPTED') return <span className="cell-muted">Accepted {isoDate(inv.accepted_at)}</span>;
  if (inv.status === 'REVOKED') return <span className="cell-muted">Revoked {isoDate(inv.revoked_at)}</span>;
  return (
    <>
      <time dateTime={inv.expires_at}>{isoDate(inv.expires_at)}</time>
      <div className={`small ${inv.status === 'EXPIRED' ? 'text-warn' : 'cell-muted'}`}>{untilExpiry(inv.expires_at)}</div>
    </>
  );
}
