// Thin client for the Roster HTTP API (/api/v1). Errors are RFC 9457 problem documents.

export type Role = 'USER' | 'ADMIN';
export const ROLES: Role[] = ['USER', 'ADMIN'];

export interface User {
  id: string;
  email: string;
  username: string;
  created_at: string;
}

export interface Me {
  user: User;
  mode: 'personal' | 'organization';
  organization: { id: string; name: string; role: Role } | null;
}

export interface Organization {
  id: string;
  name: string;
  created_at: string;
}

export interface Member {
  user_id: string;
  email: string;
  username: string;
  role: Role;
  status: 'ACTIVE' | 'REMOVED';
  joined_at: string;
  removed_at: string | null;
}

export type InvitationStatus = 'PENDING' | 'ACCEPTED' | 'REVOKED' | 'EXPIRED';
export type EmailDelivery = 'QUEUED' | 'SENT' | 'FAILED' | 'DISABLED';

export interface Invitation {
  id: string;
  email: string;
  username: string;
  role: Role;
  status: InvitationStatus;
  created_at: string;
  expires_at: string;
  invited_by: { user_id: string; username: string };
  accepted_at?: string | null;
  revoked_at?: string | null;
  email_delivery?: EmailDelivery;
  invite_url?: string;
}

export interface PublicInvitation {
  organization: { name: string };
  email: string;
  username: string;
  role: Role;
  status: InvitationStatus;
  expires_at: string;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface FieldError {
  field: string;
  code: string;
  message?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail?: string;
  readonly errors: FieldError[];
  readonly retryAfter?: number;

  constructor(init: {
    status: number;
    code: string;
    title: string;
    detail?: string;
    errors?: FieldError[];
    retryAfter?: number;
  }) {
    super(init.detail ?? init.title);
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.retryAfter = init.retryAfter;
  }
}

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    }
  }
  return null;
}

// Called for any 401 from an authenticated endpoint (set by the app shell).
let onUnauthenticated: (() => void) | null = null;
export function setUnauthenticatedHandler(fn: (() => void) | null): void {
  onUnauthenticated = fn;
}

interface RequestOptions {
  body?: unknown;
  // Public endpoints (login, signup, invitation) must not bounce to /login on 401.
  public?: boolean;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') {
    const csrf = readCookie('roster_csrf');
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch {
    throw new ApiError({
      status: 0,
      code: 'network_error',
      title: 'Cannot reach the server',
      detail: 'Cannot reach the server. Check your connection and try again.',
    });
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (res.ok) {
    if (data === undefined && text) {
      throw new ApiError({ status: res.status, code: 'bad_response', title: 'Unexpected answer from the server' });
    }
    return data as T;
  }
  const p = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const retry = res.headers.get('Retry-After');
  const err = new ApiError({
    status: res.status,
    code: typeof p.code === 'string' ? p.code : `http_${res.status}`,
    title: typeof p.title === 'string' ? p.title : res.statusText || `HTTP ${res.status}`,
    detail: typeof p.detail === 'string' ? p.detail : undefined,
    errors: Array.isArray(p.errors) ? (p.errors as FieldError[]) : [],
    retryAfter: retry && /^\d+$/.test(retry) ? Number(retry) : undefined,
  });
  if (res.status === 401 && !opts.public && onUnauthenticated) onUnauthenticated();
  return Promise.reject(err);
}

const enc = encodeURIComponent;

function query(params: Record<string, string | number | undefined | null>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    // Commas stay literal: list filters are comma-separated (status=PENDING,EXPIRED).
    parts.push(`${enc(k)}=${enc(String(v)).replace(/%2C/gi, ',')}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

export const api = {
  me: () => request<Me>('GET', '/me'),
  signup: (body: { email: string; username: string; password: string }) =>
    request<Me>('POST', '/auth/signup', { body, public: true }),
  login: (body: { email: string; password: string }) => request<Me>('POST', '/auth/login', { body, public: true }),
  logout: () => request<void>('POST', '/auth/logout', { public: true }),
  activateOrganization: (name: string) => request<Organization>('POST', '/organizations', { body: { name } }),

  members: (orgId: string, params: { q?: string; status?: string; role?: Role; limit?: number; cursor?: string | null }) =>
    request<Page<Member>>('GET', `/orgs/${enc(orgId)}/members${query(params)}`),
  changeRole: (orgId: string, userId: string, role: Role) =>
    request<Member>('PATCH', `/orgs/${enc(orgId)}/members/${enc(userId)}`, { body: { role } }),
  removeMember: (orgId: string, userId: string) =>
    request<Member>('DELETE', `/orgs/${enc(orgId)}/members/${enc(userId)}`),

  invitations: (orgId: string, params: { status?: string; limit?: number; cursor?: string | null }) =>
    request<Page<Invitation>>('GET', `/orgs/${enc(orgId)}/invitations${query(params)}`),
  invite: (orgId: string, body: { email: string; username: string; role: Role }) =>
    request<Invitation>('POST', `/orgs/${enc(orgId)}/invitations`, { body }),
  resend: (orgId: string, id: string) =>
    request<Invitation>('POST', `/orgs/${enc(orgId)}/invitations/${enc(id)}/resend`),
  revoke: (orgId: string, id: string) =>
    request<Invitation>('POST', `/orgs/${enc(orgId)}/invitations/${enc(id)}/revoke`),

  invitationByToken: (token: string) =>
    request<PublicInvitation>('GET', `/invitations/${enc(token)}`, { public: true }),
  acceptInvitation: (token: string, password: string) =>
    request<Me>('POST', `/invitations/${enc(token)}/accept`, { body: { password }, public: true }),
};

// Human wording for the stable error codes, in the words of the user guide.
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

// Field-level messages from a problem: 422 errors[] plus the conflicts that belong to one field.
const FIELD_OF_CODE: Record<string, string> = {
  email_registered: 'email',
  email_invited: 'email',
  username_taken: 'username',
  organization_name_taken: 'name',
};

export function fieldErrors(e: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(e instanceof ApiError)) return out;
  const f = FIELD_OF_CODE[e.code];
  if (f) out[f] = MESSAGES[e.code] ?? e.detail ?? e.title;
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
