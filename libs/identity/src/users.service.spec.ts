import { AuthUser, BadInputError, ConflictError, NotFoundError } from '@qf/common';
import { fake, fakeTransaction, newTestService } from '@qf/testing';
import { AccessPolicy } from './access-policy';
import { PasswordHasher } from './password-hasher';
import { UnitRepository } from './unit.repository';
import { UnitsService } from './units.service';
import { UserRepository, UserRow } from './user.repository';
import { NewUser, UsersService } from './users.service';

const row: UserRow = { id: 'u1', username: 'bob', displayName: 'Bob', role: 'member', unitId: 'unit-1', active: true };
const input: NewUser = { username: 'bob', displayName: ' Bob ', password: 'long-enough-pw', role: 'member', unitId: 'unit-1' };

function setup() {
  const units = fake<UnitsService>();
  units.assertExists.mockImplementation(async (id: string) => {
    if (id !== 'unit-1') throw new BadInputError('unitId must be the id of an existing unit');
  });
  const t = newTestService((m) => new UsersService(m.repo, m.units, m.hasher, m.policy), {
    repo: fake<UserRepository>(),
    units,
    hasher: fake<PasswordHasher>(),
    policy: fake<AccessPolicy>(),
  });
  t.mocks.hasher.hash.mockResolvedValue('h');
  return t;
}

describe('UsersService.create', () => {
  it('hashes the password and stores the trimmed display name', async () => {
    const { sut, mocks } = setup();
    mocks.repo.insert.mockResolvedValue(row);
    await expect(sut.create(input)).resolves.toEqual(row);
    expect(mocks.repo.insert).toHaveBeenCalledWith({ username: 'bob', displayName: 'Bob', passwordHash: 'h', role: 'member', unitId: 'unit-1' });
  });

  it('uses a hash computed beforehand (the import hashes in parallel)', async () => {
    const { sut, mocks } = setup();
    mocks.repo.insert.mockResolvedValue(row);
    await sut.create(input, 'pre');
    expect(mocks.hasher.hash).not.toHaveBeenCalled();
    expect(mocks.repo.insert.mock.calls[0][0].passwordHash).toBe('pre');
  });

  it('is 409 for a taken username when the unit exists', async () => {
    const { sut, mocks } = setup();
    mocks.repo.insert.mockResolvedValue(undefined);
    await expect(sut.create(input)).rejects.toThrow(ConflictError);
  });

  it('is 400 for an unknown unit', async () => {
    const { sut, mocks } = setup();
    mocks.repo.insert.mockResolvedValue(undefined);
    await expect(sut.create({ ...input, unitId: 'nope' })).rejects.toThrow(new BadInputError('unitId must be the id of an existing unit'));
  });

  it.each([
    ['a username of one character', { username: 'b' }, 'username'],
    ['a username with a space', { username: 'bo b' }, 'username'],
    ['a blank display name', { displayName: '  ' }, 'displayName'],
    ['an unknown role', { role: 'king' }, 'role'],
    ['a password under 10 characters', { password: 'short' }, 'password'],
  ])('refuses %s', async (_what, patch, field) => {
    const { sut, mocks } = setup();
    await expect(sut.create({ ...input, ...(patch as Partial<NewUser>) })).rejects.toThrow(new RegExp(`^${field}`));
    expect(mocks.repo.insert).not.toHaveBeenCalled();
  });
});

describe('UsersService.list', () => {
  const organiser: AuthUser = { id: 'o', username: 'o', displayName: 'O', role: 'organiser', unitId: 'unit-1' };

  it("narrows an organiser to their units' users", async () => {
    const { sut, mocks } = setup();
    mocks.policy.readsEverything.mockReturnValue(false);
    mocks.repo.page.mockResolvedValue({ items: [row], total: 1 });
    await expect(sut.list(organiser, { q: 'bo', limit: 10, offset: 0 })).resolves.toEqual({ items: [row], total: 1 });
    expect(mocks.repo.page).toHaveBeenCalledWith({ withinUnitId: 'unit-1', unitId: undefined, role: undefined, text: 'bo', limit: 10, offset: 0 });
  });

  it('lists everyone for auditors and admins', async () => {
    const { sut, mocks } = setup();
    mocks.policy.readsEverything.mockReturnValue(true);
    mocks.repo.page.mockResolvedValue({ items: [], total: 0 });
    await sut.list({ ...organiser, role: 'auditor' }, { role: 'member', limit: 10, offset: 0 });
    expect(mocks.repo.page.mock.calls[0][0].withinUnitId).toBeUndefined();
  });
});

