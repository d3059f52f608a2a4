// "Edit application": name, redirect URIs, post-logout redirect URIs, who may sign in.
import { useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { Application } from '../../api';
import { useAnnounce } from '../../announce';
import { Alert, Button, Dialog } from '../../components';
import type { DialogHandlers } from '../../confirm';
import { useUpdateApplication } from '../../data/applications';
import { useOrg } from '../org/context';
import { ApplicationFields, bodyOf, showFieldErrors, valuesOf, type ApplicationValues } from './ApplicationFields';

type Props = DialogHandlers & { app: Application };

export function EditDialog({ app, onClose, fallbackFocus }: Props) {
  const { orgId, fail } = useOrg();
  const announce = useAnnounce();
  const update = useUpdateApplication(orgId);
  const [error, setFormError] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const { register, handleSubmit, setError, clearErrors, formState } = useForm<ApplicationValues>({
    defaultValues: valuesOf(app),
  });

  const save = async (values: ApplicationValues) => {
    setFormError(null);
    clearErrors();
    try {
      const updated = await update.mutateAsync({ clientId: app.client_id, change: bodyOf(values) });
      onClose();
      announce(`Application ${updated.name} saved`);
    } catch (e) {
      const msg = fail(e);
      setFormError(showFieldErrors(e, setError) ? null : msg);
      announce(`Application not saved: ${msg}`, 'error');
    }
  };

  return (
    <Dialog
      title={`Edit ${app.name}`}
      onCancel={onClose}
      busy={update.isPending}
      fallbackFocus={fallbackFocus}
      footer={
        <>
          <Button onClick={onClose} disabled={update.isPending}>
            Cancel
          </Button>
          <Button variant="primary" onClick={() => form.current?.requestSubmit()} busy={update.isPending} busyLabel="Saving…">
            Save
          </Button>
        </>
      }
    >
      <form
        ref={form}
        onSubmit={(e) => {
          e.preventDefault();
          if (!update.isPending) void handleSubmit(save)(e);
        }}
        noValidate
        data-testid="edit-app-form"
      >
        {error && <Alert>{error}</Alert>}
        <ApplicationFields idPrefix="edit-app" register={register} errors={formState.errors} />
      </form>
    </Dialog>
  );
}
