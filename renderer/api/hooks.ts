import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ProcedureInput, ProcedureName, ProcedureOutput } from '../../shared/contract/index.js';
import { api, type ApiCallError } from './client.js';

/** Cached read of a procedure; refetched when the backend reports a change (see useLiveInvalidation). */
export function useApiQuery<N extends ProcedureName>(
  name: N,
  input: ProcedureInput<N>,
  options: Partial<UseQueryOptions<ProcedureOutput<N>, ApiCallError>> = {},
) {
  return useQuery<ProcedureOutput<N>, ApiCallError>({
    queryKey: [name, input],
    queryFn: () => api.call(name, input),
    ...options,
  });
}

export function useApiMutation<N extends ProcedureName>(name: N) {
  const queryClient = useQueryClient();
  return useMutation<ProcedureOutput<N>, ApiCallError, ProcedureInput<N>>({
    mutationFn: (input) => api.call(name, input),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

/** Refetches cached reads whenever any workstation commits a change. */
export function useLiveInvalidation(enabled: boolean) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    return api.subscribe((name) => {
      if (name === 'data.changed') void queryClient.invalidateQueries();
    });
  }, [enabled, queryClient]);
}
