import { loadDemoTalkFollowupItem } from '@qf/supervision';
import type { EntityManager } from 'typeorm';

/**
 * Demo integrity work (廉政): talks in 第一党支部 (one private, one with a follow-up item), a talk plan
 * for the branch at partial coverage, a holiday reminder already sent (one person acknowledged) and a
 * wedding declaration awaiting acknowledgement. Demo usernames (libs/demo fixtures); plain SQL in the
 * demo transaction.
 */
export async function loadDemoIntegrity(em: EntityManager): Promise<void> {
  const [branch] = await em.query(`SELECT id FROM units WHERE name = '第一党支部'`);
  if (!branch) return;
  // [talker, talkee, kind, days ago, summary, private]
  const talks: [string, string, string, number, string, boolean][] = [
    ['zhangwei', 'lina', 'secretary_member', 12, '围绕廉洁自律准则、八小时以外生活圈开展谈心谈话，提醒严守纪律底线。', false],
    ['zhangwei', 'wangfang', 'reminder', 5, '针对近期公务接待中的苗头性问题进行提醒谈话。', true],
    ['dangwei', 'zhangwei', 'leader_staff', 20, '落实全面从严治党主体责任，压实支部书记第一责任人责任。', false],
  ];
  const rows: { id: string; talkee: string }[] = await em.query(
    `INSERT INTO talks (kind, talker_id, talkee_id, at, place, summary, response, private, created_by)
     SELECT d.kind, er.id, ee.id, now() - d.ago * interval '1 day', '党支部办公室', d.summary, '虚心接受，认真对照检查。', d.private, er.id
       FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::bool[]) AS d(talker, talkee, kind, ago, summary, private)
       JOIN users er ON er.username = d.talker JOIN users ee ON ee.username = d.talkee
     RETURNING id, (SELECT username FROM users WHERE id = talkee_id) AS talkee`,
    [0, 1, 2, 3, 4, 5].map((i) => talks.map((t) => t[i])),
  );
  const reminderTalk = rows.find((r) => r.talkee === 'wangfang');
  if (reminderTalk) {
    const item = await loadDemoTalkFollowupItem(em);
    if (item) await em.query(`INSERT INTO talk_followups (talk_id, item_id) VALUES ($1, $2)`, [reminderTalk.id, item.id]);
  }
  await em.query(
    `INSERT INTO talk_plans (title, kind, unit_id, period_from, period_to, starts_at, ends_at, created_by)
     SELECT '第一党支部廉政谈话全覆盖', 'secretary_member', $1, current_date - 30, current_date + 60,
            (current_date - 30)::timestamptz, (current_date + 61)::timestamptz, id
       FROM users WHERE username = 'zhangwei'`,
    [branch.id],
  );
  const [reminder] = await em.query(
    `INSERT INTO reminders (title, body, sender_id, unit_ids, send_at, sent_at, created_at)
     SELECT '节前廉政提醒', '严禁公款吃喝、公款送节礼，严禁违规收受礼品礼金，过一个风清气正的节日。', id, ARRAY[$1::uuid],
            now() - interval '2 days', now() - interval '2 days', now() - interval '3 days'
       FROM users WHERE username = 'zhangwei'
     RETURNING id`,
    [branch.id],
  );
  if (reminder) {
    await em.query(
      `INSERT INTO reminder_recipients (reminder_id, user_id, acknowledged_at)
       SELECT $1, u.id, CASE WHEN u.username = 'lina' THEN now() - interval '1 day' END
         FROM users u JOIN units un ON un.id = u.unit_id
        WHERE u.active AND u.role IN ('member', 'organiser') AND un.path LIKE (SELECT path FROM units WHERE id = $2) || '%'`,
      [reminder.id, branch.id],
    );
  }
  await em.query(
    `INSERT INTO declarations (user_id, kind, event_date, place, guests, tables, note)
     SELECT id, 'wedding', current_date + 20, '家中', 40, 4, '子女婚礼，不收受礼金' FROM users WHERE username = 'lina'`,
  );
}
