import { BadInputError, NotFoundError } from '@qf/common';
import { auditMocks } from '../../../test/unit-support/audit-fakes';
import { newTestService, rejectionOf } from '@qf/testing';

describe('AuditScopeResolver', () => {
  const build = () => newTestService((m) => m.scopes, auditMocks());

  it('turns local dates into a half-open instant range in the organisation zone, with the unit’s name', async () => {
    const { sut, mocks } = build();
    await expect(sut.resolve({ unitId: 'unit-1', from: '2026-12-01', to: '2026-12-11' })).resolves.toEqual({
      unitId: 'unit-1',
      unitName: '第一党支部',
      from: '2026-12-01',
      to: '2026-12-11',
      start: new Date('2026-11-30T16:00:00Z'),
      end: new Date('2026-12-11T16:00:00Z'),
      zone: 'Asia/Shanghai',
    });
    expect(mocks.units.nameOf).toHaveBeenCalledWith('unit-1');
  });

  it('covers the whole organisation and all time without unit or dates, reading no unit', async () => {
    const { sut, mocks } = build();
    await expect(sut.resolve({})).resolves.toEqual({ unitId: null, unitName: null, from: null, to: null, start: null, end: null, zone: 'Asia/Shanghai' });
    expect(mocks.units.nameOf).not.toHaveBeenCalled();
  });

  it('answers 404 for an unknown unit', async () => {
    const { sut } = build();
    expect(await rejectionOf(sut.resolve({ unitId: 'nope' }))).toBeInstanceOf(NotFoundError);
  });

  it('refuses `from` after `to` before reading the unit, and dates that are not calendar dates', async () => {
    const { sut, mocks } = build();
    const reversed = await rejectionOf(sut.resolve({ unitId: 'unit-1', from: '2026-12-02', to: '2026-12-01' }));
    expect(reversed).toBeInstanceOf(BadInputError);
    expect(reversed.message).toBe('from must not be after to');
    expect(mocks.units.nameOf).not.toHaveBeenCalled();
    const bad = await rejectionOf(sut.resolve({ from: '2026-13-45' }));
    expect(bad).toBeInstanceOf(BadInputError);
    expect(bad.message).toBe('from and to must be calendar dates (YYYY-MM-DD)');
  });
});
