// Form controls for react-hook-form: `register(...)` props go straight to the native element.
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { ErrorIcon } from './components';

interface FieldFrameProps {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  className?: string;
  children: ReactNode;
}

// Label, control, and the error beside it (the control names it in aria-describedby).
function FieldFrame({ id, label, error, hint, className, children }: FieldFrameProps) {
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error && (
        <p id={`${id}-error`} className="field-error" data-field-error>
          <ErrorIcon />
          {error}
        </p>
      )}
      {hint && !error && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}

const invalidProps = (id: string, error?: string, hint?: string) => ({
  'aria-invalid': error ? true : undefined,
  'aria-describedby': error ? `${id}-error` : hint ? `${id}-hint` : undefined,
});

type InputFieldProps = InputHTMLAttributes<HTMLInputElement> & { id: string; label: string; error?: string; hint?: string };

export function InputField({ id, label, error, hint, className, ...input }: InputFieldProps) {
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint} className={className}>
      <input id={id} {...invalidProps(id, error, hint)} {...input} />
    </FieldFrame>
  );
}

type SelectFieldProps = SelectHTMLAttributes<HTMLSelectElement> & { id: string; label: string; error?: string };

export function SelectField({ id, label, error, className, children, ...select }: SelectFieldProps) {
  return (
    <FieldFrame id={id} label={label} error={error} className={className}>
      <select id={id} {...invalidProps(id, error)} {...select}>
        {children}
      </select>
    </FieldFrame>
  );
}

type TextAreaFieldProps = TextareaHTMLAttributes<HTMLTextAreaElement> & {
  id: string;
  label: string;
  error?: string;
  hint?: string;
};

export function TextAreaField({ id, label, error, hint, className, ...textarea }: TextAreaFieldProps) {
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint} className={className}>
      <textarea id={id} {...invalidProps(id, error, hint)} {...textarea} />
    </FieldFrame>
  );
}
