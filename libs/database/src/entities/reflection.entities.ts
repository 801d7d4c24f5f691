import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A reflection assignment (观后感); SQL in libs/reflections' ReflectionRepository. */
@Entity('reflection_assignments')
export class ReflectionAssignment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') title: string;
  @Column('text') prompt: string;
  @Column('uuid', { name: 'session_id', nullable: true }) sessionId: string | null;
  @Column('uuid', { name: 'owner_unit_id' }) ownerUnitId: string;
  @Column('uuid', { name: 'audience_unit_ids', array: true }) audienceUnitIds: string[];
  @Column('uuid', { name: 'audience_user_ids', array: true }) audienceUserIds: string[];
  @Column('uuid', { name: 'audience_session_id', nullable: true }) audienceSessionId: string | null;
  @Column('text', { name: 'audience_statuses', array: true }) audienceStatuses: string[];
  @Column('int', { name: 'min_chars' }) minChars: number;
  @Column('timestamptz', { name: 'due_at' }) dueAt: Date;
  @Column('double precision', { name: 'warn_yellow' }) warnYellow: number;
  @Column('double precision', { name: 'warn_orange' }) warnOrange: number;
  @Column('text') status: string;
  @Column('uuid', { name: 'fanout_cursor', nullable: true }) fanoutCursor: string | null;
  @Column('timestamptz', { name: 'red_digest_sent_at', nullable: true }) redDigestSentAt: Date | null;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'opened_at', nullable: true }) openedAt: Date | null;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt: Date | null;
}

/** One person's task of an assignment: their essay, its submissions, review and warnings. */
@Entity('reflection_tasks')
export class ReflectionTask {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'assignment_id' }) assignmentId: string;
  @Column('uuid', { name: 'user_id' }) userId: string;
  @Column('text') status: string;
  @Column('timestamptz', { name: 'due_at' }) dueAt: Date;
  @Column('boolean') extended: boolean;
  @Column('text') body: string;
  @Column('int', { name: 'char_count' }) charCount: number;
  @Column('timestamptz', { name: 'submitted_at', nullable: true }) submittedAt: Date | null;
  @Column('boolean') late: boolean;
  @Column('int', { name: 'submission_version' }) submissionVersion: number;
  @Column('int', { name: 'collected_version' }) collectedVersion: number;
  @Column('real', { name: 'similarity_score', nullable: true }) similarityScore: number | null;
  @Column('uuid', { name: 'similar_task_id', nullable: true }) similarTaskId: string | null;
  @Column('text', { name: 'review_comment', nullable: true }) reviewComment: string | null;
  @Column('uuid', { name: 'reviewed_by', nullable: true }) reviewedBy: string | null;
  @Column('timestamptz', { name: 'reviewed_at', nullable: true }) reviewedAt: Date | null;
  @Column('boolean', { name: 'warned_yellow' }) warnedYellow: boolean;
  @Column('boolean', { name: 'warned_red' }) warnedRed: boolean;
  @Column('timestamptz', { name: 'submit_window_at', nullable: true }) submitWindowAt: Date | null;
  @Column('int', { name: 'submit_window_count' }) submitWindowCount: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}

/** MinHash signature of a task's last collected submission. */
@Entity('reflection_signatures')
export class ReflectionSignature {
  @PrimaryColumn('uuid', { name: 'task_id' }) taskId: string;
  @Column('uuid', { name: 'assignment_id' }) assignmentId: string;
  @Column('int') version: number;
  @Column('int', { array: true }) signature: number[];
}

/** LSH bucket of a task's signature in one band: tasks sharing a bucket are candidate look-alikes. */
@Entity('reflection_lsh_buckets')
export class ReflectionLshBucket {
  @PrimaryColumn('uuid', { name: 'assignment_id' }) assignmentId: string;
  @PrimaryColumn('smallint') band: number;
  @PrimaryColumn('int', { name: 'bucket_hash' }) bucketHash: number;
  @PrimaryColumn('uuid', { name: 'task_id' }) taskId: string;
}
