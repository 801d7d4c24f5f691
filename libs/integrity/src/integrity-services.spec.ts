import { AuthUser, BadInputError, ConflictError, ForbiddenError, NotFoundError } from '@qf/common';
import { DateTime } from 'luxon';
import { DeclarationsService } from './declarations.service';
import { TalksService } from './talks.service';

/** Fast rule tests with fake collaborators (no database): the e2e specs cover the SQL. */
const user = (id: string, role: AuthUser['role'], unitId = 'unit-a'): AuthUser => ({ id, role, unitId, displayName: id }) as AuthUser;
const organiser = user('org', 'organiser');
const em = {} as never;
const transaction = (fn: (em: never) => unknown) => fn(em);

function newTalksService(opts: { manages?: boolean; people?: Record<string, { id: string; unitId: string; displayName: string }> } = {}) {
  const people = opts.people ?? { talkee: { id: 'talkee', unitId: 'unit-a', displayName: '党员' } };
  const mocks = {
    talks: { transaction, insert: jest.fn(async () => 'talk-1'), linkFollowUps: jest.fn(async () => undefined), findVisible: jest.fn(async () => ({ id: 'talk-1' })), page: jest.fn() },
    people: { person: jest.fn(async (id: string) => people[id]) },
    supervision: { createItems: jest.fn(async (_em: unknown, _by: string, _kind: string, inputs: unknown[]) => inputs.map((_, i) => `item-${i}`)) },
    access: {
      manages: jest.fn(async () => opts.manages ?? true),
      managedUnitIds: jest.fn(async (u: AuthUser) => (u.role === 'admin' ? 'all' : u.role === 'organiser' ? ['unit-a'] : [])),
      readsEverything: (u: AuthUser) => u.role === 'admin' || u.role === 'auditor',
    },
  };
  const sut = new TalksService(mocks.talks as never, mocks.people as never, mocks.supervision as never, mocks.access as never);
  return { sut, mocks };
}

describe('TalksService (rules)', () => {
  const talk = { kind: 'secretary_member' as const, talkeeId: 'talkee', at: new Date(Date.now() - 60_000), summary: '谈话内容' };

  it('turns each follow-up into a talk_followup item owned by the talkee, supervised by the talker', async () => {
    const { sut, mocks } = newTalksService();
    await sut.record(organiser, { ...talk, followUps: [{ title: '整改', timeLimitDays: 3 }, { title: '说明' }] });
    expect(mocks.supervision.createItems).toHaveBeenCalledWith(em, 'org', 'talk_followup', [
      expect.objectContaining({ title: '整改', timeLimitDays: 3, owner: expect.objectContaining({ id: 'talkee' }) }),
      expect.objectContaining({ title: '说明', owner: expect.objectContaining({ id: 'talkee' }) }),
    ]);
    expect(mocks.talks.linkFollowUps).toHaveBeenCalledWith(em, 'talk-1', ['item-0', 'item-1']);
    expect(mocks.talks.insert).toHaveBeenCalledWith(em, expect.objectContaining({ talkerId: 'org', talkeeId: 'talkee', private: false }));
  });

  it('refuses an unknown talkee (400), someone outside the caller’s units (403), oneself (400), the future (400), an empty summary (400)', async () => {
    await expect(newTalksService().sut.record(organiser, { ...talk, talkeeId: 'nobody' })).rejects.toBeInstanceOf(BadInputError);
    await expect(newTalksService({ manages: false }).sut.record(organiser, talk)).rejects.toBeInstanceOf(ForbiddenError);
    const self = newTalksService({ people: { org: { id: 'org', unitId: 'unit-a', displayName: '书记' } } });
    await expect(self.sut.record(organiser, { ...talk, talkeeId: 'org' })).rejects.toBeInstanceOf(BadInputError);
    await expect(newTalksService().sut.record(organiser, { ...talk, at: new Date(Date.now() + 3_600_000) })).rejects.toBeInstanceOf(BadInputError);
    await expect(newTalksService().sut.record(organiser, { ...talk, summary: '   ' })).rejects.toBeInstanceOf(BadInputError);
  });

  it('lets only admins name another talker', async () => {
    const people = { talkee: { id: 'talkee', unitId: 'unit-a', displayName: '党员' }, other: { id: 'other', unitId: 'unit-a', displayName: '书记乙' } };
    await expect(newTalksService({ people }).sut.record(organiser, { ...talk, talkerId: 'other' })).rejects.toBeInstanceOf(ForbiddenError);
    const { sut, mocks } = newTalksService({ people });
    await sut.record(user('adm', 'admin'), { ...talk, talkerId: 'other' });
    expect(mocks.talks.insert).toHaveBeenCalledWith(em, expect.objectContaining({ talkerId: 'other', createdBy: 'adm' }));
  });

  it('scopes reads: everything for auditors and admins, own talks and their units’ for organisers, own for members; 404 when not visible', async () => {
    const { sut, mocks } = newTalksService();
    mocks.talks.findVisible.mockResolvedValueOnce(undefined as never);
    await expect(sut.get(user('m', 'member'), 'x')).rejects.toBeInstanceOf(NotFoundError);
    expect(mocks.talks.findVisible).toHaveBeenLastCalledWith('x', { viewerId: 'm', all: false, unitIds: [] });
    await sut.get(user('aud', 'auditor'), 'x');
    expect(mocks.talks.findVisible).toHaveBeenLastCalledWith('x', { viewerId: 'aud', all: true });
    await sut.get(organiser, 'x');
    expect(mocks.talks.findVisible).toHaveBeenLastCalledWith('x', { viewerId: 'org', all: false, unitIds: ['unit-a'] });
  });
});

