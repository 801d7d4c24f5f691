import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A node of the organisation tree (department → branch → party group). */
@Entity('units')
export class Unit {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('uuid', { name: 'parent_id', nullable: true })
  parentId: string | null;

  /** Materialised path of ids from the root, each followed by '/': subtree = `path LIKE prefix || '%'`. */
  @Column('text', { select: true })
  path: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