describe('UsersService.update', () => {
  it('is 404 for an unknown user', async () => {
    const { sut, mocks } = setup();
    mocks.repo.findById.mockResolvedValue(undefined);
    await expect(sut.update('x', { active: false })).rejects.toThrow(NotFoundError);
  });

  it('refuses a blank display name and an unknown unit', async () => {
    const { sut, mocks } = setup();
    mocks.repo.findById.mockResolvedValue(row);
    await expect(sut.update('u1', { displayName: ' ' })).rejects.toThrow(BadInputError);
    await expect(sut.update('u1', { unitId: 'nope' })).rejects.toThrow(BadInputError);
    expect(mocks.repo.update).not.toHaveBeenCalled();
  });

  it('passes only the given fields (null keeps the stored value)', async () => {
    const { sut, mocks } = setup();
    mocks.repo.findById.mockResolvedValue(row);
    mocks.repo.update.mockResolvedValue({ ...row, active: false });
    await sut.update('u1', { displayName: ' Robert ', active: false });
    expect(mocks.repo.update).toHaveBeenCalledWith('u1', { displayName: 'Robert', role: null, unitId: null, active: false });
  });
});

describe('UnitsService', () => {
  const setupUnits = () => {
    const repo = fake<UnitRepository>({ transaction: fakeTransaction() });
    return newTestService((m) => new UnitsService(m.repo), { repo });
  };

  it('creates a root unit under "/"', async () => {
    const { sut, mocks } = setupUnits();
    mocks.repo.insert.mockResolvedValue({ id: 'n', name: '党委', parentId: null });
    await sut.create({ name: ' 党委 ' });
    expect(mocks.repo.insert).toHaveBeenCalledWith(expect.anything(), '党委', null, '/');
  });

  it("creates a child under its parent's path; an unknown parent is 400", async () => {
    const { sut, mocks } = setupUnits();
    mocks.repo.pathOf.mockResolvedValueOnce('/p/').mockResolvedValueOnce(undefined);
    mocks.repo.insert.mockResolvedValue({ id: 'n', name: 'x', parentId: 'p' });
    await sut.create({ name: 'x', parentId: 'p' });
    expect(mocks.repo.insert).toHaveBeenCalledWith(expect.anything(), 'x', 'p', '/p/');
    await expect(sut.create({ name: 'x', parentId: 'q' })).rejects.toThrow(BadInputError);
  });

  it('refuses a blank name and a name taken under the same parent', async () => {
    const { sut, mocks } = setupUnits();
    await expect(sut.create({ name: '  ' })).rejects.toThrow(BadInputError);
    mocks.repo.insert.mockResolvedValue(undefined);
    await expect(sut.create({ name: 'x' })).rejects.toThrow(ConflictError);
  });

  it('finds a unit by id or by a name only one unit has', async () => {
    const { sut, mocks } = setupUnits();
    const unit = { id: 'n', name: 'x', parentId: null };
    mocks.repo.findByIdOrName.mockResolvedValueOnce([unit]).mockResolvedValueOnce([unit, unit]);
    await expect(sut.findByIdOrName('0b5e7c1e-3c4f-4a5b-8c9d-0e1f2a3b4c5d')).resolves.toEqual(unit);
    expect(mocks.repo.findByIdOrName).toHaveBeenLastCalledWith('0b5e7c1e-3c4f-4a5b-8c9d-0e1f2a3b4c5d', true);
    await expect(sut.findByIdOrName('x')).resolves.toBeNull();
    expect(mocks.repo.findByIdOrName).toHaveBeenLastCalledWith('x', false);
  });

  it('assertExists is 400 naming the field', async () => {
    const { sut, mocks } = setupUnits();
    mocks.repo.exists.mockResolvedValue(false);
    await expect(sut.assertExists('x', 'parentId')).rejects.toThrow('parentId must be the id of an existing unit');
  });
});
