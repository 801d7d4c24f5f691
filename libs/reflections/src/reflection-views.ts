import { Warning, WARNING_SQL } from './warning';

export type AssignmentStatus = 'dispatching' | 'open' | 'closed';
export type TaskStatus = 'assigned' | 'draft' | 'submitted' | 'returned' | 'approved';
export const TASK_STATUSES: TaskStatus[] = ['assigned', 'draft', 'submitted', 'returned', 'approved'];

export interface AssignmentCounts {
  /** Tasks created. */
  assigned: number;
  /** Tasks handed in and not sent back: submitted (awaiting review) or approved. */
  submitted: number;
  approved: number;
  returned: number;
  /** Tasks still to be written (assigned, draft, returned) whose due time has passed. */
  overdue: number;
}

export interface AssignmentView {
  id: string;
  title: string;
  prompt: string;
  sessionId: string | null;
  minChars: number;
  dueAt: Date;
  status: AssignmentStatus;
  warningThresholds: { yellow: number; orange: number };
  audience: { unitIds: string[]; userIds: string[]; sessionId: string | null; attendanceStatuses: string[] };
  ownerUnitId: string;
  createdBy: string;
  createdAt: Date;
  counts: AssignmentCounts;
}

export interface TaskView {
  id: string;
  assignmentId: string;
  assignmentTitle: string;
  userId: string;
  displayName: string;
  status: TaskStatus;
  dueAt: Date;
  extended: boolean;
  minChars: number;
  body: string;
  charCount: number;
  submittedAt: Date | null;
  late: boolean;
  /** Absent in the owner's own view (similarity is for reviewers). */
  similarity?: { score: number; similarTaskId: string | null } | null;
  reviewComment: string | null;
  warning: Warning;
}

/** Columns of an assignment row `a` (counts are added separately). */
export const ASSIGNMENT_COLUMNS = `a.id, a.title, a.prompt, a.session_id, a.min_chars, a.due_at, a.status, a.warn_yellow, a.warn_orange,
  a.audience_unit_ids, a.audience_user_ids, a.audience_session_id, a.audience_statuses, a.owner_unit_id, a.created_by, a.created_at`;

export interface AssignmentRow {
  id: string;
  title: string;
  prompt: string;
  session_id: string | null;
  min_chars: number;
  due_at: Date;
  status: AssignmentStatus;
  warn_yellow: number;
  warn_orange: number;
  audience_unit_ids: string[];
  audience_user_ids: string[];
  audience_session_id: string | null;
  audience_statuses: string[];
  owner_unit_id: string;
  created_by: string;
  created_at: Date;
}

export const EMPTY_COUNTS: AssignmentCounts = { assigned: 0, submitted: 0, approved: 0, returned: 0, overdue: 0 };

export function toAssignmentView(r: AssignmentRow, counts: AssignmentCounts = EMPTY_COUNTS): AssignmentView {
  return {
    id: r.id,
    title: r.title,
    prompt: r.prompt,
    sessionId: r.session_id,
    minChars: r.min_chars,
    dueAt: r.due_at,
    status: r.status,
    warningThresholds: { yellow: r.warn_yellow, orange: r.warn_orange },
    audience: {
      unitIds: r.audience_unit_ids,
      userIds: r.audience_user_ids,
      sessionId: r.audience_session_id,
      attendanceStatuses: r.audience_statuses,
    },
    ownerUnitId: r.owner_unit_id,
    createdBy: r.created_by,
    createdAt: r.created_at,
    counts: { ...counts },
  };
}

/** Columns of a task `t` joined to its assignment `a` and owner `u`, warning computed from the clock. */
export const TASK_COLUMNS = `t.id, t.assignment_id AS "assignmentId", a.title AS "assignmentTitle", t.user_id AS "userId",
  u.display_name AS "displayName", t.status, t.due_at AS "dueAt", t.extended, a.min_chars AS "minChars", t.body,
  t.char_count AS "charCount", t.submitted_at AS "submittedAt", t.late, t.similarity_score AS "similarityScore",
  t.similar_task_id AS "similarTaskId", t.collected_version AS "collectedVersion", t.review_comment AS "reviewComment",
  ${WARNING_SQL} AS warning`;

export const TASK_FROM = `reflection_tasks t JOIN reflection_assignments a ON a.id = t.assignment_id JOIN users u ON u.id = t.user_id`;

export type TaskRow = Omit<TaskView, 'similarity'> & { similarityScore: number | null; similarTaskId: string | null; collectedVersion: number };

/**
 * The view of a task for `viewerId`. Similarity is for reviewers: the owner's own view has no
 * `similarity` key at all; others get the score (null until the latest submission is collected).
 */
export function toTaskView(r: TaskRow, viewerId: string): TaskView {
  const { similarityScore, similarTaskId, collectedVersion, ...rest } = r;
  if (r.userId === viewerId) return rest;
  return {
    ...rest,
    similarity: similarityScore === null || collectedVersion === 0 ? null : { score: Number(similarityScore), similarTaskId },
  };
}
