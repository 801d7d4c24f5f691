import { Injectable } from '@nestjs/common';
import { many, one, sql } from '@qf/database';
import type { EntityManager } from 'typeorm';
import { DEMO_SUPERVISION_ITEMS, DEMO_TALKS } from './demo-fixtures';

/** The columns of fixture rows, for one `unnest` of arrays. */
const columns = <T extends unknown[]>(rows: T[]): unknown[][] => rows[0].map((_, i) => rows.map((row) => row[i]));

/**
 * The demo's writes that no feature repository method fits (rows backdated, in a given status, by demo
 * username): supervision items in every colour, a rectification campaign, talks, a talk plan, a sent
 * reminder and a declaration. Set-based, in the demo's transaction (libs/demo fixtures name the people).
 */
@Injectable()
export class DemoExtrasRepository {
  /**
   * Supervision (督查督办): items in every colour — none, yellow, orange, red (overdue and never
   * accepted), reported, closed on time — and one rectification campaign (整改清单) with one filed list.
   */
  async insertSupervision(em: EntityManager): Promise<void> {
    const [owner, supervisor, title, timeLimit, ago, dueIn, status] = columns(DEMO_SUPERVISION_ITEMS);
    await many(
      em,
      sql`INSERT INTO supervision_items (kind, title, detail, source, unit_id, owner_id, supervisor_id, time_limit_days, assigned_at,
                                         original_due_at, due_at, ack_due_at, status, accepted_at, reported_at, closed_at, closed_by)
          SELECT 'supervision', d.title, '请按“13710”时限要求办理，及时反馈进展。', '机关党委会议决定事项', o.unit_id, o.id, s.id, d.time_limit,
                 now() - d.ago * interval '1 day', now() + d.due_in * interval '1 day', now() + d.due_in * interval '1 day',
                 now() - d.ago * interval '1 day' + interval '1 day', d.status,
                 CASE WHEN d.status <> 'assigned' THEN now() - d.ago * interval '1 day' + interval '2 hours' END,
                 CASE WHEN d.status IN ('reported', 'closed') THEN now() - interval '1 day' END,
                 CASE WHEN d.status = 'closed' THEN now() + d.due_in * interval '1 day' - interval '1 day' END,
                 CASE WHEN d.status = 'closed' THEN s.id END
            FROM unnest(${owner}::text[], ${supervisor}::text[], ${title}::text[], ${timeLimit}::int[], ${ago}::float8[], ${dueIn}::float8[], ${status}::text[])
                 AS d(owner, supervisor, title, time_limit, ago, due_in, status)
            JOIN users o ON o.username = d.owner JOIN users s ON s.username = d.supervisor`,
    );
    const campaign = await one<{ id: string; created_by: string }>(
      em,
      sql`INSERT INTO rectification_campaigns (title, unit_ids, list_due_at, created_by, created_at)
          SELECT '2026年个人作风巡查问题整改清单', array_agg(un.id ORDER BY un.name), now() + interval '7 days', c.id, now() - interval '2 days'
            FROM units un, users c WHERE un.name IN ('第一党支部', '第二党支部') AND c.username = 'dangwei' GROUP BY c.id
          RETURNING id, created_by`,
    );
    if (!campaign) return;
    await many(em, sql`INSERT INTO rectification_filings (campaign_id, user_id) SELECT ${campaign.id}, id FROM users WHERE username = 'lina'`);
    await many(
      em,
      sql`INSERT INTO supervision_items (kind, title, detail, unit_id, owner_id, supervisor_id, campaign_id, time_limit_days, assigned_at,
                                         original_due_at, due_at, ack_due_at, status, accepted_at)
          SELECT 'rectification', e.problem, e.measure, u.unit_id, u.id, ${campaign.created_by}, ${campaign.id}, 30, now() - interval '1 day',
                 now() + e.days * interval '1 day', now() + e.days * interval '1 day', now(), 'accepted', now() - interval '1 day'
            FROM (VALUES ('理论学习不够深入系统', '每周精读一篇理论文章，每月撰写一篇学习心得', 30),
                         ('联系服务群众不够主动', '每月走访两户党员群众，建立联系台账', 60)) AS e(problem, measure, days),
                 users u WHERE u.username = 'lina'`,
    );
  }

