import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDateTime } from '../common/org-time';
import { PageState } from '../common/PageState';
import { TASK_STATUS } from './labels';
import { useMyTasks } from './reflections.queries';
import { WarningTag } from './WarningTag';

export function MyTasksPage() {
  const tasks = useMyTasks();
  return (
    <Card title="心得体会">
      <PageState loading={tasks.isPending} error={tasks.error}>
        {tasks.data?.items.length === 0 ? (
          <Empty description="暂无心得任务" />
        ) : (
          <List
            dataSource={tasks.data?.items ?? []}
            renderItem={(t) => (
              <List.Item>
                <Space direction="vertical" size={2}>
                  <Link to={`/reflections/${t.id}`}>{t.assignmentTitle}</Link>
                  <Space wrap size={4}>
                    <Tag color={TASK_STATUS[t.status].color}>{TASK_STATUS[t.status].label}</Tag>
                    <WarningTag warning={t.warning} dueAt={t.status === 'submitted' || t.status === 'approved' ? undefined : t.dueAt} />
                  </Space>
                  <Typography.Text type="secondary">截止 {formatDateTime(t.dueAt)} · 最少 {t.minChars} 字</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        )}
      </PageState>
    </Card>
  );
}
