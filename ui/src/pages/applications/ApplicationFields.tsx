// The fields of an application, shared by "Register application" and the edit dialog: name,
// redirect URIs (one per line), post-logout redirect URIs, who may sign in and, when
// registering, the type. Server errors land beside the field they name.
import type { FieldErrors, UseFormRegister, UseFormSetError } from 'react-hook-form';
import { fieldErrors, type Application, type ApplicationType, type Role } from '../../api';
import { InputField, SelectField, TextAreaField } from '../../fields';
import { showServerErrors } from '../../forms';

export type SignIn = 'all' | 'admins';

export interface ApplicationValues {
  name: string;
  redirect_uris: string;
  post_logout_redirect_uris: string;
  allowed_roles: SignIn;
  type: ApplicationType;
}

const FIELDS = ['name', 'redirect_uris', 'post_logout_redirect_uris', 'allowed_roles', 'type'] as const;

export const EMPTY_VALUES: ApplicationValues = {
  name: '',
  redirect_uris: '',
  post_logout_redirect_uris: '',
  allowed_roles: 'all',
  type: 'confidential',
};

export function valuesOf(app: Application): ApplicationValues {
  return {
    name: app.name,
    redirect_uris: app.redirect_uris.join('\n'),
    post_logout_redirect_uris: app.post_logout_redirect_uris.join('\n'),
    allowed_roles: app.allowed_roles.includes('USER') ? 'all' : 'admins',
    type: app.type,
  };
}

export const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

export function bodyOf(v: ApplicationValues) {
  return {
    name: v.name.trim(),
    redirect_uris: lines(v.redirect_uris),
    post_logout_redirect_uris: lines(v.post_logout_redirect_uris),
    allowed_roles: (v.allowed_roles === 'all' ? ['USER', 'ADMIN'] : ['ADMIN']) as Role[],
  };
}

// Puts the problem's field errors on the form; true when at least one field took one.
export function showFieldErrors(e: unknown, setError: UseFormSetError<ApplicationValues>): boolean {
  return showServerErrors(FIELDS, fieldErrors(e), setError);
}

interface Props {
  idPrefix: string;
  register: UseFormRegister<ApplicationValues>;
  errors: FieldErrors<ApplicationValues>;
  withType?: boolean;
}

export function ApplicationFields({ idPrefix, register, errors, withType = false }: Props) {
  const id = (f: string) => `${idPrefix}-${f}`;
  return (
    <div className="app-fields">
      <InputField
        id={id('name')}
        label="Name"
        error={errors.name?.message}
        autoComplete="off"
        required
        {...register('name', { validate: (v) => v.trim() !== '' || 'Name is required' })}
      />
      {withType && (
        <SelectField id={id('type')} label="Type" error={errors.type?.message} {...register('type')}>
          <option value="confidential">Confidential (server, has a secret)</option>
          <option value="public">Public (browser or mobile app, PKCE)</option>
        </SelectField>
      )}
      <SelectField id={id('roles')} label="Who may sign in" error={errors.allowed_roles?.message} {...register('allowed_roles')}>
        <option value="all">Users and admins</option>
        <option value="admins">Admins only</option>
      </SelectField>
      <TextAreaField
        id={id('redirect-uris')}
        label="Redirect URIs"
        hint="One per line; https:// (http:// only for localhost)."
        error={errors.redirect_uris?.message}
        rows={3}
        spellCheck={false}
        required
        {...register('redirect_uris', { validate: (v) => lines(v).length > 0 || 'Give at least one redirect URI' })}
      />
      <TextAreaField
        id={id('logout-uris')}
        label="Post-logout redirect URIs (optional)"
        hint="One per line."
        error={errors.post_logout_redirect_uris?.message}
        rows={2}
        spellCheck={false}
        {...register('post_logout_redirect_uris')}
      />
    </div>
  );
}
