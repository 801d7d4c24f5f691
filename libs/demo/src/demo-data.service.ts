import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { Env } from '@qf/config';
import { PasswordHasher, peopleOfUnit } from '@qf/identity';
import { DateTime } from 'luxon';
import { DataSource, EntityManager } from 'typeorm';
import { DEMO_CATALOG, DEMO_MENU, DEMO_PASSWORD, DEMO_UNITS, DEMO_USERS } from './demo-fixtures';
import { loadOptionalDemoExtras } from './demo-extras';

export const DEMO_FLAG_KEY = 'demo_data';

export interface DemoLogin {
  username: string;
  password: string;
  role: string;
  unit: string;
  displayName: string;
}

/**
 * Loads the demo organisation once: a unit tree, a few dozen people, catalog items of every kind, a
 * friday_study menu and two sessions (one published for the coming Friday, one completed). Plain
 * SQL in one transaction, flagged in app_meta so that a second run (or a second process) does nothing.
 */
@Injectable()
export class DemoDataService {
  private readonly logger = new Logger(DemoDataService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly config: ConfigService<Env, true>,
  ) {}

  async isLoaded(): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM app_meta WHERE key = $1`, [DEMO_FLAG_KEY]);
    return rows.length > 0;
  }

  /** Loads the demo data unless it was loaded before; returns whether it loaded now. */
  async load(): Promise<{ loaded: boolean }> {
    if (await this.isLoaded()) return { loaded: false };
    // Hash once and reuse: argon2id is slow on purpose.
    const passwordHash = await this.hasher.hash(DEMO_PASSWORD);
    const loaded = await this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock(7263003)');
      const flag = await em.query(
        `INSERT INTO app_meta (key, value) VALUES ($1, jsonb_build_object('loadedAt', now())) ON CONFLICT (key) DO NOTHING RETURNING key`,
        [DEMO_FLAG_KEY],
      );
      if (flag.length === 0) return false;
      const units = await this.insertUnits(em);
      const users = await this.insertUsers(em, units, passwordHash);
      const catalog = await this.insertCatalog(em, users.get('dangwei')!);
      const menuId = await this.insertMenu(em, catalog, users.get('dangwei')!);
      await this.insertSessions(em, { units, users, catalog, menuId });
      await loadOptionalDemoExtras(em, { createdBy: users.get('dangwei')! });
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
      // Reuse a unit of the same name under the same parent (e.g. a database that has its own tree).
      const [row] = await em.query(
        `WITH found AS (
           SELECT id, path FROM units WHERE name = $1 AND parent_id IS NOT DISTINCT FROM $2::uuid
         ), made AS (
           INSERT INTO units (id, name, parent_id, path)
           SELECT g.id, $1, $2::uuid, $3 || g.id || '/' FROM (SELECT gen_random_uuid() AS id) g
           WHERE NOT EXISTS (SELECT 1 FROM found)
           RETURNING id, path
         )
         SELECT id, path FROM found UNION ALL SELECT id, path FROM made`,
        [unit.name, parentId, unit.parent ? paths.get(unit.parent)! : '/'],
      );
      ids.set(unit.key, row.id);
      paths.set(unit.key, row.path);
    }
    return ids;
  }

  private async insertUsers(em: EntityManager, units: Map<string, string>, passwordHash: string): Promise<Map<string, string>> {
    await em.query(
      `INSERT INTO users (username, display_name, password_hash, role, unit_id)
       SELECT username, display_name, $5, role, unit_id FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[]) AS t(username, display_name, role, unit_id)
       ON CONFLICT DO NOTHING`,
      [
        DEMO_USERS.map((u) => u.username),
        DEMO_USERS.map((u) => u.displayName),
        DEMO_USERS.map((u) => u.role),
        DEMO_USERS.map((u) => units.get(u.unit)!),
        passwordHash,
      ],
    );
    const rows: { id: string; username: string }[] = await em.query(`SELECT id, lower(username) AS username FROM users WHERE lower(username) = ANY($1)`, [
      DEMO_USERS.map((u) => u.username.toLowerCase()),
    ]);
    return new Map(rows.map((r) => [r.username, r.id]));
  }

  private async insertCatalog(em: EntityManager, createdBy: string): Promise<Map<string, string>> {
    const rows: { id: string; title: string }[] = await em.query(
      `INSERT INTO catalog_items (title, kind, summary, duration_minutes, created_by)
       SELECT title, kind, summary, minutes, $5 FROM unnest($1::text[], $2::text[], $3::text[], $4::int[]) AS t(title, kind, summary, minutes)
       RETURNING id, title`,
      [DEMO_CATALOG.map((c) => c.title), DEMO_CATALOG.map((c) => c.kind), DEMO_CATALOG.map((c) => c.summary), DEMO_CATALOG.map((c) => c.durationMinutes), createdBy],
    );
    const byTitle = new Map(rows.map((r) => [r.title, r.id]));
    return new Map(DEMO_CATALOG.map((c) => [c.key, byTitle.get(c.title)!]));
  }

  private async insertMenu(em: EntityManager, catalog: Map<string, string>, createdBy: string): Promise<string> {
    const [menu] = await em.query(`INSERT INTO menus (name, created_by) VALUES ($1, $2) RETURNING id`, [DEMO_MENU.name, createdBy]);
    await em.query(
      `INSERT INTO menu_items (menu_id, position, catalog_item_id, course)
       SELECT $1, position, item, course FROM unnest($2::uuid[], $3::text[]) WITH ORDINALITY AS t(item, course, position)`,
      [menu.id, DEMO_MENU.items.map((i) => catalog.get(i.item)!), DEMO_MENU.items.map((i) => i.course)],
    );
    return menu.id;
  }

  private async insertSessions(
    em: EntityManager,
    ctx: { units: Map<string, string>; users: Map<string, string>; catalog: Map<string, string>; menuId: string },
  ): Promise<void> {
    const zone = this.config.get('ORG_TIMEZONE', { infer: true });
    const today = DateTime.now().setZone(zone).startOf('day');
    // The coming Friday (never today), and a Friday at least a day in the past.
    const upcoming = today.plus({ days: ((5 - today.weekday + 7) % 7) || 7 }).set({ hour: 15 });
    let past = upcoming.minus({ days: 7 });
    if (past >= today) past = past.minus({ days: 7 });

    const organiser1 = ctx.users.get('zhangwei')!;
    const organiser2 = ctx.users.get('liuyang')!;
    const published = await this.insertSession(em, ctx, {
      unit: 'branch1', title: '第一党支部周五集中学习', status: 'published', startsAt: upcoming, location: '机关三楼会议室', createdBy: organiser1, presenter: organiser1,
    });
    await em.query(
      `WITH roster AS (
         INSERT INTO attendance_records (session_id, user_id, status)
         SELECT $1, id, 'expected' FROM (${peopleOfUnit('$2')}) p
         ON CONFLICT DO NOTHING RETURNING user_id
       )
       INSERT INTO attendance_log (session_id, user_id, actor_id, action, from_status, to_status)
       SELECT $1, user_id, $3, 'roster', NULL, 'expected' FROM roster`,
      [published, ctx.units.get('branch1'), organiser1],
    );

    const completed = await this.insertSession(em, ctx, {
      unit: 'branch2', title: '第二党支部周五集中学习', status: 'completed', startsAt: past, location: '机关二楼党员活动室', createdBy: organiser2, presenter: organiser2,
    });
    // Everyone of the branch with an outcome: most present, one late, one on approved leave, one absent.
    const people: { id: string; username: string }[] = await em.query(
      `SELECT u.id, u.username FROM users u WHERE u.id IN (${peopleOfUnit('$1')}) ORDER BY u.username`,
      [ctx.units.get('branch2')],
    );
    const outcome = (i: number) => (i === 1 ? 'late' : i === 2 ? 'excused' : i === 3 ? 'absent' : 'present');
    const startsAt = past.toJSDate();
    const rows = people.map((p, i) => ({ user: p.id, status: outcome(i) }));
    await em.query(
      `INSERT INTO attendance_records (session_id, user_id, status, checked_in_at)
       SELECT $1, user_id, status, CASE status WHEN 'present' THEN $4::timestamptz - interval '5 minutes'
                                              WHEN 'late' THEN $4::timestamptz + interval '12 minutes' END
         FROM unnest($2::uuid[], $3::text[]) AS t(user_id, status)
       ON CONFLICT DO NOTHING`,
      [completed, rows.map((r) => r.user), rows.map((r) => r.status), startsAt],
    );
    const excused = rows.find((r) => r.status === 'excused');
    if (excused) {
      await em.query(
        `INSERT INTO leave_requests (session_id, user_id, reason, status, comment, decided_by, decided_at, created_at)
         VALUES ($1, $2, '外出执行审查调查任务', 'approved', '同意，请会后补学', $3, $4::timestamptz - interval '1 day', $4::timestamptz - interval '2 days')`,
        [completed, excused.user, organiser2, startsAt],
      );
    }
    // The log tells the same story in order: roster, then check-ins and leave, then completion.
    const action = (s: string) => (s === 'excused' ? 'leave_approved' : s === 'absent' ? 'completion' : 'check_in');
    await em.query(
      `INSERT INTO attendance_log (session_id, user_id, actor_id, action, from_status, to_status, reason)
       SELECT $1, user_id, $2, 'roster', NULL, 'expected', NULL FROM unnest($3::uuid[]) AS t(user_id)`,
      [completed, organiser2, rows.map((r) => r.user)],
    );
    await em.query(
      `INSERT INTO attendance_log (session_id, user_id, actor_id, action, from_status, to_status, reason)
       SELECT $1, user_id, CASE WHEN act = 'completion' THEN NULL WHEN act = 'leave_approved' THEN $2::uuid ELSE user_id END,
              act, 'expected', status, CASE WHEN act = 'leave_approved' THEN '外出执行审查调查任务' END
         FROM unnest($3::uuid[], $4::text[], $5::text[]) AS t(user_id, status, act)`,
      [completed, organiser2, rows.map((r) => r.user), rows.map((r) => r.status), rows.map((r) => action(r.status))],
    );
  }

  private async insertSession(
    em: EntityManager,
    ctx: { units: Map<string, string>; catalog: Map<string, string>; menuId: string },
    s: { unit: string; title: string; status: 'published' | 'completed'; startsAt: DateTime; location: string; createdBy: string; presenter: string },
  ): Promise<string> {
    const startsAt = s.startsAt.toJSDate();
    const endsAt = s.startsAt.plus({ hours: 2 }).toJSDate();
    const [row] = await em.query(
      `INSERT INTO sessions (unit_id, title, kind, status, starts_at, ends_at, location, menu_id, created_by, published_at, completed_at)
       VALUES ($1, $2, 'friday_study', $3, $4, $5, $6, $7, $8, $4::timestamptz - interval '3 days', CASE WHEN $3 = 'completed' THEN $5::timestamptz END)
       ON CONFLICT DO NOTHING RETURNING id`,
      [ctx.units.get(s.unit), s.title, s.status, startsAt, endsAt, s.location, ctx.menuId, s.createdBy],
    );
    const id: string =
      row?.id ?? (await em.query(`SELECT id FROM sessions WHERE unit_id = $1 AND starts_at = $2 AND status <> 'cancelled'`, [ctx.units.get(s.unit), startsAt]))[0].id;
    await em.query(
      `INSERT INTO session_menu_items (session_id, position, catalog_item_id, course, presenter_id)
       SELECT $1, position, catalog_item_id, course, CASE WHEN position = 1 THEN $2::uuid END FROM menu_items WHERE menu_id = $3
       ON CONFLICT DO NOTHING`,
      [id, s.presenter, ctx.menuId],
    );
    return id;
  }
}
