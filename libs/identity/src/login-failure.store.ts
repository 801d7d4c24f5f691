import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { many, one, sql } from '@qf/database';
import { DataSource } from 'typeorm';

export interface LoginLimits {
  windowSeconds: number;
  maxPerUser: number;
  maxPerAddress: number;
}

/** All SQL of `login_failures`: counted per username and address in PostgreSQL (see LoginLimiter). */
@Injectable()
export class LoginFailureStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One round trip: login_reserve() locks the username, then the address, then counts and inserts
   * (migration LoginAttemptReserve), so the locks are held for well under a millisecond. Returns the
   * reservation's id, or null when a limit is reached.
   */
  async reserve(username: string, address: string, limits: LoginLimits): Promise<string | null> {
    const row = await one<{ id: string | null }>(
      this.dataSource,
      sql`SELECT login_reserve(${username}, ${address}, ${limits.windowSeconds}, ${limits.maxPerUser}, ${limits.maxPerAddress})::text AS id`,
    );
    return row!.id;
  }

  /** Takes the reservation back and clears the user's failures. */
  async clear(reservationId: string, username: string): Promise<void> {
    await many(this.dataSource, sql`DELETE FROM login_failures WHERE id = ${reservationId}::bigint OR lower(username) = lower(${username})`);
  }

  /** Forgets failures older than a day (the maintenance prune job). */
  async pruneOld(): Promise<void> {
    await many(this.dataSource, sql`DELETE FROM login_failures WHERE at < now() - interval '1 day'`);
  }
}
