import { fake, FAKE_EM, fakeConfig, fakeTransaction, newTestService } from '@qf/testing';
import { AdminBootstrapService, DEV_ADMIN_PASSWORD } from './admin-bootstrap.service';
import { UnitRepository } from './unit.repository';
import { UnitsService } from './units.service';
import { UserRepository } from './user.repository';
import { UsersService } from './users.service';

const setup = (env: Record<string, unknown> = { ADMIN_USERNAME: 'root' }) =>
  newTestService((m) => new AdminBootstrapService(m.userRows, m.unitRows, m.units, m.users, fakeConfig(env)), {
    userRows: fake<UserRepository>({ transaction: fakeTransaction() }),
    unitRows: fake<UnitRepository>(),
    units: fake<UnitsService>(),
    users: fake<UsersService>(),
  });

describe('AdminBootstrapService', () => {
  it('does nothing when an active admin exists (under the bootstrap lock)', async () => {
    const { sut, mocks } = setup();
    mocks.userRows.countActiveAdmins.mockResolvedValue(1);
    await expect(sut.ensureAdmin()).resolves.toEqual({ created: false, username: 'root' });
    expect(mocks.userRows.lockAdminBootstrap).toHaveBeenCalledWith(FAKE_EM);
    expect(mocks.users.create).not.toHaveBeenCalled();
  });

  it('creates the admin in the first root unit, with the development password when none is configured', async () => {
    const { sut, mocks } = setup();
    mocks.userRows.countActiveAdmins.mockResolvedValue(0);
    mocks.unitRows.firstRootId.mockResolvedValue('root-unit');
    await expect(sut.ensureAdmin()).resolves.toEqual({ created: true, username: 'root' });
    expect(mocks.users.create).toHaveBeenCalledWith({ username: 'root', displayName: '系统管理员', password: DEV_ADMIN_PASSWORD, role: 'admin', unitId: 'root-unit' });
  });

  it('creates a root unit first when there is none, and uses ADMIN_PASSWORD', async () => {
    const { sut, mocks } = setup({ ADMIN_USERNAME: 'root', ADMIN_PASSWORD: 'configured-pw' });
    mocks.userRows.countActiveAdmins.mockResolvedValue(0);
    mocks.unitRows.firstRootId.mockResolvedValue(undefined);
    mocks.units.create.mockResolvedValue({ id: 'new-root', name: '机关党委', parentId: null });
    await sut.ensureAdmin();
    expect(mocks.units.create).toHaveBeenCalledWith({ name: '机关党委' });
    expect(mocks.users.create.mock.calls[0][0]).toMatchObject({ password: 'configured-pw', unitId: 'new-root' });
  });
});
