// "Register application": the form; the credentials appear in the page's secret panel.
import { useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { ApplicationWithSecret } from '../../api';
import { useAnnounce } from '../../announce';
import { Alert, Button } from '../../components';
import { useRegisterApplication } from '../../data/applications';
import { useOrg } from '../org/context';
import { ApplicationFields, bodyOf, EMPTY_VALUES, showFieldErrors, type ApplicationValues } from './ApplicationFields';

export function RegisterSection({ onCreated }: { onCreated: (app: ApplicationWithSecret) => void }) {
  const { orgId, fail } = useOrg();
  const announce = useAnnounce();
  const registerApp = useRegisterApplication(orgId);
  const [error, setFormError] = useState<string | null>(null);
  const busy = useRef(false);
  const { register, handleSubmit, reset, setError, clearErrors, formState } = useForm<ApplicationValues>({
    defaultValues: EMPTY_VALUES,
  });

  const send = async (values: ApplicationValues) => {
    busy.current = true;
    setFormError(null);
    clearErrors();
    try {
      const created = await registerApp.mutateAsync({ ...bodyOf(values), type: values.type });
      reset();
      onCreated(created);
      announce(`Application ${created.name} registered`);
    } catch (e) {
      const msg = fail(e);
      setFormError(showFieldErrors(e, setError) ? null : msg);
      announce(`Application not registered: ${msg}`, 'error');
    } finally {
      busy.current = false;
    }
  };

  return (
    <section className="card section" aria-labelledby="register-app-title">
      <div className="section-head">
        <h2 id="register-app-title" className="section-title">
          Register application
        </h2>
        <p className="muted small">Members sign in to it with their Roster account (OpenID Connect).</p>
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy.current) void handleSubmit(send)(e);
        }}
        noValidate
        data-testid="register-app-form"
      >
        {error && <Alert>{error}</Alert>}
        <ApplicationFields idPrefix="new-app" register={register} errors={formState.errors} withType />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={registerApp.isPending} busyLabel="Registering…">
            Register application
          </Button>
        </div>
      </form>
    </section>
  );
}
