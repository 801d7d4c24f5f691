import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useUnreadCount } from './notifications.queries';

export function NotificationBell() {
  const unread = useUnreadCount();
  const navigate = useNavigate();
  const count = unread.data ?? 0;
  return (
    <Badge count={count} size="small" overflowCount={99}>
      <Button
        type="text"
        aria-label={`通知，${count} 条未读`}
        data-testid="notification-bell"
        icon={<BellOutlined style={{ fontSize: 18, color: '#fff' }} />}
        onClick={() => navigate('/notifications')}
      />
    </Badge>
  );
}
