import { BadInputError, ConflictError } from '@qf/common';
import { fake, newTestService } from '@qf/testing';
import { PasswordHasher } from './password-hasher';
import { UnitsService } from './units.service';
import { UserImportService } from './user-import.service';
import { UsersService, UserView } from './users.service';

const HEADER = 'username,displayName,role,unit,password';

function setup() {
  const users = fake<UsersService>();
  users.usernameExists.mockImplementation(async (u: string) => u === 'existing');
  users.checkNewUser.mockImplementation((input: { password: string }) => {
    if (input.password.length < 10) throw new BadInputError('password must be at least 10 characters');
  });
  const taken = new Set<string>();
  users.create.mockImplementation(async (input: { username: string }) => {
    // like the unique index on lower(username): the second of two lines racing to create it loses
    if (taken.has(input.username.toLowerCase())) throw new ConflictError('taken');
    taken.add(input.username.toLowerCase());
    return { id: input.username } as UserView;
  });
  const units = fake<UnitsService>();
  units.findByIdOrName.mockImplementation(async (k: string) => (k === '一支部' ? { id: 'unit-1', name: k, parentId: null } : null));
  const hasher = fake<PasswordHasher>();
  hasher.hash.mockResolvedValue('h');
  return newTestService((m) => new UserImportService(m.users, m.units, m.hasher), { users, units, hasher });
}

describe('UserImportService', () => {
  it('imports good lines, hashing each password', async () => {
    const { sut, mocks } = setup();
    const csv = `${HEADER}\nann,Ann,member,一支部,long-enough-1\nben,Ben,organiser,一支部,long-enough-2\n`;
    await expect(sut.import(csv)).resolves.toEqual({ created: 2, skipped: 0, errors: [] });
    expect(mocks.users.create).toHaveBeenCalledWith(
      { username: 'ann', displayName: 'Ann', password: 'long-enough-1', role: 'member', unitId: 'unit-1' },
      'h',
    );
  });

  it('strips a UTF-8 BOM and trims cells', async () => {
    const { sut } = setup();
    await expect(sut.import(`\uFEFF${HEADER}\n ann , Ann ,member, 一支部 ,long-enough-1`)).resolves.toMatchObject({ created: 1 });
  });

  it('refuses a header without the required columns (400), naming what is missing', async () => {
    const { sut } = setup();
    await expect(sut.import('username,displayName\nann,Ann')).rejects.toThrow(/missing: role, unit, password/);
  });

  it('refuses unreadable CSV with 400', async () => {
    const { sut } = setup();
    await expect(sut.import(`${HEADER}\n"ann,Ann,member,一支部,pw`)).rejects.toThrow(BadInputError);
  });

  it('skips existing usernames and repeats within the file (case-insensitively)', async () => {
    const { sut } = setup();
    const csv = `${HEADER}\nexisting,E,member,一支部,long-enough-1\nann,Ann,member,一支部,long-enough-1\nANN,Ann2,member,一支部,long-enough-1`;
    await expect(sut.import(csv)).resolves.toEqual({ created: 1, skipped: 2, errors: [] });
  });

  it('reports bad lines with their line numbers, in order, and keeps the good ones', async () => {
    const { sut } = setup();
    const csv = `${HEADER}\nann,Ann,member,二支部,long-enough-1\nben,Ben,member,一支部,short\ncat,Cat,member,一支部,long-enough-3`;
    const result = await sut.import(csv);
    expect(result.created).toBe(1);
    expect(result.errors).toEqual([
      { line: 2, message: 'unit "二支部" is not a unit id or the exact name of exactly one unit' },
      { line: 3, message: 'password must be at least 10 characters' },
    ]);
  });

  it('counts a username taken meanwhile (409 from create) as skipped', async () => {
    const { sut, mocks } = setup();
    mocks.users.create.mockRejectedValue(new ConflictError('taken'));
    await expect(sut.import(`${HEADER}\nann,Ann,member,一支部,long-enough-1`)).resolves.toEqual({ created: 0, skipped: 1, errors: [] });
  });

  it('reports progress once per line', async () => {
    const { sut } = setup();
    const progress: number[] = [];
    await sut.import(`${HEADER}\na1,A,member,一支部,long-enough-1\na2,A,member,一支部,long-enough-1\na3,A,member,一支部,long-enough-1`, (done) => progress.push(done));
    expect(progress.sort()).toEqual([1, 2, 3]);
  });

  it('lets an unexpected error through (a 500, not a line error)', async () => {
    const { sut, mocks } = setup();
    mocks.users.create.mockRejectedValue(new Error('connection lost'));
    await expect(sut.import(`${HEADER}\nann,Ann,member,一支部,long-enough-1`)).rejects.toThrow('connection lost');
  });
});
