import { Injectable } from '@nestjs/common';
import { AuthUser, BadInputError, ConflictError, NotFoundError, Page } from '@qf/common';
import { Role, ROLES, User } from '@qf/database';
import { AccessPolicy } from './access-policy';
import { PasswordHasher } from './password-hasher';
import { UnitsService } from './units.service';
import { UserRepository, UserRow } from './user.repository';

/** A user as the API shows them (the repository's row as is; never the password hash). */
export type UserView = UserRow;

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

export const USERNAME_PATTERN = /^[A-Za-z0-9_.@-]{2,64}$/;

/** People and their accounts; SQL in UserRepository. */
@Injectable()
export class UsersService {
  constructor(
    private readonly repo: UserRepository,
    private readonly units: UnitsService,
    private readonly hasher: PasswordHasher,
    private readonly policy: AccessPolicy,
  ) {}

  /** Creates a user; a taken username (case-insensitive) is a ConflictError. */
  async create(input: NewUser, passwordHash?: string): Promise<UserView> {
    this.checkNewUser(input);
    const hash = passwordHash ?? (await this.hasher.hash(input.password));
    const user = await this.repo.insert({ username: input.username, displayName: input.displayName.trim(), passwordHash: hash, role: input.role, unitId: input.unitId });
    if (user) return user;
    await this.units.assertExists(input.unitId);
    throw new ConflictError(`username "${input.username}" is already taken`);
  }

  checkNewUser(input: NewUser): void {
    if (!USERNAME_PATTERN.test(input.username))
      throw new BadInputError('username must be 2–64 characters: letters, digits, _ . @ -');
    if (!input.displayName?.trim()) throw new BadInputError('displayName must not be empty');
    if (!ROLES.includes(input.role)) throw new BadInputError(`role must be one of ${ROLES.join(', ')}`);
    if (!input.password || input.password.length < 10) throw new BadInputError('password must be at least 10 characters');
  }

  async usernameExists(username: string): Promise<boolean> {
    return this.repo.usernameExists(username);
  }

  async findView(id: string): Promise<UserView | null> {
    return (await this.repo.findById(id)) ?? null;
  }

  /** Users the caller may list: organisers see their units' users, auditors and admins everyone. */
  async list(
    caller: AuthUser,
    q: { unitId?: string; role?: Role; q?: string; limit: number; offset: number },
  ): Promise<Page<UserView>> {
    const { items, total } = await this.repo.page({
      withinUnitId: this.policy.readsEverything(caller) ? undefined : caller.unitId,
      unitId: q.unitId,
      role: q.role,
      text: q.q,
      limit: q.limit,
      offset: q.offset,
    });
    return { items: items.map(toUserView), total };
  }

  async update(
    id: string,
    patch: { displayName?: string; role?: Role; unitId?: string; active?: boolean },
  ): Promise<UserView> {
    const current = await this.findView(id);
    if (!current) throw new NotFoundError('user');
    if (patch.displayName !== undefined && !patch.displayName.trim()) throw new BadInputError('displayName must not be empty');
    if (patch.unitId) await this.units.assertExists(patch.unitId);
    // a deactivated user's tokens stop working at once (the repository bumps token_version)
    return (await this.repo.update(id, {
      displayName: patch.displayName?.trim() ?? null,
      role: patch.role ?? null,
      unitId: patch.unitId ?? null,
      active: patch.active ?? null,
    }))!;
  }
}
