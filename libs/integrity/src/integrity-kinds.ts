export const TALK_KINDS = ['leader_staff', 'secretary_member', 'reminder', 'pre_appointment'] as const;
export type TalkKind = (typeof TALK_KINDS)[number];

export const DECLARATION_KINDS = ['wedding', 'funeral', 'other'] as const;
export type DeclarationKind = (typeof DECLARATION_KINDS)[number];

/** Named official holidays a reminder may be tied to; matched against the calendar's day names (清明 → 清明节). */
export const HOLIDAY_NAMES = ['元旦', '春节', '清明', '劳动节', '端午', '中秋', '国庆'] as const;
export type HolidayName = (typeof HOLIDAY_NAMES)[number];

export interface PersonRef {
  userId: string;
  displayName: string;
}

export interface TalkView {
  id: string;
  kind: TalkKind;
  talkerId: string;
  talkerName: string;
  talkeeId: string;
  talkeeName: string;
  at: Date;
  place: string | null;
  /** Null for the talkee of a private talk. */
  summary: string | null;
  response: string | null;
  private: boolean;
  followUps: string[];
  createdAt: Date;
}

export interface CoverageView {
  planId: string;
  title: string;
  kind: TalkKind;
  unitId: string;
  from: string;
  to: string;
  required: number;
  done: number;
  /** done / required (1 when nobody is required). */
  coverage: number;
  missing: PersonRef[];
  followUps: { open: number; closed: number; overdue: number };
}

export interface ReminderView {
  id: string;
  title: string;
  body: string;
  senderId: string;
  audience: { unitIds: string[]; userIds: string[] };
  holiday: { name: string; daysBefore: number } | null;
  sendAt: Date;
  sentAt: Date | null;
}

export interface ReminderSummary extends ReminderView {
  recipients: number;
  acknowledged: number;
}

/** A sent reminder as one of its recipients reads it. */
export interface ReceivedReminder {
  id: string;
  title: string;
  body: string;
  sentAt: Date;
  senderName: string;
  acknowledgedAt: Date | null;
}

export interface ReminderReport extends ReminderView {
  recipients: number;
  acknowledged: number;
  notAcknowledged: PersonRef[];
}

export interface DeclarationView {
  id: string;
  userId: string;
  displayName: string;
  kind: DeclarationKind;
  eventDate: string;
  place: string;
  guests: number | null;
  tables: number | null;
  note: string | null;
  createdAt: Date;
  acknowledgedBy: string | null;
  acknowledgedAt: Date | null;
  comment: string | null;
}
