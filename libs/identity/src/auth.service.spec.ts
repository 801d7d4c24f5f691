import { BadInputError, NotFoundError, TooManyRequestsError, UnauthorizedError } from '@qf/common';
import { fake, fakeConfig, newTestService } from '@qf/testing';
import type { JwtService } from '@nestjs/jwt';
import { AuthService } from './auth.service';
import { LoginLimiter } from './login-limiter';
import { PasswordHasher } from './password-hasher';
import { UserAuthRow, UserRepository } from './user.repository';

const ID = '11111111-1111-4111-8111-111111111111';
const alice: UserAuthRow = {
  id: ID,
  username: 'alice',
  displayName: 'Alice',
  role: 'member',
  unitId: 'unit-1',
  active: true,
  passwordHash: 'hash-of-right',
  tokenVersion: 3,
  mustChangePassword: false,
};

function setup() {
  const t = newTestService(
    (m) => new AuthService(m.users, m.jwt, m.hasher, m.limiter, fakeConfig({ JWT_EXPIRES_IN_SECONDS: 3600 })),
    {
      users: fake<UserRepository>(),
      jwt: fake<JwtService>(),
      hasher: fake<PasswordHasher>(),
      limiter: fake<LoginLimiter>(),
    },
  );
  const { mocks } = t;
  mocks.limiter.reserve.mockResolvedValue('r1');
  mocks.hasher.hash.mockImplementation(async (p: string) => `hash-of-${p}`);
  mocks.hasher.verify.mockImplementation(async (hash: string, p: string) => hash === `hash-of-${p}`);
  mocks.jwt.signAsync.mockResolvedValue('token');
  return t;
}

describe('AuthService.login', () => {
  it('signs a token carrying the token version and clears the failures on the right password', async () => {
    const { sut, mocks } = setup();
    mocks.users.findForLogin.mockResolvedValue(alice);
    const result = await sut.login('Alice', 'right', '10.0.0.1');
    expect(result).toEqual({
      accessToken: 'token',
      expiresIn: 3600,
      user: { id: ID, username: 'alice', displayName: 'Alice', role: 'member', unitId: 'unit-1', active: true, mustChangePassword: false },
    });
    expect(mocks.jwt.signAsync).toHaveBeenCalledWith({ sub: ID, ver: 3 }, { expiresIn: 3600 });
    expect(mocks.limiter.succeeded).toHaveBeenCalledWith('r1', 'Alice');
  });

  it('reserves the attempt before checking anything: over the limit is 429 and no password is verified', async () => {
    const { sut, mocks } = setup();
    mocks.limiter.reserve.mockRejectedValue(new TooManyRequestsError('too many'));
    await expect(sut.login('alice', 'right', '10.0.0.1')).rejects.toThrow(TooManyRequestsError);
    expect(mocks.users.findForLogin).not.toHaveBeenCalled();
    expect(mocks.hasher.verify).not.toHaveBeenCalled();
  });

  it('gives the same 401 for a wrong password and leaves the reservation counted', async () => {
    const { sut, mocks } = setup();
    mocks.users.findForLogin.mockResolvedValue(alice);
    await expect(sut.login('alice', 'wrong', 'a')).rejects.toThrow(new UnauthorizedError('invalid username or password'));
    expect(mocks.limiter.succeeded).not.toHaveBeenCalled();
  });

  it('verifies against a dummy hash for an unknown username (same time, same 401)', async () => {
    const { sut, mocks } = setup();
    mocks.users.findForLogin.mockResolvedValue(undefined);
    await expect(sut.login('nobody', 'x', 'a')).rejects.toThrow(new UnauthorizedError('invalid username or password'));
    expect(mocks.hasher.verify).toHaveBeenCalledTimes(1);
    expect(mocks.limiter.succeeded).not.toHaveBeenCalled();
  });

  it('refuses a deactivated user even with the right password', async () => {
    const { sut, mocks } = setup();
    mocks.users.findForLogin.mockResolvedValue({ ...alice, active: false });
    await expect(sut.login('alice', 'right', 'a')).rejects.toThrow(UnauthorizedError);
  });

  it('tells the client when the password must be changed', async () => {
    const { sut, mocks } = setup();
    mocks.users.findForLogin.mockResolvedValue({ ...alice, mustChangePassword: true });
    expect((await sut.login('alice', 'right', 'a')).user.mustChangePassword).toBe(true);
  });
});

