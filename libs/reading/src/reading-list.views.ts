import type { ReadingCategory, ReadingStatus } from './reading-categories';

export interface ReadingItemView {
  id: string;
  position: number;
  title: string;
  category: ReadingCategory;
  materialUrl: string | null;
  required: boolean;
}

/** A person's own progress on one item. */
export interface OwnProgressView {
  itemId: string;
  status: ReadingStatus;
  finishedAt: Date | null;
  discussedAt: Date | null;
  note: string | null;
}

export interface ReadingListHeader {
  id: string;
  year: number;
  title: string;
  /** null: organisation-wide. */
  unitId: string | null;
  createdBy: string | null;
  createdAt: Date;
}

export interface ReadingListView extends ReadingListHeader {
  items: ReadingItemView[];
}

export interface ReadingItemWithProgress extends ReadingItemView {
  /** The caller's own progress, null when they have none yet. */
  progress: OwnProgressView | null;
}

export interface ReadingListDetailView extends ReadingListHeader {
  items: ReadingItemWithProgress[];
}

/** The caller's own totals on a list. */
export interface OwnTotals {
  finishedRequired: number;
  required: number;
  discussed: number;
  completion: number;
}

export interface ReadingListSummaryView extends ReadingListHeader {
  itemCount: number;
  requiredCount: number;
  own: OwnTotals;
}

export interface MemberProgressView {
  userId: string;
  displayName: string;
  unitId: string;
  finishedRequired: number;
  required: number;
  discussed: number;
  /** finishedRequired / required, 4 decimals; 0 when the list has no required item. */
  completion: number;
}

export interface ProgressReportView {
  listId: string;
  /** The unit whose people are reported (null: everyone who can see an organisation-wide list). */
  unitId: string | null;
  required: number;
  members: MemberProgressView[];
}

export interface NewReadingItem {
  title: string;
  category: ReadingCategory;
  materialUrl?: string | null;
  required?: boolean;
}

export interface NewReadingList {
  year: number;
  title: string;
  unitId?: string | null;
  items: NewReadingItem[];
}
