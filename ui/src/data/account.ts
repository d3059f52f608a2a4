// The signed-in person's own account: password, sessions, email confirmation; and the public
// mailed links (password reset, email verification).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Session } from '../api';
import { keys } from './keys';

export function useSessions() {
  return useQuery({ queryKey: keys.sessions, queryFn: api.sessions });
}

export function useEndSession() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (session: Session) => api.endSession(session.id),
    onSuccess: (_, ended) =>
      client.setQueryData<{ items: Session[] }>(keys.sessions, (old) =>
        old ? { items: old.items.filter((s) => s.id !== ended.id) } : old,
      ),
    // Ended elsewhere already (404): the list is out of date.
    onError: () => client.invalidateQueries({ queryKey: keys.sessions }),
  });
}

export function useEndOtherSessions() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: api.endOtherSessions,
    onSuccess: () =>
      client.setQueryData<{ items: Session[] }>(keys.sessions, (old) =>
        old ? { items: old.items.filter((s) => s.current) } : old,
      ),
  });
}

// A changed password ends every other session: the list is fetched again.
export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: api.changePassword,
    onSuccess: () => client.invalidateQueries({ queryKey: keys.sessions }),
  });
}

export function useResendVerification() {
  return useMutation({ mutationFn: api.resendVerification });
}

// Follows a mailed verification link (a used token answers 410, so the page sends it once).
export function useVerifyEmail() {
  return useMutation({ mutationFn: api.verifyEmail });
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: api.requestPasswordReset });
}

export function useResetPassword(token: string) {
  return useMutation({ mutationFn: (password: string) => api.resetPassword(token, password) });
}
