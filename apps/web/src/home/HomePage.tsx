import { Grid, Space } from 'antd';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { orgToday } from '../common/org-time';
import { PageState } from '../common/PageState';
import { Section, SimpleList } from '../common/Section';
import { Title } from '../common/Text';
import { meQuery, useMe } from '../identity/identity.queries';
import { NotificationList } from '../notifications/NotificationList';
import { notificationsQuery, unreadCountQuery } from '../notifications/notifications.queries';
import { ReadingProgressBar } from '../reading/ReadingProgressBar';
import { readingListsQuery } from '../reading/reading.queries';
import { isOpenTask } from '../reflections/labels';
import { myTasksQuery } from '../reflections/reflections.queries';
import { WarningTag } from '../reflections/WarningTag';
import { SessionSummary } from '../sessions/SessionSummary';
import { upcomingSessionsQuery } from '../sessions/sessions.queries';

/** The first page's four queries. */
const homeQueries = () => ({
  sessions: upcomingSessionsQuery(5),
  tasks: myTasksQuery(),
  lists: readingListsQuery(Number(orgToday().slice(0, 4))),
  unread: notificationsQuery(true, 5),
});

/**
 * Starts every request of the first page at once, with the token in hand: GET /me (which the layout
 * waits for), the header bell's count and the four panels' queries, instead of the panels' only
 * once /me has answered and the page has rendered (one round trip and a render later, issue #13).
 */
export function prefetchHome(queryClient: QueryClient, token: string): void {
  const q = homeQueries();
  void queryClient.prefetchQuery(meQuery(token));
  void queryClient.prefetchQuery(unreadCountQuery());
  void queryClient.prefetchQuery(q.sessions);
  void queryClient.prefetchQuery(q.tasks);
  void queryClient.prefetchQuery(q.lists);
  void queryClient.prefetchQuery(q.unread);
}

/** The member's first page: next sessions, open essays, reading progress, unread notifications. */
export function HomePage() {
  const me = useMe();
  const q = homeQueries();
  const sessions = useQuery(q.sessions);
  const tasks = useQuery(q.tasks);
  const lists = useQuery(q.lists);
  const unread = useQuery(q.unread);
  // Two columns from lg up, as antd Row/Col xs={24} lg={12} did, with a plain CSS grid.
  const twoColumns = Grid.useBreakpoint().lg ?? false;
  const openTasks = (tasks.data?.items ?? []).filter(isOpenTask);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Title level={4} style={{ margin: 0 }}>
        {me.data?.displayName}，您好
      </Title>
      <div style={{ display: 'grid', gridTemplateColumns: twoColumns ? 'repeat(2, minmax(0, 1fr))' : 'minmax(0, 1fr)', gap: 16 }}>
        <Panel title="近期活动" testId="home-sessions" query={sessions}>
          <SimpleList
            items={sessions.data?.items ?? []}
            keyOf={(s) => s.id}
            render={(s) => (
              <>
                <SessionSummary session={s} />
                <Link to={`/sessions/${s.id}`}>详情 / 请假</Link>
              </>
            )}
            empty="近期没有安排的活动"
          />
        </Panel>
        <Panel title="待完成的心得体会" extra={<Link to="/reflections">全部</Link>} query={tasks}>
          <SimpleList
            items={openTasks}
            keyOf={(t) => t.id}
            render={(t) => (
              <Space direction="vertical" size={2}>
                <Link to={`/reflections/${t.id}`}>{t.assignmentTitle}</Link>
                <WarningTag warning={t.warning} dueAt={t.dueAt} />
              </Space>
            )}
            empty="没有待完成的心得"
          />
        </Panel>
        <Panel title="学习清单进度" extra={<Link to="/reading">去学习</Link>} query={lists}>
          <SimpleList
            items={lists.data?.items ?? []}
            keyOf={(l) => l.id}
            render={(l) => (
              <>
                <div>{l.title}</div>
                <ReadingProgressBar own={l.own} />
              </>
            )}
            empty="今年暂无学习清单"
          />
        </Panel>
        <Panel title="未读通知" extra={<Link to="/notifications">全部</Link>} query={unread}>
          <NotificationList items={unread.data?.items ?? []} />
        </Panel>
      </div>
    </Space>
  );
}

/** One of the first page's panels: its query's spinner or error. */
function Panel({ query, children, ...section }: { title: string; extra?: ReactNode; testId?: string; query: { isPending: boolean; error: unknown }; children: ReactNode }) {
  return (
    <Section {...section}>
      <PageState loading={query.isPending} error={query.error}>
        {children}
      </PageState>
    </Section>
  );
}
