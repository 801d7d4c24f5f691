import type { EntityManager } from 'typeorm';

/** The demo's follow-up item of the reminder talk with wangfang (integrity links it to the talk); undefined without those users. */
export async function loadDemoTalkFollowupItem(em: EntityManager): Promise<{ id: string } | undefined> {
  const [item]: { id: string }[] = await em.query(
    `INSERT INTO supervision_items (kind, title, detail, source, unit_id, owner_id, supervisor_id, time_limit_days, assigned_at,
                                    original_due_at, due_at, ack_due_at, status, accepted_at)
     SELECT 'talk_followup', '就公务接待问题提交书面说明', '谈话后一周内提交书面说明及整改措施。', '廉政谈话跟踪问效', o.unit_id, o.id, s.id, 7,
            now() - interval '5 days', now() + interval '4 days', now() + interval '4 days', now() - interval '4 days', 'accepted', now() - interval '5 days'
       FROM users o, users s WHERE o.username = 'wangfang' AND s.username = 'zhangwei'
     RETURNING id`,
  );
  return item;
}

/**
 * Demo supervision (督查督办): items in every colour — none, yellow, orange, red (overdue and never
 * accepted), reported, closed on time — and one rectification campaign (整改清单) with one filed
 * list. Demo usernames (libs/demo fixtures); plain SQL in the demo transaction.
 */
export async function loadDemoSupervision(em: EntityManager): Promise<void> {
  // [owner, supervisor, title, time limit, days since assignment, days until due, status]
  const items: [string, string, string, number, number, number, string][] = [
    ['lina', 'zhangwei', '完善支部“三会一课”记录台账', 7, 1, 8, 'accepted'],
    ['wangfang', 'zhangwei', '落实党风廉政建设责任清单', 10, 10, 3, 'accepted'],
    ['huangtao', 'zhaolei', '整理警示教育片观后感汇编', 7, 8.5, 1, 'accepted'],
    ['linfeng', 'liuyang', '报送第二季度主题党日活动材料', 3, 6, -1, 'assigned'],
    ['zhoujie', 'zhaolei', '核对党费收缴明细', 3, 3, 1.5, 'reported'],
    ['yangmin', 'zhangwei', '组织观看《零容忍》专题片', 1, 5, -3, 'closed'],
  ];
  await em.query(
    `INSERT INTO supervision_items (kind, title, detail, source, unit_id, owner_id, supervisor_id, time_limit_days, assigned_at,
                                    original_due_at, due_at, ack_due_at, status, accepted_at, reported_at, closed_at, closed_by)
     SELECT 'supervision', d.title, '请按“13710”时限要求办理，及时反馈进展。', '机关党委会议决定事项', o.unit_id, o.id, s.id, d.time_limit,
            now() - d.ago * interval '1 day', now() + d.due_in * interval '1 day', now() + d.due_in * interval '1 day',
            now() - d.ago * interval '1 day' + interval '1 day', d.status,
            CASE WHEN d.status <> 'assigned' THEN now() - d.ago * interval '1 day' + interval '2 hours' END,
            CASE WHEN d.status IN ('reported', 'closed') THEN now() - interval '1 day' END,
            CASE WHEN d.status = 'closed' THEN now() + d.due_in * interval '1 day' - interval '1 day' END,
            CASE WHEN d.status = 'closed' THEN s.id END
       FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::float8[], $6::float8[], $7::text[])
            AS d(owner, supervisor, title, time_limit, ago, due_in, status)
       JOIN users o ON o.username = d.owner JOIN users s ON s.username = d.supervisor`,
    [0, 1, 2, 3, 4, 5, 6].map((i) => items.map((row) => row[i])),
  );
  const [campaign] = await em.query(
    `INSERT INTO rectification_campaigns (title, unit_ids, list_due_at, created_by, created_at)
     SELECT '2026年个人作风巡查问题整改清单', array_agg(un.id ORDER BY un.name), now() + interval '7 days', c.id, now() - interval '2 days'
       FROM units un, users c WHERE un.name IN ('第一党支部', '第二党支部') AND c.username = 'dangwei' GROUP BY c.id
     RETURNING id, created_by`,
  );
  if (!campaign) return;
  await em.query(`INSERT INTO rectification_filings (campaign_id, user_id) SELECT $1, id FROM users WHERE username = 'lina'`, [campaign.id]);
  await em.query(
    `INSERT INTO supervision_items (kind, title, detail, unit_id, owner_id, supervisor_id, campaign_id, time_limit_days, assigned_at,
                                    original_due_at, due_at, ack_due_at, status, accepted_at)
     SELECT 'rectification', e.problem, e.measure, u.unit_id, u.id, $2, $1, 30, now() - interval '1 day',
            now() + e.days * interval '1 day', now() + e.days * interval '1 day', now(), 'accepted', now() - interval '1 day'
       FROM (VALUES ('理论学习不够深入系统', '每周精读一篇理论文章，每月撰写一篇学习心得', 30),
                    ('联系服务群众不够主动', '每月走访两户党员群众，建立联系台账', 60)) AS e(problem, measure, days),
            users u WHERE u.username = 'lina'`,
    [campaign.id, campaign.created_by],
  );
}
