// A confirmation dialog for one irreversible action: Cancel (focused first) or the danger button.
import type { ReactNode } from 'react';
import { errorMessage } from './api';
import { useAnnounce } from './announce';
import { Alert, Button, Dialog } from './components';

// What the opener of a dialog gives it: how to close, and where focus goes when the opener is gone.
export interface DialogHandlers {
  onClose: () => void;
  fallbackFocus: () => HTMLElement | null;
}

interface ConfirmDialogProps extends DialogHandlers {
  title: string;
  confirmLabel: string;
  busyLabel: string;
  // The mutation the dialog runs; its error shows inside the dialog.
  mutation: { isPending: boolean; isError: boolean; error: unknown };
  // Runs the action and returns the message announced once the dialog has closed.
  run: () => Promise<string>;
  // The announcement when the action fails, given the error's message.
  failure: (e: unknown) => string;
  children: ReactNode;
}

export function ConfirmDialog({
  title,
  confirmLabel,
  busyLabel,
  mutation,
  run,
  failure,
  onClose,
  fallbackFocus,
  children,
}: ConfirmDialogProps) {
  const announce = useAnnounce();
  const confirm = async () => {
    if (mutation.isPending) return;
    try {
      const done = await run();
      onClose();
      announce(done);
    } catch (e) {
      announce(failure(e), 'error');
    }
  };
  return (
    <Dialog
      title={title}
      onCancel={onClose}
      busy={mutation.isPending}
      fallbackFocus={fallbackFocus}
      footer={
        <>
          <Button onClick={onClose} disabled={mutation.isPending} data-autofocus>
            Cancel
          </Button>
          <Button variant="danger" onClick={() => void confirm()} busy={mutation.isPending} busyLabel={busyLabel}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      {children}
      {mutation.isError && <Alert>{errorMessage(mutation.error)}</Alert>}
    </Dialog>
  );
}
