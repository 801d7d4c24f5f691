import { App, Button, Card, Checkbox, DatePicker, Empty, Form, Input, List, Modal, Radio, Segmented, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorText, type Schemas } from '../api/client';
import { addDays } from '../common/org-local';
import { formatDateTime, orgInstant, orgToday } from '../common/org-time';
import { PageState } from '../common/PageState';
import { PersonSearchSelect } from '../common/PersonSearchSelect';
import { useMe } from '../identity/identity.queries';
import { hasRole, ROLES } from '../identity/roles';
import { WARNING_STYLE, WarningTag } from '../reflections/WarningTag';
import { nthWorkingDay } from './due-date';
import { ITEM_KIND, ITEM_STATUS, TIME_LIMIT_LABEL } from './labels';
import { useCalendarDays, useCreateItem, useSupervisionItems } from './supervision.queries';

type Item = Schemas['ItemDto'];

const pick = <K extends string>(value: string | null, keys: Record<K, unknown>): K | undefined => (value && value in keys ? (value as K) : undefined);

/**
 * 督查督办: everyone sees the items they are responsible for; organisers also their units' items,
 * auditors and admins all. Filters live in the URL (the weekly digest links to `?warning=red`).
 */
export default function SupervisionPage() {
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const status = pick(params.get('status'), ITEM_STATUS);
  const warning = pick(params.get('warning'), WARNING_STYLE);
  const mine = params.get('mine') === '1';
  const organiser = hasRole(me?.role, ROLES.organisers);
  const items = useSupervisionItems({ status, warning, ownerId: mine && me ? me.id : undefined }, Boolean(me));
  const [creating, setCreating] = useState(false);
  const set = (key: string, value: string | undefined) =>
    setParams(
      (p) => {
        if (value) p.set(key, value);
        else p.delete(key);
        return p;
      },
      { replace: true },
    );

  return (
    <Card
      title="督查督办"
      extra={
        organiser && (
          <Button type="primary" onClick={() => setCreating(true)}>
            新建督办
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        {me?.role !== 'member' && (
          <Segmented
            value={mine ? '1' : ''}
            onChange={(v) => set('mine', v ? '1' : undefined)}
            options={[
              { value: '', label: '全部' },
              { value: '1', label: '我负责的' },
            ]}
          />
        )}
        <Select
          allowClear
          placeholder="状态"
          style={{ width: 120 }}
          value={status}
          onChange={(v?: string) => set('status', v)}
          options={Object.entries(ITEM_STATUS).map(([value, s]) => ({ value, label: s.label }))}
          data-testid="status-filter"
        />
        <Select
          allowClear
          placeholder="三色预警"
          style={{ width: 130 }}
          value={warning}
          onChange={(v?: string) => set('warning', v)}
          options={Object.entries(WARNING_STYLE).map(([value, s]) => ({ value, label: <Tag color={s.color}>{s.label}</Tag> }))}
          data-testid="warning-filter"
        />
      </Space>
      <PageState loading={items.isPending} error={items.error}>
        {items.data?.items.length === 0 ? <Empty description="暂无督办事项" /> : <ItemList items={items.data?.items ?? []} />}
      </PageState>
      {organiser && me && <CreateItemModal open={creating} myId={me.id} onClose={() => setCreating(false)} />}
    </Card>
  );
}

export function ItemList({ items }: { items: Item[] }) {
  return (
    <List
      dataSource={items}
      rowKey="id"
      renderItem={(i) => (
        <List.Item data-testid="supervision-item">
          <Space direction="vertical" size={2} style={{ minWidth: 0 }}>
            <Link to={`/supervision/items/${i.id}`}>{i.title}</Link>
            <Space wrap size={4}>
              <Tag>{ITEM_KIND[i.kind]}</Tag>
              <Tag color={ITEM_STATUS[i.status].color}>{ITEM_STATUS[i.status].label}</Tag>
              <WarningTag warning={i.warning} dueAt={i.status === 'closed' ? undefined : i.dueAt} />
              {i.unacknowledged && i.status === 'assigned' && <Tag color="volcano">超时未签收</Tag>}
              {i.late && <Tag color="red">逾期销号</Tag>}
            </Space>
            <Typography.Text type="secondary">
              责任人 {i.ownerName} · 督办人 {i.supervisorName} · 截止 {formatDateTime(i.dueAt)}
            </Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}

interface CreateForm {
  title: string;
  detail: string;
  source?: string;
  ownerId: string;
  timeLimitDays: NonNullable<Schemas['CreateItemDto']['timeLimitDays']>;
  explicitDue: boolean;
  dueAt?: Dayjs;
}

function CreateItemModal({ open, myId, onClose }: { open: boolean; myId: string; onClose: () => void }) {
  const [form] = Form.useForm<CreateForm>();
  const today = orgToday();
  const days = useCalendarDays(addDays(today, 1), addDays(today, 120), open);
  const create = useCreateItem();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const limit = Form.useWatch('timeLimitDays', form) ?? 7;
  const explicitDue = Form.useWatch('explicitDue', form);
  const due = days.data && nthWorkingDay(days.data, limit);

  const submit = (v: CreateForm) =>
    create.mutate(
      {
        title: v.title,
        detail: v.detail ?? '',
        source: v.source || undefined,
        ownerId: v.ownerId,
        timeLimitDays: v.timeLimitDays,
        dueAt: v.explicitDue && v.dueAt ? orgInstant(v.dueAt.format('YYYY-MM-DD'), v.dueAt.format('HH:mm')).toISOString() : undefined,
      },
      {
        onSuccess: (item) => {
          message.success(`已交办 ${item.ownerName}，截止 ${formatDateTime(item.dueAt)}`);
          form.resetFields();
          onClose();
          navigate(`/supervision/items/${item.id}`);
        },
        onError: (e) => message.error(errorText(e)),
      },
    );

  return (
    <Modal open={open} title="新建督办事项" okText="交办" cancelText="取消" confirmLoading={create.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ timeLimitDays: 7, explicitDue: false }}>
        <Form.Item label="事项" name="title" rules={[{ required: true, whitespace: true, message: '请填写督办事项' }]}>
          <Input maxLength={200} placeholder="如：落实巡察反馈问题整改" />
        </Form.Item>
        <Form.Item label="具体要求" name="detail">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} />
        </Form.Item>
        <Form.Item label="来源" name="source">
          <Input maxLength={200} placeholder="如：党委会决定事项、领导批示" />
        </Form.Item>
        <Form.Item label="责任人" name="ownerId" rules={[{ required: true, message: '请选择责任人' }]}>
          <PersonSearchSelect data-testid="owner-select" filter={(u) => u.id !== myId && u.active} />
        </Form.Item>
        <Form.Item label="办理时限（13710）" name="timeLimitDays">
          <Radio.Group options={Object.entries(TIME_LIMIT_LABEL).map(([value, label]) => ({ value: Number(value), label }))} />
        </Form.Item>
        <Form.Item name="explicitDue" valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox>另行指定截止时间</Checkbox>
        </Form.Item>
        {explicitDue ? (
          <Form.Item label="截止时间" name="dueAt" rules={[{ required: true, message: '请选择截止时间' }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        ) : (
          <Typography.Paragraph type="secondary" data-testid="due-preview">
            按 {limit} 个工作日计算，截止 {due ? `${due} 18:00` : '（计算中…）'}，节假日顺延；未在 1 个工作日内签收的将标记为超时未签收。
          </Typography.Paragraph>
        )}
      </Form>
    </Modal>
  );
}
