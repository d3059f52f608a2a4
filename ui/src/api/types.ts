// The API's types, all taken from the generated schema.d.ts (npm run gen:types).
import type { components, operations } from './schema';

type Schemas = components['schemas'];
type Json<Op extends keyof operations, Code extends number> = operations[Op]['responses'] extends Record<
  Code,
  { content: { 'application/json': infer T } }
>
  ? T
  : never;
export type Query<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['query']>;

export type Role = Schemas['Role'];
export const ROLES: Role[] = ['USER', 'ADMIN'];
export type User = Schemas['User'];
export type Me = Schemas['Me'];
export type Organization = Schemas['Organization'];
export type Member = Schemas['Member'];
export type Invitation = Schemas['Invitation'];
export type InvitationStatus = Schemas['InvitationStatus'];
export type EmailDelivery = NonNullable<Invitation['email_delivery']>;
export type AuditEvent = Schemas['AuditEvent'];
export type AuditAction = AuditEvent['action'];
export type ServerInfo = Schemas['ServerInfo'];
export type Session = Schemas['Session'];
export type Problem = Schemas['Problem'];
export type FieldError = NonNullable<Problem['errors']>[number];
export type PublicInvitation = Json<'getInvitationByToken', 200>;
export type Application = Schemas['Application'];
export type ApplicationWithSecret = Schemas['ApplicationWithSecret'];
export type ApplicationType = Schemas['ApplicationType'];
export type ApplicationInput = NonNullable<operations['createApplication']['requestBody']>['content']['application/json'];
export type ApplicationChange = NonNullable<operations['updateApplication']['requestBody']>['content']['application/json'];

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export type MemberQuery = Query<'listMembers'>;
export type InvitationQuery = Query<'listInvitations'>;
export type AuditQuery = Query<'listAuditEvents'>;
