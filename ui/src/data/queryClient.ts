import { QueryClient } from '@tanstack/react-query';

// Lists refetch when a page mounts, not on window focus; an error is shown, not retried (a
// refusal such as admin_required will not change on a retry).
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}
