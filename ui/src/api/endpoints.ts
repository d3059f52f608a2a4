// One function per operation of api/openapi.yaml that the UI uses, typed by the generated schema.
import { request, query } from './client';
import type {
  Application,
  ApplicationChange,
  ApplicationInput,
  ApplicationWithSecret,
  AuditEvent,
  AuditQuery,
  Invitation,
  InvitationQuery,
  Me,
  Member,
  MemberQuery,
  Organization,
  Page,
  PublicInvitation,
  Role,
  ServerInfo,
  Session,
} from './types';

const enc = encodeURIComponent;
const org = (orgId: string) => `/orgs/${enc(orgId)}`;

export const api = {
  info: () => request<ServerInfo>('GET', '/info', { public: true }),
  me: () => request<Me>('GET', '/me'),
  signup: (body: { email: string; username: string; password: string }) =>
    request<Me>('POST', '/auth/signup', { body, public: true }),
  login: (body: { email: string; password: string }) => request<Me>('POST', '/auth/login', { body, public: true }),
  logout: () => request<void>('POST', '/auth/logout', { public: true }),
  requestPasswordReset: (email: string) =>
    request<void>('POST', '/auth/password-reset', { body: { email }, public: true }),
  resetPassword: (token: string, password: string) =>
    request<void>('POST', `/auth/password-reset/${enc(token)}`, { body: { password }, public: true }),
  resendVerification: () => request<void>('POST', '/auth/email-verification'),
  verifyEmail: (token: string) => request<void>('POST', `/auth/email-verification/${enc(token)}`, { public: true }),
  changePassword: (body: { current_password: string; new_password: string }) =>
    request<void>('POST', '/me/password', { body }),
  sessions: () => request<{ items: Session[] }>('GET', '/me/sessions'),
  endSession: (id: string) => request<void>('DELETE', `/me/sessions/${enc(id)}`),
  endOtherSessions: () => request<void>('DELETE', '/me/sessions'),
  activateOrganization: (name: string) => request<Organization>('POST', '/organizations', { body: { name } }),

  members: (orgId: string, params: MemberQuery) => request<Page<Member>>('GET', `${org(orgId)}/members${query(params)}`),
  changeRole: (orgId: string, userId: string, role: Role) =>
    request<Member>('PATCH', `${org(orgId)}/members/${enc(userId)}`, { body: { role } }),
  removeMember: (orgId: string, userId: string) => request<Member>('DELETE', `${org(orgId)}/members/${enc(userId)}`),

  invitations: (orgId: string, params: InvitationQuery) =>
    request<Page<Invitation>>('GET', `${org(orgId)}/invitations${query(params)}`),
  invite: (orgId: string, body: { email: string; username: string; role: Role }) =>
    request<Invitation>('POST', `${org(orgId)}/invitations`, { body }),
  resend: (orgId: string, id: string) => request<Invitation>('POST', `${org(orgId)}/invitations/${enc(id)}/resend`),
  revoke: (orgId: string, id: string) => request<Invitation>('POST', `${org(orgId)}/invitations/${enc(id)}/revoke`),

  auditEvents: (orgId: string, params: AuditQuery) =>
    request<Page<AuditEvent>>('GET', `${org(orgId)}/audit-events${query(params)}`),

  applications: (orgId: string) => request<{ items: Application[] }>('GET', `${org(orgId)}/applications`),
  createApplication: (orgId: string, body: ApplicationInput) =>
    request<ApplicationWithSecret>('POST', `${org(orgId)}/applications`, { body }),
  updateApplication: (orgId: string, clientId: string, body: ApplicationChange) =>
    request<Application>('PATCH', `${org(orgId)}/applications/${enc(clientId)}`, { body }),
  rotateApplicationSecret: (orgId: string, clientId: string) =>
    request<ApplicationWithSecret>('POST', `${org(orgId)}/applications/${enc(clientId)}/rotate-secret`),
  deleteApplication: (orgId: string, clientId: string) =>
    request<void>('DELETE', `${org(orgId)}/applications/${enc(clientId)}`),

  invitationByToken: (token: string) => request<PublicInvitation>('GET', `/invitations/${enc(token)}`, { public: true }),
  acceptInvitation: (token: string, password: string) =>
    request<Me>('POST', `/invitations/${enc(token)}/accept`, { body: { password }, public: true }),
};
