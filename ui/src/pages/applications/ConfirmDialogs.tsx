// The two confirmations: rotating a secret (the old one stops working at once; the new one
// shows in the secret panel) and deleting an application (its sign-ins and tokens end).
import type { Application, ApplicationWithSecret } from '../../api';
import { ConfirmDialog, type DialogHandlers } from '../../confirm';
import { useDeleteApplication, useRotateSecret } from '../../data/applications';
import { useOrg } from '../org/context';

type Props = DialogHandlers & { app: Application };

export function RotateDialog({ app, onClose, fallbackFocus, onRotated }: Props & { onRotated: (a: ApplicationWithSecret) => void }) {
  const { orgId, fail } = useOrg();
  const rotate = useRotateSecret(orgId);
  return (
    <ConfirmDialog
      title={`Rotate the secret of ${app.name}?`}
      confirmLabel="Rotate secret"
      busyLabel="Rotating…"
      mutation={rotate}
      run={async () => {
        onRotated(await rotate.mutateAsync(app));
        return `New secret issued for ${app.name}. The old secret no longer works.`;
      }}
      failure={(e) => `Could not rotate the secret of ${app.name}: ${fail(e)}`}
      onClose={onClose}
      fallbackFocus={fallbackFocus}
    >
      <p>
        The current secret of <strong>{app.name}</strong> stops working immediately. The new secret is shown once; put
        it into the application's configuration.
      </p>
    </ConfirmDialog>
  );
}

export function DeleteDialog({ app, onClose, fallbackFocus }: Props) {
  const { orgId, fail } = useOrg();
  const remove = useDeleteApplication(orgId);
  return (
    <ConfirmDialog
      title={`Delete ${app.name}?`}
      confirmLabel="Delete application"
      busyLabel="Deleting…"
      mutation={remove}
      run={async () => {
        await remove.mutateAsync(app);
        return `Application ${app.name} was deleted`;
      }}
      failure={(e) => `Could not delete ${app.name}: ${fail(e)}`}
      onClose={onClose}
      fallbackFocus={fallbackFocus}
    >
      <p>
        Nobody can sign in to <strong>{app.name}</strong> with Roster any more, and its refresh tokens stop working. This
        cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
