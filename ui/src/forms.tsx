// What every form shares: one submit at a time, a form-level error above the
// fields, and server errors placed beside the field they name.
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { FieldValues, Path, UseFormHandleSubmit, UseFormSetError } from 'react-hook-form';
import { Alert, focusFirstError, TextField } from './components';

// Shows each server error that names one of `fields` beside it (focusing the first); false when none does.
export function showServerErrors<T extends FieldValues>(
  fields: readonly Path<T>[],
  byField: Record<string, string>,
  setError: UseFormSetError<T>,
): boolean {
  const known = fields.filter((f) => byField[f]);
  known.forEach((f, i) => setError(f, { type: 'server', message: byField[f] }, { shouldFocus: i === 0 }));
  return known.length > 0;
}

export interface Submission {
  formError: string | null;
  setFormError: (message: string | null) => void;
  onSubmit: (e: FormEvent<HTMLFormElement>) => void;
}

// Validates, clears the previous errors and runs `send`; a second submit while one runs is ignored.
export function useSubmission<T extends FieldValues>(
  handleSubmit: UseFormHandleSubmit<T>,
  clearErrors: () => void,
  send: (values: T) => Promise<void>,
): Submission {
  const [formError, setFormError] = useState<string | null>(null);
  const busy = useRef(false);
  const run = async (values: T) => {
    busy.current = true;
    setFormError(null);
    clearErrors();
    try {
      await send(values);
    } finally {
      busy.current = false;
    }
  };
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!busy.current) void handleSubmit(run)(e);
  };
  return { formError, setFormError, onSubmit };
}

interface SubmitFormProps {
  submission: Submission;
  className?: string;
  testId?: string;
  children: ReactNode;
}

export function SubmitForm({ submission, className, testId, children }: SubmitFormProps) {
  return (
    <form onSubmit={submission.onSubmit} noValidate className={className} data-testid={testId}>
      {submission.formError && <Alert>{submission.formError}</Alert>}
      {children}
    </form>
  );
}

// A form kept in plain state: busy while it sends, the form-level error and the errors beside fields.
export function useFormFeedback() {
  const form = useRef<HTMLFormElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  // Starts a submit: clears the previous errors; false while one is still sending.
  const start = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return false;
    setError(null);
    setFields({});
    return true;
  };
  // Shows the errors and moves focus to the first field in error.
  const show = (byField: Record<string, string>, formError: string | null) => {
    setFields(byField);
    setError(formError);
    focusFirstError(form.current);
  };
  return { form, busy, setBusy, error, fields, start, show };
}

interface NewPasswordFieldProps {
  value: string;
  onValue: (v: string) => void;
  error?: string;
  minLength?: number;
  maxLength?: number;
}

// The password a new account starts with (signing up, accepting an invitation).
export function NewPasswordField(props: NewPasswordFieldProps) {
  return <TextField label="Password" type="password" autoComplete="new-password" hint="8 to 256 characters" required {...props} />;
}
