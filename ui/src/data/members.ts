// Organization users: the paged list (per search), the active admins, and the member actions.
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, type Member, type Role } from '../api';
import { keys } from './keys';
import { editCachedItems, PAGE_SIZE, pageOptions } from './pages';

export function useMemberList(orgId: string, q: string) {
  return useInfiniteQuery({
    queryKey: keys.memberList(orgId, q),
    queryFn: ({ pageParam }) => api.members(orgId, { q: q || undefined, limit: PAGE_SIZE, cursor: pageParam ?? undefined }),
    ...pageOptions,
    // While a new search loads, the previous rows stay (no empty flash, no layout jump).
    placeholderData: keepPreviousData,
  });
}

// Two are enough to tell whether exactly one active admin is left.
export function useActiveAdmins(orgId: string) {
  return useQuery({
    queryKey: keys.activeAdmins(orgId),
    queryFn: () => api.members(orgId, { status: 'ACTIVE', role: 'ADMIN', limit: 2 }),
  });
}

function putMember(client: ReturnType<typeof useQueryClient>, orgId: string, member: Member): void {
  editCachedItems<Member>(client, keys.members(orgId), (items) =>
    items.map((m) => (m.user_id === member.user_id ? member : m)),
  );
}

// A refusal (409/404) means the page was out of date: fetch the list again.
function refetchOnConflict(client: ReturnType<typeof useQueryClient>, orgId: string, e: unknown) {
  if (e instanceof ApiError && (e.status === 409 || e.status === 404)) {
    void client.invalidateQueries({ queryKey: keys.members(orgId) });
    void client.invalidateQueries({ queryKey: keys.activeAdmins(orgId) });
  }
}

export function useChangeRole(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ member, role }: { member: Member; role: Role }) => api.changeRole(orgId, member.user_id, role),
    onSuccess: (updated) => {
      putMember(client, orgId, updated);
      return client.invalidateQueries({ queryKey: keys.activeAdmins(orgId) });
    },
    onError: (e) => refetchOnConflict(client, orgId, e),
  });
}

export function useRemoveMember(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (member: Member) => api.removeMember(orgId, member.user_id),
    onSuccess: (removed) => {
      putMember(client, orgId, removed);
      return client.invalidateQueries({ queryKey: keys.activeAdmins(orgId) });
    },
    onError: (e) => refetchOnConflict(client, orgId, e),
  });
}
