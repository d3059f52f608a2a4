// "Register application": the form; the credentials appear in the page's secret panel.
import { useForm } from 'react-hook-form';
import type { ApplicationWithSecret } from '../../api';
import { useAnnounce } from '../../announce';
import { Button } from '../../components';
import { useRegisterApplication } from '../../data/applications';
import { SubmitForm, useSubmission } from '../../forms';
import { Section } from '../../section';
import { useOrg } from '../org/context';
import { ApplicationFields, bodyOf, EMPTY_VALUES, showFieldErrors, type ApplicationValues } from './ApplicationFields';

export function RegisterSection({ onCreated }: { onCreated: (app: ApplicationWithSecret) => void }) {
  const { orgId, fail } = useOrg();
  const announce = useAnnounce();
  const registerApp = useRegisterApplication(orgId);
  const { register, handleSubmit, reset, setError, clearErrors, formState } = useForm<ApplicationValues>({
    defaultValues: EMPTY_VALUES,
  });

  const submission = useSubmission(handleSubmit, clearErrors, async (values) => {
    try {
      const created = await registerApp.mutateAsync({ ...bodyOf(values), type: values.type });
      reset();
      onCreated(created);
      announce(`Application ${created.name} registered`);
    } catch (e) {
      const msg = fail(e);
      submission.setFormError(showFieldErrors(e, setError) ? null : msg);
      announce(`Application not registered: ${msg}`, 'error');
    }
  });

  return (
    <Section
      titleId="register-app-title"
      title="Register application"
      aside={<p className="muted small">Members sign in to it with their Roster account (OpenID Connect).</p>}
    >
      <SubmitForm submission={submission} testId="register-app-form">
        <ApplicationFields idPrefix="new-app" register={register} errors={formState.errors} withType />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={registerApp.isPending} busyLabel="Registering…">
            Register application
          </Button>
        </div>
      </SubmitForm>
    </Section>
  );
}
