import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A person's record on a session's roster; SQL in libs/attendance's AttendanceRepository. */
@Entity('attendance_records')
export class AttendanceRecord {
  @PrimaryColumn('uuid', { name: 'session_id' }) sessionId: string;
  @PrimaryColumn('uuid', { name: 'user_id' }) userId: string;
  @Column('text') status: string;
  @Column('timestamptz', { name: 'checked_in_at', nullable: true }) checkedInAt: Date | null;
  @Column('timestamptz', { name: 'made_up_at', nullable: true }) madeUpAt: Date | null;
  @Column('text', { name: 'made_up_summary', nullable: true }) madeUpSummary: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}

/** An entry of the append-only attendance log (the database refuses UPDATE and DELETE). */
@Entity('attendance_log')
export class AttendanceLogRow {
  @PrimaryGeneratedColumn({ type: 'bigint' }) seq: string;
  @Column('uuid', { name: 'session_id' }) sessionId: string;
  @Column('uuid', { name: 'user_id' }) userId: string;
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId: string | null;
  @Column('text') action: string;
  @Column('text', { name: 'from_status', nullable: true }) fromStatus: string | null;
  @Column('text', { name: 'to_status' }) toStatus: string;
  @Column('text', { nullable: true }) reason: string | null;
  @Column('timestamptz') at: Date;
}

/** The hash chain over the log, written by the sealer (append-only too). */
@Entity('attendance_log_seals')
export class AttendanceLogSeal {
  @PrimaryColumn('bigint') seq: string;
  @Column('text', { name: 'prev_hash' }) prevHash: string;
  @Column('text') hash: string;
  @Column('timestamptz', { name: 'sealed_at' }) sealedAt: Date;
}

/** A leave request (请假). */
@Entity('leave_requests')
export class LeaveRequest {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'session_id' }) sessionId: string;
  @Column('uuid', { name: 'user_id' }) userId: string;
  @Column('text') reason: string;
  @Column('text') status: string;
  @Column('text', { nullable: true }) comment: string | null;
  @Column('uuid', { name: 'decided_by', nullable: true }) decidedBy: string | null;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** Wrong check-in codes per person and session (the lock-out counter). */
@Entity('checkin_failures')
export class CheckInFailure {
  @PrimaryColumn('uuid', { name: 'session_id' }) sessionId: string;
  @PrimaryColumn('uuid', { name: 'user_id' }) userId: string;
  @Column('int') failures: number;
  @Column('timestamptz', { name: 'last_failed_at' }) lastFailedAt: Date;
}
