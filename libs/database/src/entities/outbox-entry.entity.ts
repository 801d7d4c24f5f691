import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Work recorded in PostgreSQL in the same transaction as the change that causes it.
 * The worker's relay copies pending rows into BullMQ; the row is done when its job has run.
 */
@Entity('outbox')
export class OutboxEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column('text', { name: 'job_id' })
  jobId: string;

  @Column('text')
  queue: string;

  @Column('text')
  name: string;

  @Column('jsonb')
  payload: unknown;

  @Column('timestamptz', { name: 'run_at', default: () => 'now()' })
  runAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'relayed_at', nullable: true })
  relayedAt: Date | null;

  @Column('timestamptz', { name: 'done_at', nullable: true })
  doneAt: Date | null;
}
