import { Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDateTime, formatDateTimeWeekday } from '../common/org-time';
import { PageState } from '../common/PageState';
import { SESSION_KIND_LABELS } from '../sessions/labels';
import { useMyAttendance } from './attendance.queries';
import { ATTENDANCE_STATUS } from './labels';

/** 我的考勤: own records, newest first; 补学 for a missed (absent or excused) completed session. */
export function MyAttendancePage() {
  const records = useMyAttendance();
  const items = records.data?.items ?? [];
  return (
    <Card title="我的考勤">
      <PageState loading={records.isPending} error={records.error}>
        {items.length === 0 ? (
          <Empty description="暂无考勤记录" />
        ) : (
          <List
            dataSource={items}
            renderItem={(r) => {
              const status = ATTENDANCE_STATUS[r.status];
              const canMakeUp = r.session.status === 'completed' && (r.status === 'absent' || r.status === 'excused') && !r.madeUpAt;
              return (
                <List.Item
                  extra={
                    canMakeUp && (
                      <Link to={`/make-up/${r.sessionId}`}>
                        <Button size="small" type="primary" ghost>
                          补学
                        </Button>
                      </Link>
                    )
                  }
                >
                  <Space direction="vertical" size={2}>
                    <Space wrap size={4}>
                      <Tag color={status.color}>{status.label}</Tag>
                      <Link to={`/sessions/${r.sessionId}`}>{r.session.title}</Link>
                    </Space>
                    <Typography.Text type="secondary">
                      {SESSION_KIND_LABELS[r.session.kind]} · {formatDateTimeWeekday(r.session.startsAt)}
                    </Typography.Text>
                    {r.checkedInAt && <Typography.Text type="secondary">签到于 {formatDateTime(r.checkedInAt)}</Typography.Text>}
                    {r.makeUp && (
                      <Typography.Text type="success">
                        已补学（{r.makeUp.charCount} 字，{formatDateTime(r.makeUp.at)}）
                      </Typography.Text>
                    )}
                  </Space>
                </List.Item>
              );
            }}
          />
        )}
      </PageState>
    </Card>
  );
}
