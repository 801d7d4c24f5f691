import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthUser, BadInputError, ConflictError, NotFoundError, Page } from '@qf/common';
import { Role, ROLES, User } from '@qf/database';
import { DataSource } from 'typeorm';
import { AccessPolicy } from './access-policy';
import { PasswordHasher } from './password-hasher';
import { subtreeUnitIds } from './unit-sql';

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string;
  active: boolean;
}

export const toUserView = (u: User | UserView): UserView => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  unitId: u.unitId,
  active: u.active,
});

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  unitId: string;
}

const USER_COLUMNS = `id, username, display_name AS "displayName", role, unit_id AS "unitId", active`;
export const USERNAME_PATTERN = /^[A-Za-z0-9_.@-]{2,64}$/;

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly policy: AccessPolicy,
  ) {}

  /** Creates a user; a taken username (case-insensitive) is a ConflictError. */
  async create(input: NewUser, passwordHash?: string): Promise<UserView> {
    this.checkNewUser(input);
    const hash = passwordHash ?? (await this.hasher.hash(input.password));
    const rows: UserView[] = await this.dataSource.query(
      `INSERT INTO users (username, display_name, password_hash, role, unit_id)
       SELECT $1, $2, $3, $4, u.id FROM units u WHERE u.id = $5
       ON CONFLICT DO NOTHING
       RETURNING ${USER_COLUMNS}`,
      [input.username, input.displayName.trim(), hash, input.role, input.unitId],
    );
    if (rows.length === 0) {
      const unit = await this.dataSource.query(`SELECT 1 FROM units WHERE id = $1`, [input.unitId]);
      if (unit.length === 0) throw new BadInputError('unitId must be the id of an existing unit');
      throw new ConflictError(`username "${input.username}" is already taken`);
    }
    return rows[0];
  }

  checkNewUser(input: NewUser): void {
    if (!USERNAME_PATTERN.test(input.username))
      throw new BadInputError('username must be 2–64 characters: letters, digits, _ . @ -');
    if (!input.displayName?.trim()) throw new BadInputError('displayName must not be empty');
    if (!ROLES.includes(input.role)) throw new BadInputError(`role must be one of ${ROLES.join(', ')}`);
    if (!input.password || input.password.length < 10) throw new BadInputError('password must be at least 10 characters');
  }

  async usernameExists(username: string): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM users WHERE lower(username) = lower($1)`, [username]);
    return rows.length > 0;
  }

  async findView(id: string): Promise<UserView | null> {
    const rows: UserView[] = await this.dataSource.query(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Users the caller may list: organisers see their units' users, auditors and admins everyone. */
  async list(
    caller: AuthUser,
    q: { unitId?: string; role?: Role; q?: string; limit: number; offset: number },
  ): Promise<Page<UserView>> {
    const params: unknown[] = [];
    const where: string[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (!this.policy.readsEverything(caller)) {
      where.push(`unit_id IN (${subtreeUnitIds(p(caller.unitId))})`);
    }
    if (q.unitId) where.push(`unit_id IN (${subtreeUnitIds(p(q.unitId))})`);
    if (q.role) where.push(`role = ${p(q.role)}`);
    if (q.q) {
      const like = p(`%${q.q.replace(/[\\%_]/g, '\\$&')}%`);
      where.push(`(username ILIKE ${like} OR display_name ILIKE ${like})`);
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows: (UserView & { total: string })[] = await this.dataSource.query(
      `SELECT ${USER_COLUMNS}, count(*) OVER () AS total FROM users ${filter}
        ORDER BY username LIMIT ${p(q.limit)} OFFSET ${p(q.offset)}`,
      params,
    );
    const total = rows.length ? Number(rows[0].total) : await this.count(filter, params.slice(0, -2));
    return { items: rows.map(toUserView), total };
  }

  private async count(filter: string, params: unknown[]): Promise<number> {
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM users ${filter}`, params);
    return n;
  }

  async update(
    id: string,
    patch: { displayName?: string; role?: Role; unitId?: string; active?: boolean },
  ): Promise<UserView> {
    const current = await this.findView(id);
    if (!current) throw new NotFoundError('user');
    if (patch.displayName !== undefined && !patch.displayName.trim()) throw new BadInputError('displayName must not be empty');
    if (patch.unitId && !(await this.dataSource.query(`SELECT 1 FROM units WHERE id = $1`, [patch.unitId])).length)
      throw new BadInputError('unitId must be the id of an existing unit');
    const rows: UserView[][] = await this.dataSource.query(
      `UPDATE users SET
         display_name = coalesce($2, display_name),
         role = coalesce($3, role),
         unit_id = coalesce($4, unit_id),
         active = coalesce($5, active),
         -- a deactivated user's tokens stop working at once
         token_version = token_version + CASE WHEN $5 = false THEN 1 ELSE 0 END,
         updated_at = now()
       WHERE id = $1 RETURNING ${USER_COLUMNS}`,
      [id, patch.displayName?.trim() ?? null, patch.role ?? null, patch.unitId ?? null, patch.active ?? null],
    );
    return rows[0][0];
  }
}
