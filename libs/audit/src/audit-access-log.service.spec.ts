import { fake, newTestService, userOf } from '@qf/testing';
import { AuditAccessLogService } from './audit-access-log.service';
import type { AuditRepository } from './audit.repository';

describe('AuditAccessLogService', () => {
  const build = () => newTestService((m) => new AuditAccessLogService(m.repo), { repo: fake<AuditRepository>() });

  it('records who read what with the request’s parameters', async () => {
    const { sut, mocks } = build();
    const user = userOf('auditor');
    await sut.record(user, 'summary', { unitId: 'unit-1', from: '2026-12-01', limit: 50, nothing: undefined });
    expect(mocks.repo.recordAccess).toHaveBeenCalledWith({
      userId: user.id,
      username: user.username,
      role: 'auditor',
      action: 'summary',
      params: { unitId: 'unit-1', from: '2026-12-01', limit: 50, nothing: null },
    });
  });

  it('bounds the parameters kept: 20 keys, 100-character names, 500-character values', async () => {
    const { sut, mocks } = build();
    const params: Record<string, unknown> = { ['k'.repeat(150)]: 'v'.repeat(600), big: { text: 'x'.repeat(600) } };
    for (let i = 0; i < 30; i++) params[`p${i}`] = i;
    await sut.record(userOf('admin'), 'export', params);
    const kept = mocks.repo.recordAccess.mock.calls[0][0].params;
    expect(Object.keys(kept)).toHaveLength(20);
    expect(kept['k'.repeat(100)]).toBe('v'.repeat(500));
    expect(kept.big).toBe(JSON.stringify({ text: 'x'.repeat(600) }).slice(0, 500));
    expect(kept.p0).toBe(0);
    expect(kept.p18).toBeUndefined();
  });

  it('lists through the repository', async () => {
    const { sut, mocks } = build();
    const page = { items: [], total: 3 };
    mocks.repo.accessPage.mockResolvedValue(page);
    await expect(sut.list({ limit: 5, offset: 0, action: 'verify' })).resolves.toBe(page);
    expect(mocks.repo.accessPage).toHaveBeenCalledWith({ limit: 5, offset: 0, action: 'verify' });
  });
});
