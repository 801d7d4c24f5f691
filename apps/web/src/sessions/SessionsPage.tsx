import { Button, Card, Empty, List, Segmented, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { orgToday } from '../common/org-time';
import { PageState } from '../common/PageState';
import { SESSION_STATUS } from './labels';
import { SessionSummary } from './SessionSummary';
import { useSessions } from './sessions.queries';

function daysAgo(days: number): string {
  return orgToday(new Date(Date.now() - days * 86_400_000));
}

/** A member's sessions: coming ones (leave), and finished ones (make-up study). */
export function SessionsPage() {
  const [tab, setTab] = useState<'upcoming' | 'done'>('upcoming');
  const sessions = useSessions(
    tab === 'upcoming' ? { from: orgToday(), status: 'published', limit: 50 } : { from: daysAgo(90), to: orgToday(), status: 'completed', limit: 50 },
  );
  const items = tab === 'done' ? [...(sessions.data?.items ?? [])].reverse() : (sessions.data?.items ?? []);
  return (
    <Card
      title="活动安排"
      extra={<Segmented value={tab} onChange={(v) => setTab(v as typeof tab)} options={[{ label: '即将开始', value: 'upcoming' }, { label: '已结束', value: 'done' }]} />}
    >
      <PageState loading={sessions.isPending} error={sessions.error}>
        {items.length === 0 ? (
          <Empty description="没有活动" />
        ) : (
          <List
            dataSource={items}
            renderItem={(s) => (
              <List.Item
                extra={
                  tab === 'done' ? (
                    <Link to={`/make-up/${s.id}`}>
                      <Button size="small">补学</Button>
                    </Link>
                  ) : (
                    <Link to={`/sessions/${s.id}`}>详情 / 请假</Link>
                  )
                }
              >
                <div>
                  <Tag color={SESSION_STATUS[s.status].color}>{SESSION_STATUS[s.status].label}</Tag>
                  <SessionSummary session={s} showMenu={tab === 'upcoming'} />
                </div>
              </List.Item>
            )}
          />
        )}
      </PageState>
    </Card>
  );
}
