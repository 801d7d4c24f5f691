import { AuthUser, ForbiddenError, NotFoundError } from '@qf/common';
import { fake, newTestService } from '@qf/testing';
import { AccessPolicy } from './access-policy';
import { UnitRepository } from './unit.repository';

const user = (role: AuthUser['role'], id = 'me'): AuthUser => ({ id, username: id, displayName: id, role, unitId: 'mine' });
const setup = () => newTestService((m) => new AccessPolicy(m.units), { units: fake<UnitRepository>() });

describe('AccessPolicy', () => {
  it('manages: admins everywhere, organisers within their subtree, others nowhere', async () => {
    const { sut, mocks } = setup();
    mocks.units.isWithin.mockImplementation(async (unitId: string) => unitId === 'child');
    await expect(sut.manages(user('admin'), 'any')).resolves.toBe(true);
    await expect(sut.manages(user('organiser'), 'child')).resolves.toBe(true);
    await expect(sut.manages(user('organiser'), 'elsewhere')).resolves.toBe(false);
    await expect(sut.manages(user('member'), 'child')).resolves.toBe(false);
    await expect(sut.manages(user('auditor'), 'child')).resolves.toBe(false);
  });

  it('visible units: all for auditors, lineage plus subtree for organisers, lineage for members', async () => {
    const { sut, mocks } = setup();
    mocks.units.lineageIds.mockResolvedValue(['root', 'mine']);
    await expect(sut.visibleUnitIds(user('auditor'))).resolves.toBe('all');
    await sut.visibleUnitIds(user('organiser'));
    expect(mocks.units.lineageIds).toHaveBeenLastCalledWith('mine', true);
    await sut.visibleUnitIds(user('member'));
    expect(mocks.units.lineageIds).toHaveBeenLastCalledWith('mine', false);
  });

  it('nobody but an admin acts on their own record', () => {
    const { sut } = setup();
    expect(() => sut.assertNotSelf(user('organiser'), 'me', 'review their own reflection')).toThrow(ForbiddenError);
    expect(() => sut.assertNotSelf(user('admin'), 'me', 'x')).not.toThrow();
    expect(() => sut.assertNotSelf(user('organiser'), 'other', 'x')).not.toThrow();
  });

  it('assertManages: 403 when the unit is seen but not managed, 404 when not even seen', async () => {
    const { sut, mocks } = setup();
    mocks.units.isWithin.mockResolvedValue(false);
    mocks.units.lineageIds.mockResolvedValue(['root', 'mine']);
    await expect(sut.assertManages(user('member'), 'root')).rejects.toThrow(ForbiddenError);
    await expect(sut.assertManages(user('member'), 'other')).rejects.toThrow(NotFoundError);
  });

  it('a draft session is seen only by its managers, auditors and admins', async () => {
    const { sut, mocks } = setup();
    mocks.units.isWithin.mockResolvedValue(false);
    mocks.units.lineageIds.mockResolvedValue(['mine']);
    await expect(sut.canSeeSession(user('member'), { unitId: 'mine', status: 'draft' })).resolves.toBe(false);
    await expect(sut.canSeeSession(user('member'), { unitId: 'mine', status: 'published' })).resolves.toBe(true);
    await expect(sut.canSeeSession(user('auditor'), { unitId: 'x', status: 'draft' })).resolves.toBe(true);
  });
});
