import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DEFAULT_THRESHOLDS, deadlineSql } from '@qf/deadlines';
import { Page } from '@qf/common';
import { anyOf, one, page, pageWithTotal, raw, sql, Sql } from '@qf/database';
import { PERSON_OF_UNIT_SQL } from '@qf/identity';
import { DataSource } from 'typeorm';
import { PersonRef, TalkKind } from './integrity-kinds';

export interface NewPlanRow {
  title: string;
  kind: TalkKind;
  unitId: string;
  from: string;
  to: string;
  startsAt: Date;
  endsAt: Date;
  createdBy: string;
}

export interface PlanRow extends NewPlanRow {
  id: string;
  createdAt: Date;
}

export interface CoverageRow {
  required: number;
  done: number;
  missing: PersonRef[];
  open: number;
  closed: number;
  overdue: number;
}

/**
 * The people a plan requires (`planId`: an SQL expression): the people of the plan's unit (identity's
 * rule, PERSON_OF_UNIT_SQL: active members and organisers of it and its descendants), except the plan's creator;
 * joined on the unit path, not through peopleOfUnitsSql's EXISTS, which made the coverage statement 2.3× slower (bench/dossier); `done` when a talk of the plan's kind in its period was
 * given by a qualified talker — for `leader_staff` an organiser (or admin) of a unit above the plan's
 * unit, for the other kinds an organiser (or admin) of the talkee's unit or a unit above it.
 */
const required = (planId: Sql): Sql => sql`
  WITH plan AS (
    SELECT p.*, pu.path AS unit_path FROM talk_plans p JOIN units pu ON pu.id = p.unit_id WHERE p.id = ${planId}),
  req AS (
    SELECT u.id, u.display_name,
           EXISTS (
             SELECT 1 FROM talks t JOIN users er ON er.id = t.talker_id JOIN units tu ON tu.id = er.unit_id
              WHERE t.talkee_id = u.id AND t.kind = plan.kind AND t.at >= plan.starts_at AND t.at < plan.ends_at
                AND (er.role = 'admin' OR (er.role = 'organiser' AND CASE WHEN plan.kind = 'leader_staff'
                       THEN plan.unit_path LIKE tu.path || '%' AND tu.id <> plan.unit_id
                       ELSE un.path LIKE tu.path || '%' END))) AS done
      FROM plan, users u JOIN units un ON un.id = u.unit_id
     WHERE ${PERSON_OF_UNIT_SQL} AND un.path LIKE plan.unit_path || '%' AND u.id <> plan.created_by)`;

/**
 * A plan's coverage in one statement: counts, the missing people, the follow-ups' states. Exported for
 * bench/dossier, which times this very statement against the api.
 */
export const coverageSql = (planId: string): Sql => sql`${required(sql`${planId}`)},
  fu AS (
    SELECT si.status, si.due_at FROM plan, talks t JOIN talk_followups f ON f.talk_id = t.id JOIN supervision_items si ON si.id = f.item_id
     WHERE t.kind = plan.kind AND t.at >= plan.starts_at AND t.at < plan.ends_at AND t.talkee_id IN (SELECT id FROM req))
  SELECT (SELECT count(*) FROM req)::int AS required,
         (SELECT count(*) FROM req WHERE done)::int AS done,
         (SELECT coalesce(json_agg(json_build_object('userId', id, 'displayName', display_name) ORDER BY display_name, id), '[]'::json)
            FROM req WHERE NOT done) AS missing,
         (SELECT count(*) FROM fu WHERE status <> 'closed' AND due_at >= now())::int AS open,
         (SELECT count(*) FROM fu WHERE status = 'closed')::int AS closed,
         (SELECT count(*) FROM fu WHERE status <> 'closed' AND due_at < now())::int AS overdue`;

