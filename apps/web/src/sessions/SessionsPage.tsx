import { Card, Empty, List } from 'antd';
import { Link } from 'react-router';
import { PageState } from '../common/PageState';
import { SessionSummary } from './SessionSummary';
import { useUpcomingSessions } from './sessions.queries';

/** A member's coming sessions (details, leave). Past ones are in 我的考勤 (make-up study). */
export function SessionsPage() {
  const sessions = useUpcomingSessions(50);
  const items = sessions.data?.items ?? [];
  return (
    <Card title="活动安排" extra={<Link to="/attendance">我的考勤 / 补学</Link>}>
      <PageState loading={sessions.isPending} error={sessions.error}>
        {items.length === 0 ? (
          <Empty description="近期没有安排的活动" />
        ) : (
          <List
            dataSource={items}
            renderItem={(s) => (
              <List.Item extra={<Link to={`/sessions/${s.id}`}>详情 / 请假</Link>}>
                <SessionSummary session={s} />
              </List.Item>
            )}
          />
        )}
      </PageState>
    </Card>
  );
}