  /**
   * Integrity (廉政): talks in 第一党支部 (one private, one with a follow-up item), a talk plan for the
   * branch at partial coverage, a holiday reminder already sent (one person acknowledged) and a wedding
   * declaration awaiting acknowledgement.
   */
  async insertIntegrity(em: EntityManager): Promise<void> {
    const branch = await one<{ id: string }>(em, sql`SELECT id FROM units WHERE name = '第一党支部'`);
    if (!branch) return;
    const [talker, talkee, kind, ago, summary, isPrivate] = columns(DEMO_TALKS);
    const talks = await many<{ id: string; talkee: string }>(
      em,
      sql`INSERT INTO talks (kind, talker_id, talkee_id, at, place, summary, response, private, created_by)
          SELECT d.kind, er.id, ee.id, now() - d.ago * interval '1 day', '党支部办公室', d.summary, '虚心接受，认真对照检查。', d.private, er.id
            FROM unnest(${talker}::text[], ${talkee}::text[], ${kind}::text[], ${ago}::int[], ${summary}::text[], ${isPrivate}::bool[])
                 AS d(talker, talkee, kind, ago, summary, private)
            JOIN users er ON er.username = d.talker JOIN users ee ON ee.username = d.talkee
          RETURNING id, (SELECT username FROM users WHERE id = talkee_id) AS talkee`,
    );
    const reminderTalk = talks.find((r) => r.talkee === 'wangfang');
    if (reminderTalk) {
      // The talk's follow-up item (督查督办), owned by the talkee and supervised by the branch secretary.
      const item = await one<{ id: string }>(
        em,
        sql`INSERT INTO supervision_items (kind, title, detail, source, unit_id, owner_id, supervisor_id, time_limit_days, assigned_at,
                                           original_due_at, due_at, ack_due_at, status, accepted_at)
            SELECT 'talk_followup', '就公务接待问题提交书面说明', '谈话后一周内提交书面说明及整改措施。', '廉政谈话跟踪问效', o.unit_id, o.id, s.id, 7,
                   now() - interval '5 days', now() + interval '4 days', now() + interval '4 days', now() - interval '4 days', 'accepted', now() - interval '5 days'
              FROM users o, users s WHERE o.username = 'wangfang' AND s.username = 'zhangwei'
            RETURNING id`,
      );
      if (item) await many(em, sql`INSERT INTO talk_followups (talk_id, item_id) VALUES (${reminderTalk.id}, ${item.id})`);
    }
    await many(
      em,
      sql`INSERT INTO talk_plans (title, kind, unit_id, period_from, period_to, starts_at, ends_at, created_by)
          SELECT '第一党支部廉政谈话全覆盖', 'secretary_member', ${branch.id}, current_date - 30, current_date + 60,
                 (current_date - 30)::timestamptz, (current_date + 61)::timestamptz, id
            FROM users WHERE username = 'zhangwei'`,
    );
    const reminder = await one<{ id: string }>(
      em,
      sql`INSERT INTO reminders (title, body, sender_id, unit_ids, send_at, sent_at, created_at)
          SELECT '节前廉政提醒', '严禁公款吃喝、公款送节礼，严禁违规收受礼品礼金，过一个风清气正的节日。', id, ARRAY[${branch.id}::uuid],
                 now() - interval '2 days', now() - interval '2 days', now() - interval '3 days'
            FROM users WHERE username = 'zhangwei'
          RETURNING id`,
    );
    if (reminder) {
      await many(
        em,
        sql`INSERT INTO reminder_recipients (reminder_id, user_id, acknowledged_at)
            SELECT ${reminder.id}, u.id, CASE WHEN u.username = 'lina' THEN now() - interval '1 day' END
              FROM users u JOIN units un ON un.id = u.unit_id
             WHERE u.active AND u.role IN ('member', 'organiser') AND un.path LIKE (SELECT path FROM units WHERE id = ${branch.id}) || '%'`,
      );
    }
    await many(
      em,
      sql`INSERT INTO declarations (user_id, kind, event_date, place, guests, tables, note)
          SELECT id, 'wedding', current_date + 20, '家中', 40, 4, '子女婚礼，不收受礼金' FROM users WHERE username = 'lina'`,
    );
  }
}
