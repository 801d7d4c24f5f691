import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A supervised matter (督办事项); SQL in libs/supervision's SupervisionItemRepository. */
@Entity('supervision_items')
export class SupervisionItem {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') kind: string;
  @Column('text') title: string;
  @Column('text') detail: string;
  @Column('text', { nullable: true }) source: string | null;
  @Column('uuid', { name: 'unit_id' }) unitId: string;
  @Column('uuid', { name: 'owner_id' }) ownerId: string;
  @Column('uuid', { name: 'supervisor_id' }) supervisorId: string;
  @Column('uuid', { name: 'campaign_id', nullable: true }) campaignId: string | null;
  @Column('int', { name: 'time_limit_days' }) timeLimitDays: number;
  @Column('timestamptz', { name: 'assigned_at' }) assignedAt: Date;
  @Column('timestamptz', { name: 'original_due_at' }) originalDueAt: Date;
  @Column('timestamptz', { name: 'due_at' }) dueAt: Date;
  @Column('timestamptz', { name: 'ack_due_at' }) ackDueAt: Date;
  @Column('text') status: string;
  @Column('timestamptz', { name: 'accepted_at', nullable: true }) acceptedAt: Date | null;
  @Column('timestamptz', { name: 'reported_at', nullable: true }) reportedAt: Date | null;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt: Date | null;
  @Column('uuid', { name: 'closed_by', nullable: true }) closedBy: string | null;
  @Column('boolean') late: boolean;
  @Column('boolean', { name: 'warned_yellow' }) warnedYellow: boolean;
  @Column('boolean', { name: 'warned_red' }) warnedRed: boolean;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}

/** An extension request of an item; the item's original due time stays on record. */
@Entity('supervision_extensions')
export class SupervisionExtension {
  @PrimaryColumn('uuid', { name: 'item_id' }) itemId: string;
  @PrimaryColumn('int') n: number;
  @Column('timestamptz', { name: 'from_due_at' }) fromDueAt: Date;
  @Column('timestamptz', { name: 'to_due_at' }) toDueAt: Date;
  @Column('text') reason: string;
  @Column('text') status: string;
  @Column('uuid', { name: 'requested_by' }) requestedBy: string;
  @Column('timestamptz', { name: 'requested_at' }) requestedAt: Date;
  @Column('uuid', { name: 'decided_by', nullable: true }) decidedBy: string | null;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt: Date | null;
}

/** Progress notes, reports, returns and closing comments of an item. */
@Entity('supervision_progress')
export class SupervisionProgress {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column('uuid', { name: 'item_id' }) itemId: string;
  @Column('text') kind: string;
  @Column('text') note: string;
  @Column('uuid', { name: 'by_id' }) byId: string;
  @Column('timestamptz') at: Date;
}

/** One row per weekly digest sent (the week's local Monday). */
@Entity('supervision_digest_runs')
export class SupervisionDigestRun {
  @PrimaryColumn('date') week: string;
  @Column('timestamptz', { name: 'ran_at' }) ranAt: Date;
  @Column('int') recipients: number;
}

/** A rectification campaign (整改清单); its entries are supervision items of kind rectification. */
@Entity('rectification_campaigns')
export class RectificationCampaign {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') title: string;
  @Column('uuid', { name: 'unit_ids', array: true }) unitIds: string[];
  @Column('timestamptz', { name: 'list_due_at' }) listDueAt: Date;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'reminded_at', nullable: true }) remindedAt: Date | null;
}

/** Who filed their list in a campaign. */
@Entity('rectification_filings')
export class RectificationFiling {
  @PrimaryColumn('uuid', { name: 'campaign_id' }) campaignId: string;
  @PrimaryColumn('uuid', { name: 'user_id' }) userId: string;
  @Column('timestamptz', { name: 'filed_at' }) filedAt: Date;
}
