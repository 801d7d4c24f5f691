import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, DatePicker, Drawer, Form, Input, Modal, Progress, Select, Space, Statistic, Table, Tabs, Tag, TreeSelect, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { Schemas } from '../api/client';
import { errorText } from '../api/client';
import { formatDateTime, orgInstant, orgToday } from '../common/org-time';
import { PageState } from '../common/PageState';
import { PersonSearchSelect } from '../common/PersonSearchSelect';
import { unitNames, unitTree } from '../common/unit-tree';
import { useMe } from '../identity/identity.queries';
import { hasRole, ROLES } from '../identity/roles';
import { useUnits } from '../sessions/sessions.queries';
import { FollowUpTable } from './FollowUpTable';
import { PEOPLE, percent, TALK_KIND } from './labels';
import { useCoverage, useCreateTalkPlan, useRecordTalk, useTalkFollowUps, useTalkPlans, useTalks } from './talks.queries';

type Talk = Schemas['TalkDto'];
type Plan = Schemas['TalkPlanRowDto'];
const KIND_OPTIONS = Object.entries(TALK_KIND).map(([value, label]) => ({ value, label }));
const TIME_LIMITS = [1, 3, 7, 10, 30] as const;

/** Organisers: integrity talks (廉政谈话) of their units, talk plans with coverage (谈话全覆盖), follow-ups (跟踪问效). Inspectors read. */
export default function TalksManagePage() {
  const me = useMe();
  const organiser = hasRole(me.data?.role, ROLES.organisers);
  return (
    <Card title="廉政谈话">
      <Tabs
        items={[
          { key: 'talks', label: '谈话记录', children: <TalksTab organiser={organiser} /> },
          { key: 'plans', label: '谈话计划', children: <PlansTab organiser={organiser} /> },
          { key: 'follow-ups', label: '跟踪问效', children: <FollowUpsTab /> },
        ]}
      />
    </Card>
  );
}

function TalksTab({ organiser }: { organiser: boolean }) {
  const talks = useTalks();
  const [recording, setRecording] = useState(false);
  return (
    <>
      {organiser && (
        <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setRecording(true)}>
          记录谈话
        </Button>
      )}
      <PageState loading={talks.isPending} error={talks.error}>
        <Table<Talk>
          rowKey="id"
          size="small"
          scroll={{ x: 720 }}
          pagination={false}
          locale={{ emptyText: '暂无谈话记录' }}
          dataSource={talks.data?.items ?? []}
          expandable={{ expandedRowRender: (t) => <TalkDetail talk={t} /> }}
          columns={[
            { title: '时间', dataIndex: 'at', render: (d: string) => formatDateTime(d) },
            { title: '类型', dataIndex: 'kind', render: (k: Talk['kind']) => TALK_KIND[k] },
            { title: '谈话对象', dataIndex: 'talkeeName' },
            { title: '谈话人', dataIndex: 'talkerName' },
            { title: '跟踪事项', render: (_, t) => (t.followUps.length ? <Tag color="blue">{t.followUps.length} 项</Tag> : '—') },
          ]}
        />
      </PageState>
      <RecordTalkModal open={recording} onClose={() => setRecording(false)} />
    </>
  );
}

function TalkDetail({ talk }: { talk: Talk }) {
  return (
    <div style={{ whiteSpace: 'pre-wrap' }}>
      {talk.place && <Typography.Paragraph>地点：{talk.place}</Typography.Paragraph>}
      <Typography.Paragraph>谈话内容：{talk.summary ?? '（不公开）'}</Typography.Paragraph>
      {talk.response && <Typography.Paragraph>本人表态：{talk.response}</Typography.Paragraph>}
      {talk.private && <Tag>谈话内容对本人不公开</Tag>}
    </div>
  );
}

interface TalkForm {
  kind: Talk['kind'];
  talkeeId: string;
  at: Dayjs;
  place?: string;
  summary: string;
  response?: string;
  private: boolean;
  followUps?: Schemas['TalkFollowUpDto'][];
}

function RecordTalkModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<TalkForm>();
  const record = useRecordTalk();
  const me = useMe();
  const { message } = App.useApp();

  const submit = (v: TalkForm) =>
    record.mutate(
      {
        kind: v.kind,
        talkeeId: v.talkeeId,
        at: orgInstant(v.at.format('YYYY-MM-DD'), v.at.format('HH:mm')).toISOString(),
        place: v.place || null,
        summary: v.summary,
        response: v.response || null,
        private: v.private,
        followUps: v.followUps?.filter((f) => f?.title?.trim()),
      },
      {
        onSuccess: (t) => {
          message.success(t.followUps.length ? `已记录，${t.followUps.length} 项跟踪事项已交办` : '已记录');
          form.resetFields();
          onClose();
        },
        onError: (e) => message.error(errorText(e)),
      },
    );

  return (
    <Modal open={open} title="记录廉政谈话" okText="保存" cancelText="取消" confirmLoading={record.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'secretary_member', private: false, at: dayjs() }}>
        <Form.Item label="谈话类型" name="kind" rules={[{ required: true }]}>
          <Select options={KIND_OPTIONS} />
        </Form.Item>
        <Form.Item label="谈话对象" name="talkeeId" rules={[{ required: true, message: '请选择谈话对象' }]}>
          <PersonSearchSelect filter={(u) => hasRole(u.role, PEOPLE) && u.id !== me.data?.id} />
        </Form.Item>
        <Space wrap>
          <Form.Item label="谈话时间" name="at" rules={[{ required: true, message: '请选择时间' }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item label="地点" name="place">
            <Input maxLength={200} placeholder="如：党支部办公室" />
          </Form.Item>
        </Space>
        <Form.Item label="谈话内容" name="summary" rules={[{ required: true, whitespace: true, message: '请填写谈话内容' }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={10000} />
        </Form.Item>
        <Form.Item label="本人表态" name="response">
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={10000} />
        </Form.Item>
        <Form.Item name="private" valuePropName="checked">
          <Checkbox>谈话内容对本人不公开</Checkbox>
        </Form.Item>
        <Typography.Text type="secondary">跟踪问效事项（交办给谈话对象，按时限督办，三色预警）</Typography.Text>
        <Form.List name="followUps">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap style={{ display: 'flex' }}>
                  <Form.Item name={[field.name, 'title']} rules={[{ required: true, whitespace: true, message: '请填写事项' }]}>
                    <Input placeholder="如：一周内提交书面说明" maxLength={200} style={{ minWidth: 200 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'timeLimitDays']} initialValue={7}>
                    <Select style={{ width: 130 }} options={TIME_LIMITS.map((d) => ({ value: d, label: `${d} 个工作日` }))} />
                  </Form.Item>
                  <MinusCircleOutlined aria-label="删除事项" onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add()} style={{ marginTop: 8 }}>
                添加跟踪事项
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

function PlansTab({ organiser }: { organiser: boolean }) {
  const plans = useTalkPlans();
  const units = useUnits();
  const names = unitNames(units.data);
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string>();
  return (
    <>
      {organiser && (
        <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setCreating(true)}>
          新建谈话计划
        </Button>
      )}
      <PageState loading={plans.isPending} error={plans.error}>
        <Table<Plan>
          rowKey="id"
          size="small"
          scroll={{ x: 560 }}
          pagination={false}
          locale={{ emptyText: '暂无谈话计划' }}
          dataSource={plans.data?.items ?? []}
          columns={[
            { title: '计划', dataIndex: 'title', render: (t: string, p) => <Typography.Link onClick={() => setOpen(p.id)}>{t}</Typography.Link> },
            { title: '类型', dataIndex: 'kind', render: (k: Plan['kind']) => TALK_KIND[k] },
            { title: '单位', dataIndex: 'unitId', render: (u: string) => names.get(u) ?? '—' },
            { title: '期间', render: (_, p) => `${p.from} 至 ${p.to}` },
          ]}
        />
      </PageState>
      <Drawer open={Boolean(open)} onClose={() => setOpen(undefined)} title="谈话覆盖情况" width={Math.min(520, window.innerWidth)} destroyOnHidden>
        {open && <CoveragePanel planId={open} />}
      </Drawer>
      <CreatePlanModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function CoveragePanel({ planId }: { planId: string }) {
  const coverage = useCoverage(planId);
  const c = coverage.data;
  return (
    <PageState loading={coverage.isPending} error={coverage.error}>
      {c && (
        // A plain column: the Progress line measures its row, which a Space item would shrink-wrap (its percentage overflowed the drawer).
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="coverage">
          <Typography.Title level={5}>{c.title}</Typography.Title>
          <Typography.Text type="secondary">
            {TALK_KIND[c.kind]} · {c.from} 至 {c.to}
          </Typography.Text>
          <Progress percent={Math.round(c.coverage * 100)} format={() => percent(c.done, c.required)} />
          <Space size="large" wrap>
            <Statistic title="应谈" value={c.required} suffix="人" />
            <Statistic title="已谈" value={c.done} suffix="人" />
            <Statistic title="跟踪事项 办理中" value={c.followUps.open} />
            <Statistic title="已销号" value={c.followUps.closed} />
            <Statistic title="逾期" value={c.followUps.overdue} />
          </Space>
          <Typography.Text strong>尚未谈话（{c.missing.length} 人）</Typography.Text>
          <div>{c.missing.length ? c.missing.map((p) => <Tag key={p.userId}>{p.displayName}</Tag>) : <Tag color="green">已全覆盖</Tag>}</div>
        </div>
      )}
    </PageState>
  );
}

interface PlanForm {
  title: string;
  kind: Plan['kind'];
  unitId: string;
  period: [Dayjs, Dayjs];
}

function CreatePlanModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<PlanForm>();
  const units = useUnits();
  const create = useCreateTalkPlan();
  const { message } = App.useApp();
  const year = orgToday().slice(0, 4);
  const submit = (v: PlanForm) =>
    create.mutate(
      { title: v.title, kind: v.kind, unitId: v.unitId, from: v.period[0].format('YYYY-MM-DD'), to: v.period[1].format('YYYY-MM-DD') },
      {
        onSuccess: (p) => {
          message.success(`已创建：应谈 ${p.coverage.required} 人，已谈 ${p.coverage.done} 人`);
          form.resetFields();
          onClose();
        },
        onError: (e) => message.error(errorText(e)),
      },
    );
  return (
    <Modal open={open} title="新建谈话计划" okText="创建" cancelText="取消" confirmLoading={create.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ kind: 'secretary_member', title: `${year}年度廉政谈话全覆盖`, period: [dayjs(`${year}-01-01`), dayjs(`${year}-12-31`)] }}
      >
        <Form.Item label="计划名称" name="title" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label="谈话类型" name="kind" rules={[{ required: true }]}>
          <Select options={KIND_OPTIONS} />
        </Form.Item>
        <Form.Item label="单位（含下级单位全体人员）" name="unitId" rules={[{ required: true, message: '请选择单位' }]}>
          <TreeSelect treeDefaultExpandAll treeData={unitTree(units.data ?? [])} placeholder="选择单位" />
        </Form.Item>
        <Form.Item label="期间" name="period" rules={[{ required: true, message: '请选择期间' }]}>
          <DatePicker.RangePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function FollowUpsTab() {
  const followUps = useTalkFollowUps();
  return (
    <PageState loading={followUps.isPending} error={followUps.error}>
      <FollowUpTable items={followUps.data?.items ?? []} showOwner />
    </PageState>
  );
}
