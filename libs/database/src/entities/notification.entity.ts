import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('notifications')
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  @Column('text')
  kind: string;

  @Column('text')
  title: string;

  @Column('text', { default: '' })
  body: string;

  @Column('text', { nullable: true })
  link: string | null;

  /** Identifies the event; (event_key, user_id) is unique, so a retried job notifies nobody twice. */
  @Column('text', { name: 'event_key' })
  eventKey: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'read_at', nullable: true })
  readAt: Date | null;
}
