import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AttendanceRepository, type AttendanceLogEntry, type AttendanceStatus } from '@qf/attendance';
import { Env } from '@qf/config';
import { PasswordHasher, UnitRepository, UserRepository } from '@qf/identity';
import { CatalogRepository, SessionRepository } from '@qf/sessions';
import { DateTime } from 'luxon';
import { EntityManager } from 'typeorm';
import { DemoExtrasRepository } from './demo-extras.repository';
import { DemoFlagRepository } from './demo-flag.repository';
import { DEMO_CATALOG, DEMO_MENU, DEMO_PASSWORD, DEMO_UNITS, DEMO_USERS } from './demo-fixtures';
import { loadOptionalDemoExtras } from './demo-extras';

export { DEMO_FLAG_KEY } from './demo-flag.repository';

export interface DemoLogin {
  username: string;
  password: string;
  role: string;
  unit: string;
  displayName: string;
}

const LEAVE_REASON = '外出执行审查调查任务';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * Loads the demo organisation once: a unit tree, a few dozen people, catalog items of every kind, a
 * friday_study menu and two sessions (one published for the coming Friday, one completed), and the
 * other features' demo rows (demo-extras.ts). Every table is written by a repository (the owning
 * feature's where a method fits, else DemoExtrasRepository), set-based, in one transaction,
 * flagged in app_meta so that a second run (or a second process) does nothing.
 */
@Injectable()
export class DemoDataService {
  private readonly logger = new Logger(DemoDataService.name);

  constructor(
    private readonly flag: DemoFlagRepository,
    private readonly units: UnitRepository,
    private readonly users: UserRepository,
    private readonly catalog: CatalogRepository,
    private readonly sessions: SessionRepository,
    private readonly attendance: AttendanceRepository,
    private readonly extras: DemoExtrasRepository,
    private readonly hasher: PasswordHasher,
    private readonly config: ConfigService<Env, true>,
  ) {}

  isLoaded(): Promise<boolean> {
    return this.flag.isSet();
  }

  /** Loads the demo data unless it was loaded before; returns whether it loaded now. */
  async load(): Promise<{ loaded: boolean }> {
    if (await this.isLoaded()) return { loaded: false };
    // Hash once and reuse: argon2id is slow on purpose.
    const passwordHash = await this.hasher.hash(DEMO_PASSWORD);
    const loaded = await this.flag.transaction(async (em) => {
      if (!(await this.flag.claim(em))) return false;
      const units = await this.insertUnits(em);
      const users = await this.insertUsers(em, units, passwordHash);
      const catalog = await this.insertCatalog(em, users.get('dangwei')!);
      const menuId = await this.insertMenu(em, catalog, users.get('dangwei')!);
      await this.insertSessions(em, { units, users, menuId });
      await loadOptionalDemoExtras(em, this.extras, { createdBy: users.get('dangwei')! });
      return true;
    });
    if (loaded) this.logger.log('demo data loaded');
    return { loaded };
  }

  /** Who can log in to the demo (the admin is created separately, by AdminBootstrapService). */
  logins(): DemoLogin[] {
    const unitName = new Map(DEMO_UNITS.map((u) => [u.key, u.name]));
    return DEMO_USERS.map((u) => ({ username: u.username, password: DEMO_PASSWORD, role: u.role, unit: unitName.get(u.unit)!, displayName: u.displayName }));
  }

