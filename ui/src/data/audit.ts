// The audit trail, newest first, filtered by action and member; and the members to filter by.
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, type AuditAction } from '../api';
import { keys } from './keys';
import { PAGE_SIZE, pageOptions } from './pages';

export function useAuditEvents(orgId: string, action: AuditAction | '', userId: string) {
  return useInfiniteQuery({
    queryKey: keys.audit(orgId, action, userId),
    queryFn: ({ pageParam }) =>
      api.auditEvents(orgId, {
        action: action || undefined,
        user_id: userId || undefined,
        limit: PAGE_SIZE,
        cursor: pageParam ?? undefined,
      }),
    ...pageOptions,
    placeholderData: keepPreviousData,
  });
}

// The member filter offers the first 200 members by username (removed ones included).
export function useMemberChoices(orgId: string) {
  return useQuery({
    queryKey: keys.memberChoices(orgId),
    queryFn: () => api.members(orgId, { limit: 200 }),
  });
}
