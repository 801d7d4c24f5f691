import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AttendanceRepository, SessionAccess } from '@qf/attendance';
import { AuthUser, BadInputError, ConflictError, ForbiddenError, localDateRange, NotFoundError, Page } from '@qf/common';
import { Env } from '@qf/config';
import { isUniqueViolation } from '@qf/database';
import { AccessPolicy, UnitsService } from '@qf/identity';
import { JobName, OutboxService } from '@qf/queue';
import { EntityManager } from 'typeorm';
import { SessionCompletionService } from './session-completion.service';
import { SessionFinalizeScheduler } from './session-finalize.scheduler';
import { SessionMenuEntry, SessionMenuService } from './session-menu.service';
import { LockedSession, SessionView, SessionRepository } from './session.repository';
import { SESSION_KINDS, SessionKind, SessionStatus } from './session-kinds';

export interface NewSession {
  unitId: string;
  title: string;
  kind: SessionKind;
  startsAt: string | Date;
  endsAt: string | Date;
  location?: string | null;
  menuId?: string;
  menu?: SessionMenuEntry[];
}

export interface SessionChanges {
  title?: string;
  startsAt?: string | Date;
  endsAt?: string | Date;
  location?: string | null;
  menu?: SessionMenuEntry[];
}

export interface SessionQuery {
  unitId?: string;
  from?: string;
  to?: string;
  status?: SessionStatus;
  kind?: SessionKind;
  limit: number;
  offset: number;
}

function instant(value: string | Date, field: string): Date {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) throw new BadInputError(`${field} must be an ISO-8601 instant`);
  return d;
}

