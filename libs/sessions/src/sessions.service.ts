import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthUser, BadInputError, ConflictError, ForbiddenError, localDateRange, NotFoundError, Page } from '@qf/common';
import { Env } from '@qf/config';
import { AccessPolicy, peopleOfUnit } from '@qf/identity';
import { JobName, OutboxService } from '@qf/queue';
import { DataSource, EntityManager } from 'typeorm';
import { SessionCompletionService } from './session-completion.service';
import { SessionFinalizeScheduler } from './session-finalize.scheduler';
import { SessionMenuEntry, SessionMenuService } from './session-menu.service';
import { SessionView, SessionRepository } from './session.repository';
import { SESSION_KINDS, SessionKind, SessionStatus } from './session-kinds';
import { isUniqueViolation } from './session-sql';

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

interface LockedSession {
  id: string;
  unit_id: string;
  kind: SessionKind;
  status: SessionStatus;
  title: string;
  starts_at: Date;
  ends_at: Date;
  location: string | null;
  menu_id: string | null;
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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly repo: SessionRepository,
    private readonly menus: SessionMenuService,
    private readonly outbox: OutboxService,
    private readonly finalize: SessionFinalizeScheduler,
    private readonly completion: SessionCompletionService,
    private readonly config: ConfigService<Env, true>,
  ) {}

  /** Throws unless the caller manages the unit named in a request body: 400 if it does not exist, else 403. */
  async assertManagesUnitRef(caller: AuthUser, unitId: string): Promise<void> {
    if (await this.policy.manages(caller, unitId)) return;
    const rows = await this.dataSource.query(`SELECT 1 FROM units WHERE id = $1`, [unitId]);
    if (rows.length === 0) throw new BadInputError('unitId must name an existing unit');
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
      const id = await this.dataSource.transaction(async (em) => {
        const [row] = await em.query(
          `INSERT INTO sessions (unit_id, title, kind, starts_at, ends_at, location, menu_id, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
          [input.unitId, input.title.trim(), input.kind, startsAt, endsAt, input.location ?? null, input.menuId ?? null, caller.id],
        );
        await this.menus.write(em, row.id, entries);
        return row.id as string;
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
    const view = await this.repo.view(id);
    if (!view || !(await this.policy.canSeeSession(caller, view))) throw new NotFoundError('session');
    return view;
  }

  /** A session the caller manages: 404 when they cannot see it (a draft included), 403 when they can but do not manage it. */
  private async assertManagesSession(caller: AuthUser, id: string): Promise<void> {
    const [row] = await this.dataSource.query(`SELECT unit_id AS "unitId", status FROM sessions WHERE id = $1`, [id]);
    if (!row) throw new NotFoundError('session');
    await this.policy.assertManagesSession(caller, row);
  }

  private async lock(em: EntityManager, id: string): Promise<LockedSession> {
    const [row] = await em.query(
      `SELECT id, unit_id, kind, status, title, starts_at, ends_at, location, menu_id FROM sessions WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!row) throw new NotFoundError('session');
    return row;
  }

  async update(caller: AuthUser, id: string, changes: SessionChanges): Promise<SessionView> {
    await this.assertManagesSession(caller, id);
    try {
      await this.dataSource.transaction(async (em) => {
        const s = await this.lock(em, id);
        if (s.status !== 'draft' && s.status !== 'published')
          throw new ConflictError(`only a draft or published session can be changed; this one is ${s.status}`);
        const startsAt = changes.startsAt !== undefined ? instant(changes.startsAt, 'startsAt') : s.starts_at;
        const endsAt = changes.endsAt !== undefined ? instant(changes.endsAt, 'endsAt') : s.ends_at;
        if (endsAt <= startsAt) throw new BadInputError('endsAt must be after startsAt');
        if (changes.title !== undefined && !changes.title.trim()) throw new BadInputError('title must not be empty');
        const location = changes.location !== undefined ? changes.location : s.location;
        if (changes.menu) {
          await this.menus.check(s.unit_id, s.kind, changes.menu, await this.menus.requiredKindsFor(s.menu_id));
          await this.menus.write(em, id, changes.menu, true);
        }
        await em.query(
          `UPDATE sessions SET title = $2, starts_at = $3, ends_at = $4, location = $5, updated_at = now() WHERE id = $1`,
          [id, changes.title?.trim() ?? s.title, startsAt, endsAt, location],
        );
        if (s.status !== 'published') return;
        const timeChanged = startsAt.getTime() !== s.starts_at.getTime() || endsAt.getTime() !== s.ends_at.getTime();
        if (timeChanged || (location ?? null) !== (s.location ?? null)) {
          await this.outbox.add(em, {
            name: JobName.SessionNotify,
            payload: { sessionId: id, event: 'session_changed', eventKey: `session_changed.${id}.${randomUUID()}` },
          });
        }
        if (endsAt.getTime() !== s.ends_at.getTime()) await this.finalize.schedule(em, id);
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
    await this.dataSource.transaction(async (em) => {
      const s = await this.lock(em, id);
      if (s.status !== 'draft') throw new ConflictError(`only a draft session can be published; this one is ${s.status}`);
      await em.query(`UPDATE sessions SET status = 'published', published_at = now(), updated_at = now() WHERE id = $1`, [id]);
      await em.query(
        `WITH roster AS (
           INSERT INTO attendance_records (session_id, user_id, status)
           SELECT $1, p.id, 'expected' FROM (${peopleOfUnit('$2')}) p
           ON CONFLICT (session_id, user_id) DO NOTHING
           RETURNING user_id
         )
         INSERT INTO attendance_log (session_id, user_id, actor_id, action, from_status, to_status)
         SELECT $1, user_id, $3::uuid, 'roster', NULL, 'expected' FROM roster ORDER BY user_id`,
        [id, s.unit_id, caller.id],
      );
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
    await this.dataSource.transaction(async (em) => {
      const s = await this.lock(em, id);
      if (s.status !== 'draft' && s.status !== 'published')
        throw new ConflictError(`only a draft or published session can be cancelled; this one is ${s.status}`);
      await em.query(
        `UPDATE sessions SET status = 'cancelled', cancel_reason = $2, cancelled_at = now(), updated_at = now() WHERE id = $1`,
        [id, reason.trim()],
      );
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
