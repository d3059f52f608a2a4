// "Revoke the invitation for bob@example.com?": the link stops working once confirmed.
import { errorMessage, type Invitation } from '../../api';
import { useAnnounce } from '../../announce';
import { Alert, Button, Dialog } from '../../components';
import { useRevoke } from '../../data/invitations';
import { useOrg } from '../org/context';

interface RevokeDialogProps {
  invitation: Invitation;
  onClose: () => void;
  fallbackFocus: () => HTMLElement | null;
}

export function RevokeDialog({ invitation: inv, onClose, fallbackFocus }: RevokeDialogProps) {
  const { orgId, fail } = useOrg();
  const announce = useAnnounce();
  const revoke = useRevoke(orgId);
  const error = revoke.isError ? errorMessage(revoke.error) : null;

  const confirm = async () => {
    if (revoke.isPending) return;
    try {
      await revoke.mutateAsync(inv);
      onClose();
      announce(`Invitation for ${inv.email} was revoked`);
    } catch (e) {
      announce(`Could not revoke the invitation for ${inv.email}: ${fail(e)}`, 'error');
    }
  };

  return (
    <Dialog
      title={`Revoke the invitation for ${inv.email}?`}
      onCancel={onClose}
      busy={revoke.isPending}
      fallbackFocus={fallbackFocus}
      footer={
        <>
          <Button onClick={onClose} disabled={revoke.isPending} data-autofocus>
            Cancel
          </Button>
          <Button variant="danger" onClick={() => void confirm()} busy={revoke.isPending} busyLabel="Revoking…">
            Revoke
          </Button>
        </>
      }
    >
      <p>
        The invitation link sent to <strong>{inv.email}</strong> ({inv.username}, {inv.role}) stops working immediately.
      </p>
      {error && <Alert>{error}</Alert>}
    </Dialog>
  );
}
