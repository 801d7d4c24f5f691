import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthUser, BadInputError, TooManyRequestsError, UnauthorizedError } from '@qf/common';
import { Env } from '@qf/config';
import { Role } from '@qf/database';
import { DataSource } from 'typeorm';
import { PasswordHasher } from './password-hasher';
import { toUserView, UserView } from './users.service';

interface TokenClaims {
  sub: string;
  /** The user's token_version when the token was issued. */
  ver: number;
}

interface UserRow extends UserView {
  passwordHash: string;
  tokenVersion: number;
}

@Injectable()
export class AuthService {
  /** Verified against when the username is unknown, so both failures take the same time. */
  private dummyHash?: Promise<string>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly hasher: PasswordHasher,
    private readonly config: ConfigService<Env, true>,
  ) {}

  /**
   * Checks credentials. Failures are counted in PostgreSQL per username and per address, so the
   * limit holds across restarts and across several api processes; over the limit → 429 before any
   * password is checked. Unknown user and wrong password give the same 401.
   */
  async login(username: string, password: string, address: string) {
    const windowSeconds = this.config.get('LOGIN_FAILURE_WINDOW_SECONDS', { infer: true });
    const [counts] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE lower(username) = lower($1))::int AS by_user,
              count(*) FILTER (WHERE address = $2)::int AS by_address
         FROM login_failures
        WHERE at > now() - make_interval(secs => $3) AND (lower(username) = lower($1) OR address = $2)`,
      [username, address, windowSeconds],
    );
    if (
      counts.by_user >= this.config.get('LOGIN_MAX_FAILURES_PER_USER', { infer: true }) ||
      counts.by_address >= this.config.get('LOGIN_MAX_FAILURES_PER_ADDRESS', { infer: true })
    ) {
      throw new TooManyRequestsError('too many failed logins; try again later');
    }
    const rows: UserRow[] = await this.dataSource.query(
      `SELECT id, username, display_name AS "displayName", role, unit_id AS "unitId", active,
              password_hash AS "passwordHash", token_version AS "tokenVersion"
         FROM users WHERE lower(username) = lower($1)`,
      [username],
    );
    const user = rows[0];
    const ok = await this.hasher.verify(user?.passwordHash ?? (await this.getDummyHash()), password);
    if (!user || !ok || !user.active) {
      await this.dataSource.query(`INSERT INTO login_failures (username, address) VALUES ($1, $2)`, [username, address]);
      throw new UnauthorizedError('invalid username or password');
    }
    await this.dataSource.query(`DELETE FROM login_failures WHERE lower(username) = lower($1)`, [username]);
    const expiresIn = this.config.get('JWT_EXPIRES_IN_SECONDS', { infer: true });
    const accessToken = await this.jwt.signAsync({ sub: user.id, ver: user.tokenVersion }, { expiresIn });
    return { accessToken, expiresIn, user: toUserView(user) };
  }

  /** Verifies a bearer token and loads the caller; null when the token or the user is not good. */
  async authenticate(token: string): Promise<AuthUser | null> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token, { algorithms: ['HS256'] });
    } catch {
      return null;
    }
    if (typeof claims.sub !== 'string' || !/^[0-9a-f-]{36}$/i.test(claims.sub)) return null;
    const rows: UserRow[] = await this.dataSource.query(
      `SELECT id, username, display_name AS "displayName", role, unit_id AS "unitId", active,
              token_version AS "tokenVersion"
         FROM users WHERE id = $1`,
      [claims.sub],
    );
    const user = rows[0];
    if (!user || !user.active) return null;
    if (claims.ver !== user.tokenVersion) return null;
    return { id: user.id, username: user.username, displayName: user.displayName, role: user.role as Role, unitId: user.unitId };
  }

  async changePassword(userId: string, currentPassword: string, newPassword: string): Promise<void> {
    if (newPassword.length < 10) throw new BadInputError('newPassword must be at least 10 characters');
    const [row] = await this.dataSource.query(`SELECT password_hash AS "passwordHash" FROM users WHERE id = $1`, [userId]);
    if (!row || !(await this.hasher.verify(row.passwordHash, currentPassword))) {
      throw new BadInputError('currentPassword is wrong');
    }
    // Every token issued before stops working; the caller logs in again.
    await this.dataSource.query(
      `UPDATE users SET password_hash = $2, token_version = token_version + 1, tokens_valid_after = now(), updated_at = now()
        WHERE id = $1`,
      [userId, await this.hasher.hash(newPassword)],
    );
  }

  private getDummyHash(): Promise<string> {
    this.dummyHash ??= this.hasher.hash('qingfeng-dummy-password-for-timing');
    return this.dummyHash;
  }
}
