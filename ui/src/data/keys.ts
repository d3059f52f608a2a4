// One cache key per list. A key's first elements are a prefix that covers all its variants
// (every search of the member list, every filter of the invitation list).
import type { AuditAction } from '../api';

export type InvitationFilter = 'open' | 'all';

export const keys = {
  info: ['info'] as const,
  sessions: ['sessions'] as const,
  members: (orgId: string) => ['members', orgId] as const,
  memberList: (orgId: string, q: string) => ['members', orgId, q] as const,
  activeAdmins: (orgId: string) => ['active-admins', orgId] as const,
  invitations: (orgId: string) => ['invitations', orgId] as const,
  invitationList: (orgId: string, filter: InvitationFilter) => ['invitations', orgId, filter] as const,
  memberChoices: (orgId: string) => ['member-choices', orgId] as const,
  applications: (orgId: string) => ['applications', orgId] as const,
  audit: (orgId: string, action: AuditAction | '', userId: string) => ['audit', orgId, action, userId] as const,
};
