// Server settings the UI shows (GET /api/v1/info); they do not change while the server runs.
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import { keys } from './keys';

export function useServerInfo() {
  return useQuery({ queryKey: keys.info, queryFn: api.info, staleTime: Infinity });
}
