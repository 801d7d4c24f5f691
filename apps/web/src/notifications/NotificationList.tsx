import { Button, Empty, Tag } from 'antd';
import { useNavigate } from 'react-router';
import type { Schemas } from '../api/client';
import { formatDateTime } from '../common/org-time';
import { SimpleList } from '../common/Section';
import { Text } from '../common/Text';
import { useMarkRead } from './notifications.queries';

/** Notifications newest first; opening one marks it read and follows its link. */
export function NotificationList({ items }: { items: Schemas['NotificationDto'][] }) {
  const markRead = useMarkRead();
  const navigate = useNavigate();
  if (items.length === 0) return <Empty description="暂无通知" image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <SimpleList
      items={items}
      keyOf={(n) => n.id}
      render={(n) => (
        <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
          <div style={{ flex: 1, minWidth: 0 }}>
            <Button
              type="link"
              style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left', fontWeight: n.readAt ? undefined : 600 }}
              onClick={() => {
                if (!n.readAt) markRead.mutate(n.id);
                if (n.link) navigate(webLink(n.link));
              }}
            >
              <span>
                {!n.readAt && <Tag color="red">未读</Tag>}
                {n.title}
              </span>
            </Button>
            <div>{n.body}</div>
            <Text type="secondary">{formatDateTime(n.createdAt)}</Text>
          </div>
          {!n.readAt && (
            <Button size="small" type="link" onClick={() => markRead.mutate(n.id)}>
              设为已读
            </Button>
          )}
        </div>
      )}
    />
  );
}

/**
 * Notification links name api resources (`/sessions/…`, `/reflection-tasks/…`, `/supervision/items/…`);
 * map them to pages. A query string is kept: the red-warning digests link lists filtered
 * (`/reflections/assignments/:id/tasks?warning=red`, `/supervision/items?warning=red`), and the pages read it.
 */
export function webLink(link: string): string {
  const at = link.indexOf('?');
  const query = at < 0 ? '' : link.slice(at);
  const path = (at < 0 ? link : link.slice(0, at)).replace(/^\/api\/v1/, '');
  if (path === '/me/reflection-tasks') return '/reflections';
  if (path.startsWith('/reading-lists')) return '/reading';
  if (path === '/me/attendance') return '/attendance';
  const board = /^\/reflections\/assignments\/([\w-]+)(?:\/tasks)?$/.exec(path);
  if (board) return `/manage/assignments/${board[1]}${query}`;
  const task = /^\/reflection-tasks\/([\w-]+)/.exec(path);
  if (task) return `/reflections/${task[1]}`;
  const session = /^\/sessions\/([\w-]+)$/.exec(path);
  if (session) return `/sessions/${session[1]}`;
  // Supervision items (督办) and their weekly digest (`/supervision/items?warning=red`); rectification campaigns.
  const item = /^\/supervision\/items\/([\w-]+)/.exec(path);
  if (item) return `/supervision/items/${item[1]}`;
  if (path === '/supervision/items') return `/supervision${query}`;
  const campaign = /^\/rectification\/campaigns\/([\w-]+)/.exec(path);
  if (campaign) return `/rectification/campaigns/${campaign[1]}`;
  // 廉政: a reminder opens where its recipient acknowledges it; a declaration its page; a talk plan behind schedule the talks page.
  const reminder = /^\/reminders\/([\w-]+)$/.exec(path);
  if (reminder) return `/reminders/${reminder[1]}`;
  const declaration = /^\/declarations\/([\w-]+)$/.exec(path);
  if (declaration) return `/declarations/${declaration[1]}`;
  if (/^\/talk-plans\/[\w-]+\/coverage$/.test(path)) return '/manage/talks';
  if (/^\/talks(\/[\w-]+)?$/.test(path)) return '/talks';
  return path.startsWith('/') ? path + query : '/';
}
