import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';

/** A mutation after whose success every query under `queryKey` is fetched again (the mutation settles once they are marked). */
export function useInvalidatingMutation<TVariables = void, TData = unknown>(queryKey: QueryKey, mutationFn: (variables: TVariables) => Promise<TData>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey }) });
}
