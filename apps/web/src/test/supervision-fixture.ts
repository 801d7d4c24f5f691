import type { Schemas } from '../api/client';

/** A supervision item as the api answers it, owned by `owner-1` (党员甲), supervised by `org-1`. */
export function itemOf(over: Partial<Schemas['ItemDto']> = {}): Schemas['ItemDto'] {
  return {
    id: 'item-1',
    kind: 'supervision',
    title: '落实巡察反馈问题整改',
    detail: '逐条整改',
    source: null,
    unitId: 'unit-1',
    ownerId: 'owner-1',
    ownerName: '党员甲',
    supervisorId: 'org-1',
    supervisorName: '支部书记甲',
    campaignId: null,
    timeLimitDays: 7,
    assignedAt: '2026-12-01T02:00:00.000Z',
    originalDueAt: '2026-12-10T10:00:00.000Z',
    dueAt: '2026-12-10T10:00:00.000Z',
    ackDueAt: '2026-12-02T10:00:00.000Z',
    acceptedAt: null,
    reportedAt: null,
    closedAt: null,
    status: 'assigned',
    warning: 'none',
    unacknowledged: false,
    late: false,
    extensions: [],
    progress: [],
    ...over,
  };
}
