import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, InputNumber, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { Schemas } from '../api/client';
import { ApiError, errorText } from '../api/client';
import { ATTENDANCE_STATUS } from '../attendance/labels';
import { formatDateTime, orgToday } from '../common/org-time';
import { PageState } from '../common/PageState';
import { ForbiddenPage } from '../identity/ForbiddenPage';
import { useMe } from '../identity/identity.queries';
import { hasRole, ROLE_LABELS, ROLES, type Role } from '../identity/roles';
import { TASK_STATUS } from '../reflections/labels';
import { DECLARATION_KIND, ITEM_STATUS, TALK_KIND } from './labels';
import { downloadDossier, useDossier, useDossierAccessLog } from './dossier.queries';

type Dossier = Schemas['DossierDto'];

const ITEM_KIND: Record<string, string> = { supervision: '督办事项', rectification: '整改事项', talk_followup: '谈话跟踪事项' };
const READING_STATUS: Record<string, string> = { not_started: '未读', reading: '在读', finished: '已读完' };
const label = (map: Record<string, string | { label: string }>, key: string) => {
  const v = map[key];
  return v === undefined ? key : typeof v === 'string' ? v : v.label;
};
const table = { size: 'small' as const, pagination: false as const, scroll: { x: 560 } };

/**
 * A person's integrity dossier (廉政档案) for a year: attendance, reading, reflections, talks, supervised
 * items, reminders and declarations; an XLSX download. `/dossier/me` is the caller's own. The api decides
 * who may read it (the person, organisers of their units, auditors, admins); anyone else sees 无权访问.
 */
export default function DossierPage() {
  const { id: param = '' } = useParams();
  const me = useMe();
  const id = param === 'me' ? me.data?.id : param;
  const [year, setYear] = useState(Number(orgToday().slice(0, 4)));
  const dossier = useDossier(id, year);
  const seesLog = id === me.data?.id || hasRole(me.data?.role, ROLES.auditors);
  const log = useDossierAccessLog(id, seesLog && dossier.isSuccess);
  const { message } = App.useApp();
  const [downloading, setDownloading] = useState(false);

  if (dossier.error instanceof ApiError && (dossier.error.status === 404 || dossier.error.status === 403)) {
    return <ForbiddenPage subTitle="未找到该档案，或您无权查看。廉政档案仅本人、所在单位组织员、纪检监察人员和系统管理员可以查看。" />;
  }
  const d = dossier.data;
  const download = async () => {
    if (!id || !d) return;
    setDownloading(true);
    try {
      message.success(`已下载：${await downloadDossier(id, year, d.person.displayName)}`);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={d ? `廉政档案：${d.person.displayName}` : '廉政档案'}>
        <Space wrap style={{ marginBottom: 12 }}>
          <InputNumber aria-label="年度" min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} suffix="年" style={{ width: 110 }} />
          <Button icon={<DownloadOutlined />} loading={downloading} disabled={!d} onClick={download}>
            下载 Excel
          </Button>
        </Space>
        <PageState loading={dossier.isPending} error={dossier.error}>
          {d && <Summary dossier={d} />}
        </PageState>
      </Card>
      {d && <Sections dossier={d} />}
      {seesLog && log.data && (
        <Card title="查阅记录" size="small">
          <Table {...table} rowKey={(r) => `${r.viewerId}${r.at}`} locale={{ emptyText: '暂无他人查阅' }} dataSource={log.data} columns={[
            { title: '查阅人', dataIndex: 'displayName' },
            { title: '时间', dataIndex: 'at', render: (t: string) => formatDateTime(t) },
            { title: '年度', dataIndex: 'year' },
            { title: '方式', dataIndex: 'format', render: (f: string) => (f === 'xlsx' ? '下载' : '在线查看') },
          ]} />
        </Card>
      )}
    </Space>
  );
}

function Summary({ dossier: d }: { dossier: Dossier }) {
  const a = d.attendance;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="dossier-summary">
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }}>
        <Descriptions.Item label="姓名">{d.person.displayName}</Descriptions.Item>
        <Descriptions.Item label="单位">{d.person.unitName}</Descriptions.Item>
        <Descriptions.Item label="身份">{ROLE_LABELS[d.person.role as Role] ?? d.person.role}</Descriptions.Item>
        <Descriptions.Item label="年度">{d.year}</Descriptions.Item>
      </Descriptions>
      <Space size="large" wrap>
        <Statistic title="应参加活动" value={a.sessions} />
        <Statistic title="出勤" value={a.present + a.late} />
        <Statistic title="请假" value={a.excused} />
        <Statistic title="缺席" value={a.absent} />
        <Statistic title="补学" value={a.madeUp} />
        <Statistic title="廉政谈话" value={d.talks.length} />
        <Statistic title="节日提醒 阅知/收到" value={`${d.reminders.acknowledged} / ${d.reminders.received}`} />
      </Space>
    </Space>
  );
}