  private async insertUnits(em: EntityManager): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    const paths = new Map<string, string>();
    for (const unit of DEMO_UNITS) {
      const parentId = unit.parent ? ids.get(unit.parent)! : null;
      const row = await this.units.findOrInsert(em, unit.name, parentId, unit.parent ? paths.get(unit.parent)! : '/');
      ids.set(unit.key, row.id);
      paths.set(unit.key, row.path);
    }
    return ids;
  }

  private async insertUsers(em: EntityManager, units: Map<string, string>, passwordHash: string): Promise<Map<string, string>> {
    await this.users.insertMany(
      em,
      DEMO_USERS.map((u) => ({ username: u.username, displayName: u.displayName, role: u.role, unitId: units.get(u.unit)! })),
      passwordHash,
    );
    return this.users.idsByUsername(em, DEMO_USERS.map((u) => u.username));
  }

  private async insertCatalog(em: EntityManager, createdBy: string): Promise<Map<string, string>> {
    const byTitle = await this.catalog.insertItems(em, DEMO_CATALOG, createdBy);
    return new Map(DEMO_CATALOG.map((c) => [c.key, byTitle.get(c.title)!]));
  }

  private insertMenu(em: EntityManager, catalog: Map<string, string>, createdBy: string): Promise<string> {
    return this.catalog.insertMenu(em, {
      name: DEMO_MENU.name,
      requiredKinds: ['theory', 'history', 'song'], // the column's default
      createdBy,
      items: DEMO_MENU.items.map((i) => ({ catalogItemId: catalog.get(i.item)!, course: i.course })),
    });
  }

  private async insertSessions(em: EntityManager, ctx: { units: Map<string, string>; users: Map<string, string>; menuId: string }): Promise<void> {
    const zone = this.config.get('ORG_TIMEZONE', { infer: true });
    const today = DateTime.now().setZone(zone).startOf('day');
    // The coming Friday (never today), and a Friday at least a day in the past.
    const upcoming = today.plus({ days: ((5 - today.weekday + 7) % 7) || 7 }).set({ hour: 15 });
    let past = upcoming.minus({ days: 7 });
    if (past >= today) past = past.minus({ days: 7 });
    const session = (unit: string, title: string, status: 'published' | 'completed', at: DateTime, location: string, organiser: string) =>
      this.sessions.insertSettled(em, {
        unitId: ctx.units.get(unit)!, title, status, startsAt: at.toJSDate(), endsAt: at.plus({ hours: 2 }).toJSDate(), location,
        menuId: ctx.menuId, createdBy: organiser, presenterId: organiser,
      });

    const organiser1 = ctx.users.get('zhangwei')!;
    const organiser2 = ctx.users.get('liuyang')!;
    const published = await session('branch1', '第一党支部周五集中学习', 'published', upcoming, '机关三楼会议室', organiser1);
    await this.attendance.insertRosterFor(em, published, ctx.units.get('branch1')!, organiser1);

    const completed = await session('branch2', '第二党支部周五集中学习', 'completed', past, '机关二楼党员活动室', organiser2);
    // Everyone of the branch with an outcome: most present, one late, one on approved leave, one absent.
    const people = await this.users.peopleOfUnit(em, ctx.units.get('branch2')!);
    const outcome = (i: number): AttendanceStatus => (i === 1 ? 'late' : i === 2 ? 'excused' : i === 3 ? 'absent' : 'present');
    const startsAt = past.toMillis();
    const checkedIn = (status: AttendanceStatus) =>
      status === 'present' ? new Date(startsAt - 5 * MINUTE) : status === 'late' ? new Date(startsAt + 12 * MINUTE) : null;
    const rows = people.map((p, i) => ({ userId: p.id, status: outcome(i), checkedInAt: checkedIn(outcome(i)) }));
    await this.attendance.insertRecords(em, completed, rows);
    const excused = rows.find((r) => r.status === 'excused');
    if (excused) {
      await this.attendance.insertDecidedLeave(em, {
        sessionId: completed, userId: excused.userId, reason: LEAVE_REASON, status: 'approved', comment: '同意，请会后补学',
        decidedBy: organiser2, decidedAt: new Date(startsAt - DAY), createdAt: new Date(startsAt - 2 * DAY),
      });
    }
    // The log tells the same story in order: roster, then check-ins and leave, then completion.
    const roster: AttendanceLogEntry[] = rows.map((r) => ({
      sessionId: completed, userId: r.userId, actorId: organiser2, action: 'roster', fromStatus: null, toStatus: 'expected', reason: null,
    }));
    const outcomes: AttendanceLogEntry[] = rows.map((r) =>
      r.status === 'excused'
        ? { sessionId: completed, userId: r.userId, actorId: organiser2, action: 'leave_approved', fromStatus: 'expected', toStatus: r.status, reason: LEAVE_REASON }
        : r.status === 'absent'
          ? { sessionId: completed, userId: r.userId, actorId: null, action: 'completion', fromStatus: 'expected', toStatus: r.status, reason: null }
          : { sessionId: completed, userId: r.userId, actorId: r.userId, action: 'check_in', fromStatus: 'expected', toStatus: r.status, reason: null },
    );
    await this.attendance.appendLog(em, [...roster, ...outcomes]);
  }
}