/** Sessions (学习会): create, read with unit-tree visibility, change, publish with a roster, cancel, complete. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly policy: AccessPolicy,
    private readonly access: SessionAccess,
    private readonly units: UnitsService,
    private readonly repo: SessionRepository,
    private readonly attendance: AttendanceRepository,
    private readonly menus: SessionMenuService,
    private readonly outbox: OutboxService,
    private readonly finalize: SessionFinalizeScheduler,
    private readonly completion: SessionCompletionService,
    private readonly config: ConfigService<Env, true>,
  ) {}

  /** Throws unless the caller manages the unit named in a request body: 400 if it does not exist, else 403. */
  async assertManagesUnitRef(caller: AuthUser, unitId: string): Promise<void> {
    if (await this.policy.manages(caller, unitId)) return;
    if (!(await this.units.exists(unitId))) throw new BadInputError('unitId must name an existing unit');
    throw new ForbiddenError('you do not manage this unit');
  }

  async create(caller: AuthUser, input: NewSession): Promise<SessionView> {
    const startsAt = instant(input.startsAt, 'startsAt');
    const endsAt = instant(input.endsAt, 'endsAt');
    if (endsAt <= startsAt) throw new BadInputError('endsAt must be after startsAt');
    if (!SESSION_KINDS.includes(input.kind)) throw new BadInputError(`kind must be one of ${SESSION_KINDS.join(', ')}`);
    if (!input.title?.trim()) throw new BadInputError('title must not be empty');
    await this.assertManagesUnitRef(caller, input.unitId);
    const entries = await this.menus.resolve(input.unitId, input.kind, { menuId: input.menuId, menu: input.menu });
    try {
      const id = await this.repo.transaction(async (em) => {
        const id = await this.repo.insert(em, {
          unitId: input.unitId,
          title: input.title.trim(),
          kind: input.kind,
          startsAt,
          endsAt,
          location: input.location ?? null,
          menuId: input.menuId ?? null,
          createdBy: caller.id,
        });
        await this.menus.write(em, id, entries);
        return id;
      });
      return (await this.repo.view(id))!;
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError('another session of this unit already starts at that time');
      throw err;
    }
  }

  async list(caller: AuthUser, q: SessionQuery): Promise<Page<SessionView>> {
    const zone = this.config.get('ORG_TIMEZONE', { infer: true });
    const { start, end } = localDateRange(q.from, q.to, zone);
    if (start && end && end <= start) return { items: [], total: 0 };
    return this.repo.page({
      unitIds: await this.policy.visibleUnitIds(caller),
      // Drafts are their managers' own: only those of units the caller manages are listed.
      draftUnitIds: this.policy.readsEverything(caller) ? 'all' : await this.policy.managedUnitIds(caller),
      unitId: q.unitId,
      start,
      end,
      status: q.status,
      kind: q.kind,
      limit: q.limit,
      offset: q.offset,
    });
  }

  /** A session the caller can see (a draft only by those who may manage it); 404 otherwise. */
  async get(caller: AuthUser, id: string): Promise<SessionView> {
    return this.access.visible(caller, await this.repo.view(id));
  }

  /** A session the caller manages: 404 when they cannot see it (a draft included), 403 when they can but do not manage it. */
  private async assertManagesSession(caller: AuthUser, id: string): Promise<void> {
    await this.access.findManaged(caller, id);
  }

  private async lock(em: EntityManager, id: string): Promise<LockedSession> {
    const row = await this.repo.lockForChange(em, id);
    if (!row) throw new NotFoundError('session');
    return row;
  }

  async update(caller: AuthUser, id: string, changes: SessionChanges): Promise<SessionView> {
    await this.assertManagesSession(caller, id);
    try {
      await this.repo.transaction(async (em) => {
        const s = await this.lock(em, id);
        if (s.status !== 'draft' && s.status !== 'published')
          throw new ConflictError(`only a draft or published session can be changed; this one is ${s.status}`);
        const startsAt = changes.startsAt !== undefined ? instant(changes.startsAt, 'startsAt') : s.startsAt;
        const endsAt = changes.endsAt !== undefined ? instant(changes.endsAt, 'endsAt') : s.endsAt;
        if (endsAt <= startsAt) throw new BadInputError('endsAt must be after startsAt');
        if (changes.title !== undefined && !changes.title.trim()) throw new BadInputError('title must not be empty');
        const location = changes.location !== undefined ? changes.location : s.location;
        if (changes.menu) {
          await this.menus.check(s.unitId, s.kind, changes.menu, await this.menus.requiredKindsFor(s.menuId));
          await this.menus.write(em, id, changes.menu, true);
        }
        await this.repo.update(em, id, { title: changes.title?.trim() ?? s.title, startsAt, endsAt, location });
        if (s.status !== 'published') return;
        const timeChanged = startsAt.getTime() !== s.startsAt.getTime() || endsAt.getTime() !== s.endsAt.getTime();
        if (timeChanged || (location ?? null) !== (s.location ?? null)) {
          await this.outbox.add(em, {
            name: JobName.SessionNotify,
            payload: { sessionId: id, event: 'session_changed', eventKey: `session_changed.${id}.${randomUUID()}` },
          });
        }
        if (endsAt.getTime() !== s.endsAt.getTime()) await this.finalize.schedule(em, id);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError('another session of this unit already starts at that time');
      throw err;
    }
    return (await this.repo.view(id))!;
  }

  /**
   * Publishes a draft: the roster is the unit's people at this moment (one INSERT … SELECT, logged in
   * the same statement), and the notification and the finalize job are recorded in the same transaction.
   */
  async publish(caller: AuthUser, id: string): Promise<SessionView> {
    await this.assertManagesSession(caller, id);
    await this.repo.transaction(async (em) => {
      const s = await this.lock(em, id);
      if (s.status !== 'draft') throw new ConflictError(`only a draft session can be published; this one is ${s.status}`);
      await this.repo.markPublished(em, id);
      await this.attendance.insertRosterFor(em, id, s.unitId, caller.id);
      await this.outbox.add(em, {
        name: JobName.SessionNotify,
        payload: { sessionId: id, event: 'session_published', eventKey: `session_published.${id}` },
      });
      await this.finalize.schedule(em, id);
    });
    return (await this.repo.view(id))!;
  }

  async cancel(caller: AuthUser, id: string, reason: string): Promise<SessionView> {
    if (!reason?.trim()) throw new BadInputError('reason must not be empty');
    await this.assertManagesSession(caller, id);
    await this.repo.transaction(async (em) => {
      const s = await this.lock(em, id);
      if (s.status !== 'draft' && s.status !== 'published')
        throw new ConflictError(`only a draft or published session can be cancelled; this one is ${s.status}`);
      await this.repo.markCancelled(em, id, reason.trim());
      if (s.status === 'published') {
        await this.outbox.add(em, {
          name: JobName.SessionNotify,
          payload: { sessionId: id, event: 'session_cancelled', eventKey: `session_cancelled.${id}` },
        });
      }
    });
    return (await this.repo.view(id))!;
  }

  /** Completes a started session through the one completion path; completing twice returns it unchanged. */
  async complete(caller: AuthUser, id: string): Promise<SessionView> {
    await this.assertManagesSession(caller, id);
    const outcome = await this.completion.complete(id, { actorId: caller.id });
    if (outcome === 'not_found') throw new NotFoundError('session');
    if (outcome === 'not_published') throw new ConflictError('only a published session can be completed');
    if (outcome === 'not_started') throw new ConflictError('a session can be completed only once its startsAt has passed');
    return (await this.repo.view(id))!;
  }
}
