import { Button, Card, Divider, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { LeavePanel } from '../attendance/LeavePanel';
import { PageState } from '../common/PageState';
import { hasRole, ROLES } from '../identity/roles';
import { useMe } from '../identity/identity.queries';
import { SESSION_STATUS } from './labels';
import { SessionSummary } from './SessionSummary';
import { useSession } from './sessions.queries';

export function SessionDetailPage() {
  const { id = '' } = useParams();
  const session = useSession(id);
  const me = useMe();
  const s = session.data;
  return (
    <PageState loading={session.isPending} error={session.error}>
      {s && (
        <Card title="活动详情" extra={<Tag color={SESSION_STATUS[s.status].color}>{SESSION_STATUS[s.status].label}</Tag>}>
          <SessionSummary session={s} />
          {s.cancelReason && <Typography.Paragraph type="danger">取消原因：{s.cancelReason}</Typography.Paragraph>}
          <Space style={{ marginTop: 12 }} wrap>
            {s.status === 'published' && (
              <Link to={`/check-in/${s.id}`}>
                <Button type="primary">输入签到码签到</Button>
              </Link>
            )}
            {s.status === 'completed' && (
              <Link to={`/make-up/${s.id}`}>
                <Button>补学</Button>
              </Link>
            )}
            {hasRole(me.data?.role, ROLES.organisers) && s.status === 'published' && (
              <Link to={`/sessions/${s.id}/screen`}>
                <Button>投屏签到</Button>
              </Link>
            )}
          </Space>
          <Divider titlePlacement="start">请假</Divider>
          <LeavePanel session={s} />
        </Card>
      )}
    </PageState>
  );
}
