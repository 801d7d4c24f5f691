import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A failed (or reserved, in-flight) login attempt; SQL in libs/identity's LoginFailureStore and login_reserve(). */
@Entity('login_failures')
export class LoginFailure {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('text') username: string;
  @Column('text') address: string;
  @Column('timestamptz') at: Date;
}
