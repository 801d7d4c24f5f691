import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A study item of the catalog (学习资料库); SQL in libs/sessions' CatalogRepository. */
@Entity('catalog_items')
export class CatalogItem {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') title: string;
  @Column('text') kind: string;
  @Column('text', { nullable: true }) summary: string | null;
  @Column('text', { name: 'material_url', nullable: true }) materialUrl: string | null;
  @Column('int', { name: 'duration_minutes', nullable: true }) durationMinutes: number | null;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** A menu (套餐): a reusable programme with required main-course kinds; SQL in CatalogRepository. */
@Entity('menus')
export class Menu {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('text', { name: 'required_kinds', array: true }) requiredKinds: string[];
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('menu_items')
export class MenuItem {
  @PrimaryColumn('uuid', { name: 'menu_id' }) menuId: string;
  @PrimaryColumn('int') position: number;
  @Column('uuid', { name: 'catalog_item_id' }) catalogItemId: string;
  @Column('text') course: string;
}

/** A study session (学习会); SQL in libs/sessions' SessionRepository. */
@Entity('sessions')
export class StudySession {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'unit_id' }) unitId: string;
  @Column('text') title: string;
  @Column('text') kind: string;
  @Column('text') status: string;
  @Column('timestamptz', { name: 'starts_at' }) startsAt: Date;
  @Column('timestamptz', { name: 'ends_at' }) endsAt: Date;
  @Column('text', { nullable: true }) location: string | null;
  @Column('uuid', { name: 'series_id', nullable: true }) seriesId: string | null;
  @Column('uuid', { name: 'menu_id', nullable: true }) menuId: string | null;
  @Column('text', { name: 'cancel_reason', nullable: true }) cancelReason: string | null;
  /** The check-in code secret: never sent out (select it explicitly). */
  @Column('bytea', { name: 'checkin_secret', select: false }) checkinSecret: Buffer;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
  @Column('timestamptz', { name: 'published_at', nullable: true }) publishedAt: Date | null;
  @Column('timestamptz', { name: 'completed_at', nullable: true }) completedAt: Date | null;
  @Column('timestamptz', { name: 'cancelled_at', nullable: true }) cancelledAt: Date | null;
}

@Entity('session_menu_items')
export class SessionMenuItem {
  @PrimaryColumn('uuid', { name: 'session_id' }) sessionId: string;
  @PrimaryColumn('int') position: number;
  @Column('uuid', { name: 'catalog_item_id' }) catalogItemId: string;
  @Column('text') course: string;
  @Column('uuid', { name: 'presenter_id', nullable: true }) presenterId: string | null;
  @Column('uuid', { name: 'reading_item_id', nullable: true }) readingItemId: string | null;
}