function Sections({ dossier: d }: { dossier: Dossier }) {
  return (
    <>
      <Card title="廉政谈话" size="small" data-testid="dossier-talks">
        <Table {...table} rowKey="id" locale={{ emptyText: '无' }} dataSource={d.talks} columns={[
          { title: '时间', dataIndex: 'at', render: (t: string) => formatDateTime(t) },
          { title: '类型', dataIndex: 'kind', render: (k: string) => label(TALK_KIND, k) },
          { title: '谈话人', dataIndex: 'talkerName' },
          { title: '内容', dataIndex: 'summary', render: (s: string | null) => s ?? '（不公开）' },
          { title: '表态', dataIndex: 'response', render: (s: string | null) => s ?? '—' },
        ]} />
      </Card>
      <Card title="督办、整改与跟踪事项" size="small">
        <Table {...table} rowKey="id" locale={{ emptyText: '无' }} dataSource={d.items} columns={[
          { title: '事项', dataIndex: 'title' },
          { title: '类别', dataIndex: 'kind', render: (k: string) => label(ITEM_KIND, k) },
          { title: '时限', dataIndex: 'dueAt', render: (t: string) => formatDateTime(t) },
          { title: '状态', dataIndex: 'status', render: (s: string) => label(ITEM_STATUS, s) },
          { title: '按期', render: (_, i) => (i.late ? <Tag color="red">逾期</Tag> : <Tag color="green">按期</Tag>) },
        ]} />
      </Card>
      <Card title="婚丧喜庆事宜报备" size="small">
        <Table {...table} rowKey="id" locale={{ emptyText: '无' }} dataSource={d.declarations} columns={[
          { title: '事项', dataIndex: 'kind', render: (k: string) => label(DECLARATION_KIND, k) },
          { title: '日期', dataIndex: 'eventDate' },
          { title: '地点', dataIndex: 'place' },
          { title: '确认', dataIndex: 'acknowledgedAt', render: (t: string | null) => (t ? formatDateTime(t) : <Tag color="gold">待确认</Tag>) },
        ]} />
      </Card>
      <Card title="节日廉政提醒" size="small">
        <Table {...table} rowKey="id" locale={{ emptyText: '无' }} dataSource={d.reminders.list} columns={[
          { title: '提醒', dataIndex: 'title' },
          { title: '发送', dataIndex: 'sentAt', render: (t: string) => formatDateTime(t) },
          { title: '阅知', dataIndex: 'acknowledgedAt', render: (t: string | null) => (t ? formatDateTime(t) : <Tag color="red">未阅知</Tag>) },
        ]} />
      </Card>
      <Card title="学习考勤" size="small">
        <Table {...table} rowKey="sessionId" locale={{ emptyText: '无' }} dataSource={d.attendance.records} columns={[
          { title: '活动', dataIndex: 'title' },
          { title: '时间', dataIndex: 'startsAt', render: (t: string) => formatDateTime(t) },
          { title: '考勤', dataIndex: 'status', render: (s: string) => label(ATTENDANCE_STATUS, s) },
          { title: '补学', dataIndex: 'madeUpAt', render: (t: string | null) => (t ? formatDateTime(t) : '—') },
        ]} />
      </Card>
      <Card title="心得体会" size="small">
        <Table {...table} rowKey="taskId" locale={{ emptyText: '无' }} dataSource={d.reflections} columns={[
          { title: '题目', dataIndex: 'title' },
          { title: '状态', dataIndex: 'status', render: (s: string) => label(TASK_STATUS, s) },
          { title: '字数', dataIndex: 'charCount' },
          { title: '提交', dataIndex: 'submittedAt', render: (t: string | null) => (t ? formatDateTime(t) : '—') },
          { title: '按期', dataIndex: 'late', render: (l: boolean) => (l ? <Tag color="red">逾期</Tag> : <Tag color="green">按期</Tag>) },
        ]} />
      </Card>
      <Card title="学习清单" size="small">
        <Table {...table} rowKey={(r) => `${r.listTitle}${r.itemTitle}`} locale={{ emptyText: '无' }} dataSource={d.reading} columns={[
          { title: '清单', dataIndex: 'listTitle' },
          { title: '篇目', dataIndex: 'itemTitle' },
          { title: '进度', dataIndex: 'status', render: (s: string) => <Typography.Text>{label(READING_STATUS, s)}</Typography.Text> },
          { title: '读完', dataIndex: 'finishedAt', render: (t: string | null) => (t ? formatDateTime(t) : '—') },
        ]} />
      </Card>
    </>
  );
}
