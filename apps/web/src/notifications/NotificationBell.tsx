import { Button, theme } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useUnreadCount } from './notifications.queries';

/** The header's bell with the unread count (a plain badge: antd Badge would add ~4 KiB to the first page). */
export function NotificationBell() {
  const unread = useUnreadCount();
  const navigate = useNavigate();
  const { token } = theme.useToken();
  const count = unread.data ?? 0;
  return (
    <span style={{ position: 'relative', display: 'inline-flex' }}>
      <Button
        type="text"
        aria-label={`通知，${count} 条未读`}
        data-testid="notification-bell"
        icon={<BellOutlined style={{ fontSize: 18, color: '#fff' }} />}
        onClick={() => navigate('/notifications')}
      />
      {count > 0 && (
        <span
          aria-hidden
          style={{
            position: 'absolute',
            top: 0,
            insetInlineEnd: 0,
            transform: 'translate(40%, -30%)',
            minWidth: 16,
            height: 16,
            padding: '0 4px',
            borderRadius: 8,
            background: token.colorError,
            color: '#fff',
            fontSize: 12,
            lineHeight: '16px',
            textAlign: 'center',
            boxShadow: `0 0 0 1px ${token.colorBgContainer}`,
            pointerEvents: 'none',
            whiteSpace: 'nowrap',
          }}
        >
          {count > 99 ? '99+' : count}
        </span>
      )}
    </span>
  );
}