describe('AuthService.authenticate', () => {
  it('loads the caller of a good token', async () => {
    const { sut, mocks } = setup();
    mocks.jwt.verifyAsync.mockResolvedValue({ sub: ID, ver: 3 });
    mocks.users.findForToken.mockResolvedValue({ ...alice, mustChangePassword: true });
    await expect(sut.authenticate('t')).resolves.toEqual({
      id: ID,
      username: 'alice',
      displayName: 'Alice',
      role: 'member',
      unitId: 'unit-1',
      mustChangePassword: true,
    });
  });

  it('is null for a token that does not verify', async () => {
    const { sut, mocks } = setup();
    mocks.jwt.verifyAsync.mockRejectedValue(new Error('bad signature'));
    await expect(sut.authenticate('t')).resolves.toBeNull();
  });

  it('is null for a subject that is not a uuid, without a lookup', async () => {
    const { sut, mocks } = setup();
    mocks.jwt.verifyAsync.mockResolvedValue({ sub: "x' OR 1=1", ver: 0 });
    await expect(sut.authenticate('t')).resolves.toBeNull();
    expect(mocks.users.findForToken).not.toHaveBeenCalled();
  });

  it('is null once the token version moved on (password change, deactivation)', async () => {
    const { sut, mocks } = setup();
    mocks.jwt.verifyAsync.mockResolvedValue({ sub: ID, ver: 2 });
    mocks.users.findForToken.mockResolvedValue(alice);
    await expect(sut.authenticate('t')).resolves.toBeNull();
  });

  it('is null for an unknown or deactivated user', async () => {
    const { sut, mocks } = setup();
    mocks.jwt.verifyAsync.mockResolvedValue({ sub: ID, ver: 3 });
    mocks.users.findForToken.mockResolvedValueOnce(undefined).mockResolvedValueOnce({ ...alice, active: false });
    await expect(sut.authenticate('t')).resolves.toBeNull();
    await expect(sut.authenticate('t')).resolves.toBeNull();
  });
});

describe('AuthService password changes', () => {
  it('changes the own password after checking the current one, clearing mustChangePassword', async () => {
    const { sut, mocks } = setup();
    mocks.users.findUsernameAndHash.mockResolvedValue({ username: 'alice', passwordHash: 'hash-of-right' });
    mocks.users.setPassword.mockResolvedValue(true);
    await sut.changePassword(ID, 'right', 'a-new-password', 'a');
    expect(mocks.limiter.reserve).toHaveBeenCalledWith('alice', 'a');
    expect(mocks.limiter.succeeded).toHaveBeenCalledWith('r1', 'alice');
    expect(mocks.users.setPassword).toHaveBeenCalledWith(ID, 'hash-of-a-new-password', false);
  });

  it('refuses a new password under 10 characters before anything else', async () => {
    const { sut, mocks } = setup();
    await expect(sut.changePassword(ID, 'right', 'short', 'a')).rejects.toThrow(BadInputError);
    expect(mocks.limiter.reserve).not.toHaveBeenCalled();
  });

  it('counts a wrong current password as a failed login (400, reservation kept, nothing changed)', async () => {
    const { sut, mocks } = setup();
    mocks.users.findUsernameAndHash.mockResolvedValue({ username: 'alice', passwordHash: 'hash-of-right' });
    await expect(sut.changePassword(ID, 'wrong', 'a-new-password', 'a')).rejects.toThrow(new BadInputError('currentPassword is wrong'));
    expect(mocks.limiter.succeeded).not.toHaveBeenCalled();
    expect(mocks.users.setPassword).not.toHaveBeenCalled();
  });

  it('is 429 past the limits for the password change too', async () => {
    const { sut, mocks } = setup();
    mocks.users.findUsernameAndHash.mockResolvedValue({ username: 'alice', passwordHash: 'hash-of-right' });
    mocks.limiter.reserve.mockRejectedValue(new TooManyRequestsError('too many'));
    await expect(sut.changePassword(ID, 'right', 'a-new-password', 'a')).rejects.toThrow(TooManyRequestsError);
    expect(mocks.hasher.verify).not.toHaveBeenCalled();
  });

  it('is 401 when the user is gone', async () => {
    const { sut, mocks } = setup();
    mocks.users.findUsernameAndHash.mockResolvedValue(undefined);
    await expect(sut.changePassword(ID, 'right', 'a-new-password', 'a')).rejects.toThrow(UnauthorizedError);
  });

  it("an admin's reset sets mustChangePassword", async () => {
    const { sut, mocks } = setup();
    mocks.users.setPassword.mockResolvedValue(true);
    await sut.resetPassword(ID, 'a-new-password');
    expect(mocks.users.setPassword).toHaveBeenCalledWith(ID, 'hash-of-a-new-password', true);
  });

  it('a reset of an unknown user is 404; a short password 400', async () => {
    const { sut, mocks } = setup();
    mocks.users.setPassword.mockResolvedValue(false);
    await expect(sut.resetPassword(ID, 'a-new-password')).rejects.toThrow(NotFoundError);
    await expect(sut.resetPassword(ID, 'short')).rejects.toThrow(BadInputError);
  });
});
