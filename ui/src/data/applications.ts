// The organization's applications (OpenID Connect clients): one list, and the actions on it.
// Each mutation puts the server's answer into the cached list.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, ApiError, type Application, type ApplicationChange, type ApplicationInput } from '../api';
import { keys } from './keys';

type List = { items: Application[] };

export function useApplications(orgId: string) {
  return useQuery({ queryKey: keys.applications(orgId), queryFn: () => api.applications(orgId) });
}

function edit(client: QueryClient, orgId: string, change: (items: Application[]) => Application[]): void {
  client.setQueryData<List>(keys.applications(orgId), (list) => (list ? { ...list, items: change(list.items) } : list));
}

// Drops the secret: the cache holds what GET answers, never a secret.
function withoutSecret(app: Application & { client_secret?: string | null }): Application {
  const { client_secret: _secret, ...rest } = app;
  return rest;
}

function put(client: QueryClient, orgId: string, app: Application): void {
  edit(client, orgId, (items) => {
    const plain = withoutSecret(app);
    return items.some((a) => a.client_id === app.client_id)
      ? items.map((a) => (a.client_id === app.client_id ? plain : a))
      : [...items, plain];
  });
}

// A 404 means another admin deleted it meanwhile: fetch the list again.
function refetchIfGone(client: QueryClient, orgId: string, e: unknown): void {
  if (e instanceof ApiError && e.status === 404) void client.invalidateQueries({ queryKey: keys.applications(orgId) });
}

export function useRegisterApplication(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ApplicationInput) => api.createApplication(orgId, body),
    onSuccess: (created) => put(client, orgId, created),
  });
}

export function useUpdateApplication(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ clientId, change }: { clientId: string; change: ApplicationChange }) =>
      api.updateApplication(orgId, clientId, change),
    onSuccess: (updated) => put(client, orgId, updated),
    onError: (e) => refetchIfGone(client, orgId, e),
  });
}

export function useRotateSecret(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (app: Application) => api.rotateApplicationSecret(orgId, app.client_id),
    onSuccess: (rotated) => put(client, orgId, rotated),
    onError: (e) => refetchIfGone(client, orgId, e),
  });
}

export function useDeleteApplication(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (app: Application) => api.deleteApplication(orgId, app.client_id),
    onSuccess: (_, app) => edit(client, orgId, (items) => items.filter((a) => a.client_id !== app.client_id)),
    onError: (e) => refetchIfGone(client, orgId, e),
  });
}
