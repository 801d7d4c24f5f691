import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** An integrity talk (廉政谈话); SQL in libs/integrity's TalkRepository. */
@Entity('talks')
export class Talk {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') kind: string;
  @Column('uuid', { name: 'talker_id' }) talkerId: string;
  @Column('uuid', { name: 'talkee_id' }) talkeeId: string;
  @Column('timestamptz') at: Date;
  @Column('text', { nullable: true }) place: string | null;
  @Column('text') summary: string;
  @Column('text', { nullable: true }) response: string | null;
  @Column('boolean') private: boolean;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}

/** A follow-up of a talk: a supervision item of kind `talk_followup`. */
@Entity('talk_followups')
export class TalkFollowup {
  @PrimaryColumn('uuid', { name: 'talk_id' }) talkId: string;
  @PrimaryColumn('uuid', { name: 'item_id' }) itemId: string;
}

/** A talk plan (谈话全覆盖): every person of a unit must have a talk of a kind within a period. */
@Entity('talk_plans')
export class TalkPlan {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') title: string;
  @Column('text') kind: string;
  @Column('uuid', { name: 'unit_id' }) unitId: string;
  @Column('date', { name: 'period_from' }) periodFrom: string;
  @Column('date', { name: 'period_to' }) periodTo: string;
  @Column('timestamptz', { name: 'starts_at' }) startsAt: Date;
  @Column('timestamptz', { name: 'ends_at' }) endsAt: Date;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('boolean', { name: 'warned_yellow' }) warnedYellow: boolean;
  @Column('boolean', { name: 'warned_red' }) warnedRed: boolean;
}

/** A holiday integrity reminder (节日廉政提醒), sent once by the worker at send_at. */
@Entity('reminders')
export class Reminder {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') title: string;
  @Column('text') body: string;
  @Column('uuid', { name: 'sender_id' }) senderId: string;
  @Column('uuid', { name: 'unit_ids', array: true }) unitIds: string[];
  @Column('uuid', { name: 'user_ids', array: true }) userIds: string[];
  @Column('text', { name: 'holiday_name', nullable: true }) holidayName: string | null;
  @Column('int', { name: 'days_before', nullable: true }) daysBefore: number | null;
  @Column('timestamptz', { name: 'send_at' }) sendAt: Date;
  @Column('timestamptz', { name: 'sent_at', nullable: true }) sentAt: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}

@Entity('reminder_recipients')
export class ReminderRecipient {
  @PrimaryColumn('uuid', { name: 'reminder_id' }) reminderId: string;
  @PrimaryColumn('uuid', { name: 'user_id' }) userId: string;
  @Column('timestamptz', { name: 'acknowledged_at', nullable: true }) acknowledgedAt: Date | null;
}

/** A personal declaration (婚丧喜庆事宜报备). */
@Entity('declarations')
export class Declaration {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'user_id' }) userId: string;
  @Column('text') kind: string;
  @Column('date', { name: 'event_date' }) eventDate: string;
  @Column('text') place: string;
  @Column('int', { nullable: true }) guests: number | null;
  @Column('int', { nullable: true }) tables: number | null;
  @Column('text', { nullable: true }) note: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('uuid', { name: 'acknowledged_by', nullable: true }) acknowledgedBy: string | null;
  @Column('timestamptz', { name: 'acknowledged_at', nullable: true }) acknowledgedAt: Date | null;
  @Column('text', { name: 'ack_comment', nullable: true }) ackComment: string | null;
}

/** Append-only: who read whose dossier. */
@Entity('dossier_access_log')
export class DossierAccess {
  @PrimaryGeneratedColumn('increment') id: string;
  @Column('uuid', { name: 'person_id' }) personId: string;
  @Column('uuid', { name: 'viewer_id' }) viewerId: string;
  @Column('int') year: number;
  @Column('text') format: string;
  @Column('timestamptz') at: Date;
}
