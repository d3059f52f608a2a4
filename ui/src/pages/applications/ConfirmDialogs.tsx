// The two confirmations: rotating a secret (the old one stops working at once; the new one
// shows in the secret panel) and deleting an application (its sign-ins and tokens end).
import type { Application, ApplicationWithSecret } from '../../api';
import { errorMessage } from '../../api';
import { useAnnounce } from '../../announce';
import { Alert, Button, Dialog } from '../../components';
import { useDeleteApplication, useRotateSecret } from '../../data/applications';
import { useOrg } from '../org/context';

interface Props {
  app: Application;
  onClose: () => void;
  fallbackFocus: () => HTMLElement | null;
}

export function RotateDialog({ app, onClose, fallbackFocus, onRotated }: Props & { onRotated: (a: ApplicationWithSecret) => void }) {
  const { orgId, fail } = useOrg();
  const announce = useAnnounce();
  const rotate = useRotateSecret(orgId);
  const confirm = async () => {
    if (rotate.isPending) return;
    try {
      const rotated = await rotate.mutateAsync(app);
      onClose();
      onRotated(rotated);
      announce(`New secret issued for ${app.name}. The old secret no longer works.`);
    } catch (e) {
      announce(`Could not rotate the secret of ${app.name}: ${fail(e)}`, 'error');
    }
  };
  return (
    <Dialog
      title={`Rotate the secret of ${app.name}?`}
      onCancel={onClose}
      busy={rotate.isPending}
      fallbackFocus={fallbackFocus}
      footer={
        <>
          <Button onClick={onClose} disabled={rotate.isPending} data-autofocus>
            Cancel
          </Button>
          <Button variant="danger" onClick={() => void confirm()} busy={rotate.isPending} busyLabel="Rotating…">
            Rotate secret
          </Button>
        </>
      }
    >
      <p>
        The current secret of <strong>{app.name}</strong> stops working immediately. The new secret is shown once; put
        it into the application's configuration.
      </p>
      {rotate.isError && <Alert>{errorMessage(rotate.error)}</Alert>}
    </Dialog>
  );
}

export function DeleteDialog({ app, onClose, fallbackFocus }: Props) {
  const { orgId, fail } = useOrg();
  const announce = useAnnounce();
  const remove = useDeleteApplication(orgId);
  const confirm = async () => {
    if (remove.isPending) return;
    try {
      await remove.mutateAsync(app);
      onClose();
      announce(`Application ${app.name} was deleted`);
    } catch (e) {
      announce(`Could not delete ${app.name}: ${fail(e)}`, 'error');
    }
  };
  return (
    <Dialog
      title={`Delete ${app.name}?`}
      onCancel={onClose}
      busy={remove.isPending}
      fallbackFocus={fallbackFocus}
      footer={
        <>
          <Button onClick={onClose} disabled={remove.isPending} data-autofocus>
            Cancel
          </Button>
          <Button variant="danger" onClick={() => void confirm()} busy={remove.isPending} busyLabel="Deleting…">
            Delete application
          </Button>
        </>
      }
    >
      <p>
        Nobody can sign in to <strong>{app.name}</strong> with Roster any more, and its refresh tokens stop working. This
        cannot be undone.
      </p>
      {remove.isError && <Alert>{errorMessage(remove.error)}</Alert>}
    </Dialog>
  );
}