function newDeclarationsService(opts: { manages?: boolean; declaration?: object | undefined; acknowledged?: boolean } = {}) {
  const mocks = {
    declarations: {
      transaction,
      organisersToNotify: jest.fn((unitId: string, personId: string) => ({ unitId, personId })),
      insert: jest.fn(async () => 'decl-1'),
      view: jest.fn(async () => ('declaration' in opts ? opts.declaration : { id: 'decl-1', userId: 'person', unitId: 'unit-a', kind: 'wedding', eventDate: '2099-01-01' })),
      acknowledge: jest.fn(async () => !opts.acknowledged),
    },
    access: {
      manages: jest.fn(async () => opts.manages ?? true),
      readsEverything: (u: AuthUser) => u.role === 'admin' || u.role === 'auditor',
      assertNotSelf: (u: AuthUser, ownerId: string) => {
        if (u.id === ownerId && u.role !== 'admin') throw new ForbiddenError('self');
      },
    },
    calendar: { zone: 'Asia/Shanghai', parseDate: (v: string) => DateTime.fromISO(v, { zone: 'UTC' }) },
    notifications: { notifyQuery: jest.fn(async () => 1), notifyUsers: jest.fn(async () => 1) },
  };
  const sut = new DeclarationsService(mocks.declarations as never, mocks.access as never, mocks.calendar as never, mocks.notifications as never);
  return { sut, mocks };
}

describe('DeclarationsService (rules)', () => {
  const today = DateTime.now().setZone('Asia/Shanghai');
  const person = user('person', 'member');

  it('is filed before the event only, and notifies the organisers over the person’s unit but not the person', async () => {
    await expect(newDeclarationsService().sut.file(person, { kind: 'wedding', eventDate: today.toISODate()!, place: '家中' })).rejects.toBeInstanceOf(BadInputError);
    const { sut, mocks } = newDeclarationsService();
    await sut.file(person, { kind: 'wedding', eventDate: today.plus({ days: 1 }).toISODate()!, place: '家中' });
    expect(mocks.notifications.notifyQuery).toHaveBeenCalledWith(em, expect.objectContaining({ kind: 'declaration_filed' }), { unitId: 'unit-a', personId: 'person' });
  });

  it('is acknowledged by an organiser of the person’s units; never by the person (403), 404 to strangers, 409 twice', async () => {
    await expect(newDeclarationsService({ manages: false }).sut.acknowledge(person, 'decl-1')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(newDeclarationsService({ manages: false }).sut.acknowledge(user('stranger', 'organiser', 'unit-b'), 'decl-1')).rejects.toBeInstanceOf(NotFoundError);
    await expect(newDeclarationsService({ manages: false }).sut.acknowledge(user('aud', 'auditor'), 'decl-1')).rejects.toBeInstanceOf(ForbiddenError);
    const own = newDeclarationsService({ declaration: { id: 'decl-1', userId: 'org', unitId: 'unit-a', kind: 'other', eventDate: '2099-01-01' } });
    await expect(own.sut.acknowledge(organiser, 'decl-1')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(newDeclarationsService({ declaration: undefined }).sut.acknowledge(organiser, 'decl-1')).rejects.toBeInstanceOf(NotFoundError);
    await expect(newDeclarationsService({ acknowledged: true }).sut.acknowledge(organiser, 'decl-1')).rejects.toBeInstanceOf(ConflictError);
    const { sut, mocks } = newDeclarationsService();
    await sut.acknowledge(organiser, 'decl-1', ' 从简 ');
    expect(mocks.declarations.acknowledge).toHaveBeenCalledWith(em, 'decl-1', 'org', '从简');
    expect(mocks.notifications.notifyUsers).toHaveBeenCalledWith(em, expect.objectContaining({ kind: 'declaration_acknowledged' }), ['person']);
  });
});
