// "Remove ann from Acme?": names the person, says what happens, Escape or Cancel keeps them.
import type { Member } from '../../api';
import { ConfirmDialog, type DialogHandlers } from '../../confirm';
import { useRemoveMember } from '../../data/members';
import { useOrg } from '../org/context';

export function RemoveDialog({ member: m, onClose, fallbackFocus }: DialogHandlers & { member: Member }) {
  const { orgId, orgName, fail } = useOrg();
  const remove = useRemoveMember(orgId);
  return (
    <ConfirmDialog
      title={`Remove ${m.username} from ${orgName}?`}
      confirmLabel="Remove"
      busyLabel="Removing…"
      mutation={remove}
      run={async () => {
        await remove.mutateAsync(m);
        return `${m.username} was removed from ${orgName}`;
      }}
      failure={(e) => `Could not remove ${m.username}: ${fail(e)}`}
      onClose={onClose}
      fallbackFocus={fallbackFocus}
    >
      <p>
        <strong>{m.username}</strong> ({m.email}) loses access to {orgName} at once: their sessions and API tokens are
        revoked. They stay in the list as REMOVED and cannot be modified afterwards.
      </p>
    </ConfirmDialog>
  );
}
