import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { anyOf, empty, join, many, one, page, raw, Role, sql, Sql, updated } from '@qf/database';
import { DataSource, EntityManager } from 'typeorm';
import { peopleOfUnitSql, unitSubtree } from './unit-sql';

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string;
  active: boolean;
}

/** A user with what login and token checks need. */
/** An active member or organiser. */
export interface PersonRow {
  id: string;
  unitId: string;
  displayName: string;
}

export interface UserAuthRow extends UserRow {
  passwordHash: string;
  tokenVersion: number;
  mustChangePassword: boolean;
}

export interface UserFilter {
  /** Only users of this unit's subtree (the caller's units). */
  withinUnitId?: string;
  unitId?: string;
  role?: Role;
  /** Matches username or display name, case-insensitively. */
  text?: string;
  limit: number;
  offset: number;
}

export interface UserPatch {
  displayName: string | null;
  role: Role | null;
  unitId: string | null;
  active: boolean | null;
}

const USER_COLUMNS = raw(`id, username, display_name AS "displayName", role, unit_id AS "unitId", active`);
const AUTH_COLUMNS = raw(`token_version AS "tokenVersion", must_change_password AS "mustChangePassword"`);

/** All SQL of `users`. */
@Injectable()
export class UserRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Inserts the user when the unit exists and the username is free; undefined otherwise. */
  async insert(u: { username: string; displayName: string; passwordHash: string; role: Role; unitId: string }): Promise<UserRow | undefined> {
    return one<UserRow>(
      this.dataSource,
      sql`INSERT INTO users (username, display_name, password_hash, role, unit_id)
          SELECT ${u.username}, ${u.displayName}, ${u.passwordHash}, ${u.role}, un.id FROM units un WHERE un.id = ${u.unitId}
          ON CONFLICT DO NOTHING
          RETURNING ${USER_COLUMNS}`,
    );
  }

  /** Inserts the users (one INSERT … SELECT unnest, all with one password hash); taken usernames are skipped. */
  async insertMany(em: EntityManager, users: { username: string; displayName: string; role: Role; unitId: string }[], passwordHash: string): Promise<void> {
    await many(
      em,
      sql`INSERT INTO users (username, display_name, password_hash, role, unit_id)
          SELECT username, display_name, ${passwordHash}, role, unit_id
            FROM unnest(${users.map((u) => u.username)}::text[], ${users.map((u) => u.displayName)}::text[],
                        ${users.map((u) => u.role)}::text[], ${users.map((u) => u.unitId)}::uuid[]) AS t(username, display_name, role, unit_id)
          ON CONFLICT DO NOTHING`,
    );
  }

  /** Ids of the users with these usernames, by lower-case username. */
  async idsByUsername(em: EntityManager, usernames: string[]): Promise<Map<string, string>> {
    const rows = await many<{ id: string; username: string }>(
      em,
      sql`SELECT id, lower(username) AS username FROM users WHERE lower(username) ${anyOf(usernames.map((u) => u.toLowerCase()), 'text')}`,
    );
    return new Map(rows.map((r) => [r.username, r.id]));
  }

  /** The people of the unit (active members and organisers of it or below), by username. */
  async peopleOfUnit(em: EntityManager, unitId: string): Promise<{ id: string; username: string }[]> {
    return many(em, sql`SELECT u.id, u.username FROM users u WHERE u.id IN (${peopleOfUnitSql(unitId)}) ORDER BY u.username`);
  }

  /** The name of the unit of the user with this username (any case), if there is one. */
  async unitNameOf(username: string): Promise<string | undefined> {
    return (await one<{ name: string }>(this.dataSource, sql`SELECT un.name FROM users u JOIN units un ON un.id = u.unit_id WHERE lower(u.username) = lower(${username})`))?.name;
  }

  async usernameExists(username: string): Promise<boolean> {
    return !!(await one(this.dataSource, sql`SELECT 1 FROM users WHERE lower(username) = lower(${username})`));
  }

  async findById(id: string): Promise<UserRow | undefined> {
    return one<UserRow>(this.dataSource, sql`SELECT ${USER_COLUMNS} FROM users WHERE id = ${id}`);
  }

  /** By username, case-insensitively, with the password hash. */
  async findForLogin(username: string): Promise<UserAuthRow | undefined> {
    return one<UserAuthRow>(
      this.dataSource,
      sql`SELECT ${USER_COLUMNS}, password_hash AS "passwordHash", ${AUTH_COLUMNS} FROM users WHERE lower(username) = lower(${username})`,
    );
  }

  /** By id, without the password hash. */
  async findForToken(id: string): Promise<Omit<UserAuthRow, 'passwordHash'> | undefined> {
    return one(this.dataSource, sql`SELECT ${USER_COLUMNS}, ${AUTH_COLUMNS} FROM users WHERE id = ${id}`);
  }

  async findUsernameAndHash(id: string): Promise<{ username: string; passwordHash: string } | undefined> {
    return one(this.dataSource, sql`SELECT username, password_hash AS "passwordHash" FROM users WHERE id = ${id}`);
  }

  /** Sets the hash and revokes every token of the user; false when there is no such user. */
  async setPassword(id: string, passwordHash: string, mustChangePassword: boolean): Promise<boolean> {
    const rows = await updated(
      this.dataSource,
      sql`UPDATE users SET password_hash = ${passwordHash}, must_change_password = ${mustChangePassword}, token_version = token_version + 1,
                           updated_at = now()
           WHERE id = ${id} RETURNING id`,
    );
    return rows.length > 0;
  }

  /** A page of users in username order, and the total. */
  async page(f: UserFilter): Promise<{ items: UserRow[]; total: number }> {
    const where: Sql[] = [];
    if (f.withinUnitId) where.push(sql`unit_id IN (${unitSubtree(f.withinUnitId)})`);
    if (f.unitId) where.push(sql`unit_id IN (${unitSubtree(f.unitId)})`);
    if (f.role) where.push(sql`role = ${f.role}`);
    if (f.text) {
      const like = `%${f.text.replace(/[\\%_]/g, '\\$&')}%`;
      where.push(sql`(username ILIKE ${like} OR display_name ILIKE ${like})`);
    }
    const filter = where.length ? sql`WHERE ${join(where, ' AND ')}` : empty;
    const rows = await many<UserRow & { total: string }>(
      this.dataSource,
      sql`SELECT ${USER_COLUMNS}, count(*) OVER () AS total FROM users ${filter} ORDER BY username ${page(f.limit, f.offset)}`,
    );
    const total = rows.length
      ? Number(rows[0].total)
      : (await one<{ n: number }>(this.dataSource, sql`SELECT count(*)::int AS n FROM users ${filter}`))!.n;
    return { items: rows.map(({ total: _total, ...user }) => user), total };
  }

  /** Applies the non-null fields; deactivation revokes every token at once. */
  async update(id: string, p: UserPatch): Promise<UserRow | undefined> {
    const [row] = await updated<UserRow>(
      this.dataSource,
      sql`UPDATE users SET
            display_name = coalesce(${p.displayName}, display_name),
            role = coalesce(${p.role}, role),
            unit_id = coalesce(${p.unitId}::uuid, unit_id),
            active = coalesce(${p.active}::boolean, active),
            token_version = token_version + CASE WHEN ${p.active}::boolean = false THEN 1 ELSE 0 END,
            updated_at = now()
          WHERE id = ${id} RETURNING ${USER_COLUMNS}`,
    );
    return row;
  }

  /** Serialises processes that create the first admin (transaction-scoped). */
  async lockAdminBootstrap(em: EntityManager): Promise<void> {
    await em.query('SELECT pg_advisory_xact_lock(7263002)');
  }

  async countActiveAdmins(em: EntityManager): Promise<number> {
    return (await one<{ n: number }>(em, sql`SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND active`))!.n;
  }

  /** The active members and organisers (people who may own items, be talked to or reminded) among `ids`, in one query. */
  async people(ids: string[]): Promise<PersonRow[]> {
    if (ids.length === 0) return [];
    return many<PersonRow>(
      this.dataSource,
      sql`SELECT id, unit_id AS "unitId", display_name AS "displayName" FROM users WHERE id = ANY(${ids}::uuid[]) AND active AND role IN ('member', 'organiser')`,
    );
  }

  /** One active member or organiser, or undefined. */
  async person(id: string): Promise<PersonRow | undefined> {
    return (await this.people([id]))[0];
  }

  /** Active users among `ids`, with their units. */
  async activeUnitsOf(ids: string[]): Promise<{ id: string; unitId: string }[]> {
    return many(this.dataSource, sql`SELECT id, unit_id AS "unitId" FROM users WHERE id = ANY(${ids}::uuid[]) AND active`);
  }
}
