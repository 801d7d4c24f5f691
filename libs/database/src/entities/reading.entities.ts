import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** An annual reading list (年度党风党纪教育清单); SQL in libs/reading's ReadingRepository. */
@Entity('reading_lists')
export class ReadingList {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('int') year: number;
  @Column('text') title: string;
  /** null: organisation-wide. */
  @Column('uuid', { name: 'unit_id', nullable: true }) unitId: string | null;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}

/** An item of a reading list, at `position` 1…n. */
@Entity('reading_items')
export class ReadingItem {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'list_id' }) listId: string;
  @Column('int') position: number;
  @Column('text') title: string;
  @Column('text') category: string;
  @Column('text', { name: 'material_url', nullable: true }) materialUrl: string | null;
  @Column('boolean') required: boolean;
}

/** A person's own progress on an item; `discussed_at` is written by discussion credit only. */
@Entity('reading_progress')
export class ReadingProgress {
  @PrimaryColumn('uuid', { name: 'user_id' }) userId: string;
  @PrimaryColumn('uuid', { name: 'item_id' }) itemId: string;
  @Column('text') status: string;
  @Column('text', { nullable: true }) note: string | null;
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt: Date | null;
  @Column('timestamptz', { name: 'discussed_at', nullable: true }) discussedAt: Date | null;
  @Column('uuid', { name: 'discussed_session_id', nullable: true }) discussedSessionId: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
