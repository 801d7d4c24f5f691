import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../api/client';

type TalkQuery = { talkeeId?: string; unitId?: string; kind?: Schemas['TalkDto']['kind'] };

/** Talks the caller may see (talker, talkee, organisers of the talkee's units, auditors, admins), newest first. */
export function useTalks(query: TalkQuery = {}, enabled = true) {
  return useQuery({
    queryKey: ['talks', 'list', query],
    queryFn: () => call(api.GET('/api/v1/talks', { params: { query: { ...query, limit: 200 } } })),
    enabled,
  });
}

export function useRecordTalk() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateTalkDto']) => call(api.POST('/api/v1/talks', { body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['talks'] });
      void queryClient.invalidateQueries({ queryKey: ['talk-plans'] });
      void queryClient.invalidateQueries({ queryKey: ['talk-follow-ups'] });
    },
  });
}

export function useTalkPlans() {
  return useQuery({
    queryKey: ['talk-plans', 'list'],
    queryFn: () => call(api.GET('/api/v1/talk-plans', { params: { query: { limit: 200 } } })),
  });
}

export function useCreateTalkPlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateTalkPlanDto']) => call(api.POST('/api/v1/talk-plans', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['talk-plans'] }),
  });
}

/** Who in the plan's unit has had the talk, who is missing, and the follow-ups' states (谈话全覆盖). */
export function useCoverage(planId: string | undefined) {
  return useQuery({
    queryKey: ['talk-plans', planId, 'coverage'],
    queryFn: () => call(api.GET('/api/v1/talk-plans/{id}/coverage', { params: { path: { id: planId! } } })),
    enabled: Boolean(planId),
  });
}

/** Talk follow-ups (跟踪问效): supervision items of kind talk_followup the caller may see, by due date, with their 三色预警. */
export function useTalkFollowUps(query: { ownerId?: string } = {}) {
  return useQuery({
    queryKey: ['talk-follow-ups', query],
    queryFn: () => call(api.GET('/api/v1/supervision/items', { params: { query: { ...query, kind: 'talk_followup', limit: 200 } } })),
  });
}
