import type { Warning } from '@qf/deadlines';

export const ITEM_KINDS = ['supervision', 'rectification', 'talk_followup'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const ITEM_STATUSES = ['assigned', 'accepted', 'reported', 'closed'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** "13710": 1, 3, 7 or 10 working days, or 30 for major matters. */
export const TIME_LIMITS = [1, 3, 7, 10, 30] as const;
export type TimeLimitDays = (typeof TIME_LIMITS)[number];
export const DEFAULT_TIME_LIMIT: TimeLimitDays = 7;

export const EXTENSION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];

export const PROGRESS_KINDS = ['progress', 'report', 'return', 'close'] as const;
export type ProgressKind = (typeof PROGRESS_KINDS)[number];

export interface ExtensionView {
  n: number;
  /** The due time it extends (the original one for the first extension). */
  from: Date;
  to: Date;
  reason: string;
  status: ExtensionStatus;
  requestedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
}

/** The filters and page of an item list (GET /supervision/items). */
export interface ItemQuery {
  status?: ItemStatus;
  warning?: Warning;
  unitId?: string;
  ownerId?: string;
  kind?: ItemKind;
  /** Only the entries of one rectification campaign. */
  campaignId?: string;
  unacknowledged?: boolean;
  limit: number;
  offset: number;
}

/** The counts of the report (科室目标考核) for a set of items, before the rate. */
export interface ItemCounts {
  total: number;
  closedOnTime: number;
  closedLate: number;
  open: number;
  overdue: number;
  unacknowledged: number;
}

export interface ProgressView {
  at: Date;
  byId: string;
  kind: ProgressKind;
  note: string;
}

export interface ItemView {
  id: string;
  kind: ItemKind;
  title: string;
  detail: string;
  source: string | null;
  unitId: string;
  ownerId: string;
  ownerName: string;
  supervisorId: string;
  supervisorName: string;
  campaignId: string | null;
  timeLimitDays: TimeLimitDays;
  assignedAt: Date;
  originalDueAt: Date;
  dueAt: Date;
  ackDueAt: Date;
  acceptedAt: Date | null;
  reportedAt: Date | null;
  closedAt: Date | null;
  status: ItemStatus;
  warning: Warning;
  unacknowledged: boolean;
  late: boolean;
  extensions: ExtensionView[];
  progress: ProgressView[];
}
