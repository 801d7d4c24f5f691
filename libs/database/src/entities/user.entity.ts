import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const ROLES = ['member', 'organiser', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text', { unique: true })
  username: string;

  @Column('text', { name: 'display_name' })
  displayName: string;

  /** argon2id hash; never selected unless asked for explicitly. */
  @Column('text', { name: 'password_hash', select: false })
  passwordHash: string;

  @Column('text')
  role: Role;

  @Column('uuid', { name: 'unit_id' })
  unitId: string;

  @Column('boolean', { default: true })
  active: boolean;

  /** When tokens were last revoked (password change, deactivation). */
  @Column('timestamptz', { name: 'tokens_valid_after', default: () => 'now()' })
  tokensValidAfter: Date;

  /** Carried in each token as `ver`; bumped to revoke every token issued before. */
  @Column('int', { name: 'token_version', default: 0 })
  tokenVersion: number;

  /** Set by an admin's password reset; until the user picks a new password only GET /me and POST /me/password work. */
  @Column('boolean', { name: 'must_change_password', default: false })
  mustChangePassword: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
