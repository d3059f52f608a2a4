// Invitations: the paged list (per filter) and the invitation actions.
import { useInfiniteQuery, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, ApiError, type Invitation, type Role } from '../api';
import { keys, type InvitationFilter } from './keys';
import { editCachedItems, PAGE_SIZE, pageOptions } from './pages';

const isOpen = (inv: Invitation) => inv.status === 'PENDING' || inv.status === 'EXPIRED';

export function useInvitationList(orgId: string, filter: InvitationFilter) {
  return useInfiniteQuery({
    queryKey: keys.invitationList(orgId, filter),
    queryFn: ({ pageParam }) =>
      api.invitations(orgId, {
        status: filter === 'open' ? 'PENDING,EXPIRED' : undefined,
        limit: PAGE_SIZE,
        cursor: pageParam ?? undefined,
      }),
    ...pageOptions,
  });
}

// The row the server returned replaces the cached one; a list of open invitations drops it
// once it is no longer open.
function putInvitation(client: QueryClient, orgId: string, inv: Invitation): void {
  editCachedItems<Invitation>(client, keys.invitations(orgId), (items, key) => {
    const onlyOpen = (key[2] as InvitationFilter) === 'open';
    return items.flatMap((i) => (i.id !== inv.id ? [i] : onlyOpen && !isOpen(inv) ? [] : [inv]));
  });
}

function refetchOnConflict(client: QueryClient, orgId: string, e: unknown) {
  if (e instanceof ApiError && (e.status === 409 || e.status === 404)) {
    void client.invalidateQueries({ queryKey: keys.invitations(orgId) });
  }
}

// A new invitation goes first in a list that may span pages: the lists are fetched again.
export function useInvite(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; username: string; role: Role }) => api.invite(orgId, body),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.invitations(orgId) }),
  });
}

export function useResend(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (inv: Invitation) => api.resend(orgId, inv.id),
    onSuccess: (updated) => putInvitation(client, orgId, updated),
    onError: (e) => refetchOnConflict(client, orgId, e),
  });
}

export function useRevoke(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (inv: Invitation) => api.revoke(orgId, inv.id),
    onSuccess: (updated) => putInvitation(client, orgId, updated),
    onError: (e) => refetchOnConflict(client, orgId, e),
  });
}
