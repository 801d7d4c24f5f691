import { Badge, Button, Calendar, Card, Empty, Grid, List, Space, Tag, TreeSelect, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { Schemas } from '../api/client';
import { addDays, orgDateOf } from '../common/org-local';
import { formatTime, orgToday } from '../common/org-time';
import { CreateCard } from '../common/CreateCard';
import { PageState } from '../common/PageState';
import { unitTree } from '../common/unit-tree';
import { SESSION_KIND_LABELS, SESSION_STATUS } from '../sessions/labels';
import { useSessions, useUnits } from '../sessions/sessions.queries';
import { SeriesModal } from './SeriesModal';
import { SessionDrawer } from './SessionDrawer';

dayjs.locale('zh-cn');

type Session = Schemas['SessionDto'];

/** Sessions by their local date (ORG_TIMEZONE). */
function byDate(sessions: readonly Session[]): Map<string, Session[]> {
  const map = new Map<string, Session[]>();
  for (const s of sessions) {
    const d = orgDateOf(s.startsAt);
    map.set(d, [...(map.get(d) ?? []), s]);
  }
  return map;
}

function Chip({ s, onOpen }: { s: Session; onOpen: (id: string) => void }) {
  return (
    <div
      role="button"
      tabIndex={0}
      data-testid="calendar-session"
      data-status={s.status}
      onClick={(e) => {
        e.stopPropagation();
        onOpen(s.id);
      }}
      onKeyDown={(e) => e.key === 'Enter' && onOpen(s.id)}
      style={{ cursor: 'pointer', marginBottom: 2 }}
    >
      <Badge
        status={s.status === 'draft' ? 'default' : s.status === 'published' ? 'processing' : s.status === 'completed' ? 'success' : 'error'}
        text={
          <span style={{ fontSize: 12, textDecoration: s.status === 'cancelled' ? 'line-through' : undefined }}>
            {formatTime(s.startsAt)} {s.title}
          </span>
        }
      />
    </div>
  );
}

/** Organiser: the Friday calendar, a month of their units' sessions; weekly series; edit, publish, cancel. */
export default function CalendarPage() {
  const screens = Grid.useBreakpoint();
  const wide = screens.md ?? true;
  const [month, setMonth] = useState<Dayjs>(() => dayjs(orgToday()));
  const [selected, setSelected] = useState<string>(() => orgToday());
  const [unitId, setUnitId] = useState<string | undefined>();
  const [open, setOpen] = useState<string | null>(null);
  const [series, setSeries] = useState(false);
  const units = useUnits();
  // The month grid shows up to six weeks: ask for a little around the month.
  const from = addDays(month.startOf('month').format('YYYY-MM-DD'), -7);
  const to = addDays(month.endOf('month').format('YYYY-MM-DD'), 14);
  const sessions = useSessions({ from, to, unitId, limit: 200 });
  const dates = useMemo(() => byDate(sessions.data?.items ?? []), [sessions.data]);
  const day = dates.get(selected) ?? [];
  // The chosen day's sessions; on a day without any, the month's.
  const monthKey = month.format('YYYY-MM');
  const shown = day.length ? day : (sessions.data?.items ?? []).filter((s) => orgDateOf(s.startsAt).startsWith(monthKey));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <CreateCard
        size="small"
        title="活动日历"
        createLabel="按周安排"
        onCreate={() => setSeries(true)}
        actions={
          <Link to="/manage/menus">
            <Button>套餐搭配</Button>
          </Link>
        }
      >
        <Space wrap style={{ marginBottom: 8 }}>
          <TreeSelect
            aria-label="单位"
            allowClear
            placeholder="我的全部单位"
            style={{ minWidth: 200 }}
            treeDefaultExpandAll
            treeData={unitTree(units.data ?? [])}
            value={unitId}
            onChange={setUnitId}
          />
          <Space size={12} wrap>
            {(['draft', 'published', 'completed', 'cancelled'] as const).map((st) => (
              <Tag key={st} color={SESSION_STATUS[st].color}>
                {SESSION_STATUS[st].label}
              </Tag>
            ))}
          </Space>
        </Space>
        <PageState loading={false} error={sessions.error}>
          <div data-testid="organiser-calendar">
            <Calendar
              fullscreen={wide}
              value={dayjs(selected)}
              onPanelChange={(d) => setMonth(d)}
              onSelect={(d) => {
                setSelected(d.format('YYYY-MM-DD'));
                if (!d.isSame(month, 'month')) setMonth(d);
              }}
              cellRender={(d, info) => {
                if (info.type !== 'date') return info.originNode;
                const list = dates.get(d.format('YYYY-MM-DD')) ?? [];
                if (!list.length) return null;
                if (!wide) return <Badge color="#b71c1c" count={list.length} size="small" style={{ marginTop: -6 }} />;
                return (
                  <div>
                    {list.slice(0, 3).map((s) => (
                      <Chip key={s.id} s={s} onOpen={setOpen} />
                    ))}
                    {list.length > 3 && <Typography.Text type="secondary">另 {list.length - 3} 场</Typography.Text>}
                  </div>
                );
              }}
            />
          </div>
        </PageState>
      </CreateCard>
      <Card size="small" title={day.length ? `${selected} 的活动` : `${month.format('YYYY年M月')}的活动`}>
        {shown.length ? (
          <List
            size="small"
            data-testid="calendar-list"
            dataSource={shown}
            renderItem={(s) => (
              <List.Item onClick={() => setOpen(s.id)} style={{ cursor: 'pointer' }} extra={<Typography.Link>详情</Typography.Link>}>
                <Space wrap size={4}>
                  <Tag color={SESSION_STATUS[s.status].color}>{SESSION_STATUS[s.status].label}</Tag>
                  <Typography.Text>
                    {day.length ? '' : `${orgDateOf(s.startsAt).slice(5)} `}
                    {formatTime(s.startsAt)}–{formatTime(s.endsAt)} {s.title}
                  </Typography.Text>
                  <Typography.Text type="secondary">{SESSION_KIND_LABELS[s.kind]}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本月没有活动" />
        )}
      </Card>
      <SessionDrawer id={open} onClose={() => setOpen(null)} />
      <SeriesModal open={series} onClose={() => setSeries(false)} />
    </Space>
  );
}
