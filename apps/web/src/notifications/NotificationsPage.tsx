import { Card, Segmented } from 'antd';
import { useState } from 'react';
import { PageState } from '../common/PageState';
import { NotificationList } from './NotificationList';
import { useNotifications } from './notifications.queries';

export function NotificationsPage() {
  const [unreadOnly, setUnreadOnly] = useState(true);
  const list = useNotifications(unreadOnly);
  return (
    <Card
      title="站内通知"
      extra={<Segmented options={[{ label: '未读', value: true }, { label: '全部', value: false }]} value={unreadOnly} onChange={(v) => setUnreadOnly(v as boolean)} />}
    >
      <PageState loading={list.isPending} error={list.error}>
        <NotificationList items={list.data?.items ?? []} />
      </PageState>
    </Card>
  );
}
