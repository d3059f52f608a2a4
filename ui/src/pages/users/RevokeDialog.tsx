// "Revoke the invitation for bob@example.com?": the link stops working once confirmed.
import type { Invitation } from '../../api';
import { ConfirmDialog, type DialogHandlers } from '../../confirm';
import { useRevoke } from '../../data/invitations';
import { useOrg } from '../org/context';

export function RevokeDialog({ invitation: inv, onClose, fallbackFocus }: DialogHandlers & { invitation: Invitation }) {
  const { orgId, fail } = useOrg();
  const revoke = useRevoke(orgId);
  return (
    <ConfirmDialog
      title={`Revoke the invitation for ${inv.email}?`}
      confirmLabel="Revoke"
      busyLabel="Revoking…"
      mutation={revoke}
      run={async () => {
        await revoke.mutateAsync(inv);
        return `Invitation for ${inv.email} was revoked`;
      }}
      failure={(e) => `Could not revoke the invitation for ${inv.email}: ${fail(e)}`}
      onClose={onClose}
      fallbackFocus={fallbackFocus}
    >
      <p>
        The invitation link sent to <strong>{inv.email}</strong> ({inv.username}, {inv.role}) stops working immediately.
      </p>
    </ConfirmDialog>
  );
}
