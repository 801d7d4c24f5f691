import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { AuthUser, BadInputError, NotFoundError, UnauthorizedError } from '@qf/common';
import { Env } from '@qf/config';
import { LoginLimiter } from './login-limiter';
import { PasswordHasher } from './password-hasher';
import { UserRepository } from './user.repository';
import { toUserView } from './users.service';

interface TokenClaims {
  sub: string;
  /** The user's token_version when the token was issued. */
  ver: number;
}

@Injectable()
export class AuthService {
  /** Verified against when the username is unknown, so both failures take the same time. */
  private dummyHash?: Promise<string>;

  constructor(
    private readonly users: UserRepository,
    private readonly jwt: JwtService,
    private readonly hasher: PasswordHasher,
    private readonly limiter: LoginLimiter,
    private readonly config: ConfigService<Env, true>,
  ) {}

  /**
   * Checks credentials. The attempt is reserved in PostgreSQL before argon2 runs (LoginLimiter):
   * over the per-username or per-address limit → 429 and no password is checked. Unknown user and
   * wrong password give the same 401.
   */
  async login(username: string, password: string, address: string) {
    const reservation = await this.limiter.reserve(username, address);
    const user = await this.users.findForLogin(username);
    const ok = await this.hasher.verify(user?.passwordHash ?? (await this.getDummyHash()), password);
    if (!user || !ok || !user.active) throw new UnauthorizedError('invalid username or password');
    await this.limiter.succeeded(reservation, username);
    const expiresIn = this.config.get('JWT_EXPIRES_IN_SECONDS', { infer: true });
    const accessToken = await this.jwt.signAsync({ sub: user.id, ver: user.tokenVersion }, { expiresIn });
    return { accessToken, expiresIn, user: { ...toUserView(user), mustChangePassword: user.mustChangePassword } };
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
    const user = await this.users.findForToken(claims.sub);
    if (!user || !user.active) return null;
    if (claims.ver !== user.tokenVersion) return null;
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      unitId: user.unitId,
      mustChangePassword: user.mustChangePassword,
    };
  }

  /**
   * The user's own password change. A wrong currentPassword counts as a failed login of the user
   * (same limits, 429 past them). Every token issued before stops working; the caller logs in again.
   */
  async changePassword(userId: string, currentPassword: string, newPassword: string, address: string): Promise<void> {
    if (newPassword.length < 10) throw new BadInputError('newPassword must be at least 10 characters');
    const row = await this.users.findUsernameAndHash(userId);
    if (!row) throw new UnauthorizedError('a valid bearer token is required');
    const reservation = await this.limiter.reserve(row.username, address);
    if (!(await this.hasher.verify(row.passwordHash, currentPassword))) throw new BadInputError('currentPassword is wrong');
    await this.limiter.succeeded(reservation, row.username);
    await this.setPassword(userId, newPassword, false);
  }

  /** An admin's reset: the user must choose a new password at the next login. */
  async resetPassword(userId: string, newPassword: string): Promise<void> {
    if (newPassword.length < 10) throw new BadInputError('newPassword must be at least 10 characters');
    if (!(await this.setPassword(userId, newPassword, true))) throw new NotFoundError('user');
  }

  /** Sets the hash and revokes every token of the user; false when there is no such user. */
  private async setPassword(userId: string, newPassword: string, mustChange: boolean): Promise<boolean> {
    return this.users.setPassword(userId, await this.hasher.hash(newPassword), mustChange);
  }

  private getDummyHash(): Promise<string> {
    this.dummyHash ??= this.hasher.hash('qingfeng-dummy-password-for-timing');
    return this.dummyHash;
  }
}
