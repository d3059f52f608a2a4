// The UI owns the wording of every error code it knows (the guide's words); the server's
// `detail` is shown only for codes without a line here, so one message never shows twice.
import { ApiError } from './client';

const MESSAGES: Record<string, string> = {
  admin_required: 'Admin access required',
  last_admin: 'The organization must keep at least one active admin',
  cannot_remove_self: 'You cannot remove yourself',
  member_removed: 'Removed users cannot be modified',
  email_registered: 'This email is already registered',
  email_invited: 'This email already has a pending invitation',
  username_taken: 'This username is already used in the organization',
  organization_name_taken: 'This organization name is already taken',
  already_in_organization: 'You already belong to an organization',
  invitation_accepted: 'Accepted invitations cannot be revoked',
  invitation_revoked: 'This invitation was revoked.',
  invitation_expired: 'This invitation has expired. Ask an admin to resend it.',
  organization_required: 'Activate your organization first (Settings → Organization)',
  not_a_member: 'You are not a member of this organization',
  csrf_failed: 'Your session could not be verified. Reload the page and try again.',
  email_unverified: 'Confirm your email address first: activating an organization needs a confirmed email.',
  link_invalid: 'This link is no longer valid: it was already used, replaced by a newer one, or it expired.',
  application_public: 'A public application has no secret: it signs in with PKCE.',
  network_error: 'Cannot reach the server. Check your connection and try again.',
};

export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.code === 'rate_limited') {
      return e.retryAfter !== undefined
        ? `Too many attempts, try again in ${e.retryAfter} seconds`
        : 'Too many attempts, try again later';
    }
    const known = MESSAGES[e.code];
    if (known) return known;
    if (e.code === 'validation_failed' && e.errors.length) return 'Please correct the highlighted fields.';
    return e.detail || e.title || 'Something went wrong';
  }
  return 'Something went wrong';
}

// Conflicts that are about one field of the form that was sent.
const FIELD_OF_CODE: Record<string, string> = {
  email_registered: 'email',
  email_invited: 'email',
  username_taken: 'username',
  organization_name_taken: 'name',
};

// Field-level messages from a problem: 422 errors[] plus the conflicts that belong to one field.
export function fieldErrors(e: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(e instanceof ApiError)) return out;
  const f = FIELD_OF_CODE[e.code];
  if (f) out[f] = errorMessage(e);
  for (const fe of e.errors) {
    const key = fe.field.replace(/^\/|^body\./, '');
    if (!out[key]) out[key] = fe.message || describeFieldCode(key, fe.code);
  }
  return out;
}

function describeFieldCode(field: string, code: string): string {
  const name = field.charAt(0).toUpperCase() + field.slice(1);
  switch (code) {
    case 'required':
      return `${name} is required`;
    case 'invalid':
    case 'invalid_format':
      return `${name} is not valid`;
    case 'too_short':
      return `${name} is too short`;
    case 'too_long':
      return `${name} is too long`;
    default:
      return `${name} is not valid (${code})`;
  }
}
