// "Remove ann from Acme?": names the person, says what happens, Escape or Cancel keeps them.
import { errorMessage, type Member } from '../../api';
import { useAnnounce } from '../../announce';
import { Alert, Button, Dialog } from '../../components';
import { useRemoveMember } from '../../data/members';
import { useOrg } from '../org/context';

interface RemoveDialogProps {
  member: Member;
  onClose: () => void;
  fallbackFocus: () => HTMLElement | null;
}

export function RemoveDialog({ member: m, onClose, fallbackFocus }: RemoveDialogProps) {
  const { orgId, orgName, fail } = useOrg();
  const announce = useAnnounce();
  const remove = useRemoveMember(orgId);
  const error = remove.isError ? errorMessage(remove.error) : null;

  const confirm = async () => {
    if (remove.isPending) return;
    try {
      await remove.mutateAsync(m);
      onClose();
      announce(`${m.username} was removed from ${orgName}`);
    } catch (e) {
      announce(`Could not remove ${m.username}: ${fail(e)}`, 'error');
    }
  };

  return (
    <Dialog
      title={`Remove ${m.username} from ${orgName}?`}
      onCancel={onClose}
      busy={remove.isPending}
      fallbackFocus={fallbackFocus}
      footer={
        <>
          <Button onClick={onClose} disabled={remove.isPending} data-autofocus>
            Cancel
          </Button>
          <Button variant="danger" onClick={() => void confirm()} busy={remove.isPending} busyLabel="Removing…">
            Remove
          </Button>
        </>
      }
    >
      <p>
        <strong>{m.username}</strong> ({m.email}) loses access to {orgName} at once: their sessions and API tokens are
        revoked. They stay in the list as REMOVED and cannot be modified afterwards.
      </p>
      {error && <Alert>{error}</Alert>}
    </Dialog>
  );
}