/** The deadline engine's rule over a plan's period: yellow at 30 % left. */
const PLAN_DEADLINE = deadlineSql({
  open: 'true',
  start: 'p.starts_at',
  due: 'p.ends_at',
  yellow: String(DEFAULT_THRESHOLDS.yellow),
  orange: String(DEFAULT_THRESHOLDS.orange),
});

const PLAN_SELECT = sql`SELECT id, title, kind, unit_id AS "unitId", to_char(period_from, 'YYYY-MM-DD') AS "from", to_char(period_to, 'YYYY-MM-DD') AS "to",
                              starts_at AS "startsAt", ends_at AS "endsAt", created_by AS "createdBy", created_at AS "createdAt"
                         FROM talk_plans`;

/** All SQL of talk_plans; coverage in one statement. */
@Injectable()
export class TalkPlanRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(row: NewPlanRow): Promise<string> {
    const inserted = await one<{ id: string }>(
      this.dataSource,
      sql`INSERT INTO talk_plans (title, kind, unit_id, period_from, period_to, starts_at, ends_at, created_by)
          VALUES (${row.title}, ${row.kind}, ${row.unitId}, ${row.from}, ${row.to}, ${row.startsAt}, ${row.endsAt}, ${row.createdBy}) RETURNING id`,
    );
    return inserted!.id;
  }

  find(id: string): Promise<PlanRow | undefined> {
    return one<PlanRow>(this.dataSource, sql`${PLAN_SELECT} WHERE id = ${id}`);
  }

  /** Plans of the given units (`'all'`: every plan), newest period first. */
  page(unitIds: 'all' | string[], limit: number, offset: number): Promise<Page<PlanRow>> {
    const where: Sql = unitIds === 'all' ? sql`true` : sql`unit_id ${anyOf(unitIds)}`;
    return pageWithTotal<PlanRow>(
      this.dataSource,
      sql`${PLAN_SELECT} WHERE ${where} ORDER BY period_from DESC, created_at DESC, id ${page(limit, offset)}`,
      sql`SELECT count(*)::int AS total FROM talk_plans WHERE ${where}`,
    );
  }

  async coverage(id: string): Promise<CoverageRow> {
    const row = await one<CoverageRow>(this.dataSource, coverageSql(id));
    return row!;
  }

  /**
   * The notify-once reminder (deadline engine, yellow = 30 % of the period left): plans that reached it
   * with people still missing get flagged and their creator one notification. Returns how many were flagged and how many reminded.
   */
  async remindBehind(batch: number): Promise<{ flagged: number; reminded: number }> {
    const row = await one<{ flagged: number; reminded: number }>(
      this.dataSource,
      sql`WITH due AS (
         SELECT p.id FROM talk_plans p
          WHERE NOT p.warned_yellow AND ${raw(PLAN_DEADLINE.reached('yellow'))}
          LIMIT ${raw(String(batch))} FOR UPDATE SKIP LOCKED),
       flagged AS (
         UPDATE talk_plans p SET warned_yellow = true FROM due WHERE p.id = due.id
         RETURNING p.id, p.title, p.created_by, p.period_to),
       behind AS (
         SELECT f.*, (SELECT count(*) FROM (${required(raw('f.id'))} SELECT 1 FROM req WHERE NOT done) m) AS missing
           FROM flagged f),
       sent AS (
         INSERT INTO notifications (user_id, kind, title, body, link, event_key)
         SELECT created_by, 'talk_plan_behind', '谈话计划未全覆盖：' || title,
                '尚有 ' || missing || ' 人未谈话，计划截止 ' || to_char(period_to, 'YYYY-MM-DD'),
                '/talk-plans/' || id || '/coverage', 'talk_plan_behind:' || id
           FROM behind WHERE missing > 0
         ON CONFLICT (event_key, user_id) DO NOTHING)
       SELECT (SELECT count(*) FROM flagged)::int AS flagged, (SELECT count(*) FROM behind WHERE missing > 0)::int AS reminded`,
    );
    return row!;
  }
}
