import { App, Button, DatePicker, Form, Grid, Input, Modal, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Schemas } from '../api/client';
import { errorText } from '../api/client';
import { formatDateTimeWeekday, orgInstant, orgToday } from '../common/org-time';
import { CreateCard } from '../common/CreateCard';
import { PageState } from '../common/PageState';
import { SimpleList } from '../common/Section';
import { SessionSummary } from './SessionSummary';
import { SESSION_KIND_LABELS, SESSION_STATUS } from './labels';
import { useCreateSession, useMenus, usePublishSession, useSessions } from './sessions.queries';
import { UnitAndTitleItems } from './UnitAndTitleItems';

type Session = Schemas['SessionDto'];

/** Organiser: their units' sessions from today on; create, publish, open the projector. */
export default function ManageSessionsPage() {
  const sessions = useSessions({ from: orgToday(new Date(Date.now() - 7 * 86_400_000)), limit: 100 });
  const publish = usePublishSession();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const wide = Grid.useBreakpoint().md ?? true;
  const counted = (s: Session) => `${s.counts.present + s.counts.late} / ${s.counts.expected + s.counts.present + s.counts.late + s.counts.absent}`;
  const actions = (s: Session) => (
    <Space>
      {s.status === 'draft' && (
        <Button
          size="small"
          type="primary"
          loading={publish.isPending && publish.variables === s.id}
          onClick={() => publish.mutate(s.id, { onSuccess: () => message.success('已发布'), onError: (e) => message.error(errorText(e)) })}
        >
          发布
        </Button>
      )}
      {s.status === 'published' && (
        <Link to={`/sessions/${s.id}/screen`}>
          <Button size="small">投屏签到</Button>
        </Link>
      )}
    </Space>
  );

  return (
    <CreateCard title="活动管理" createLabel="新建活动" onCreate={() => setCreating(true)}>
      <PageState loading={sessions.isPending} error={sessions.error}>
        {wide ? (
          <Table<Session>
            rowKey="id"
            size="small"
            scroll={{ x: 640 }}
            dataSource={sessions.data?.items ?? []}
            pagination={false}
            columns={[
              { title: '时间', dataIndex: 'startsAt', render: (v: string) => formatDateTimeWeekday(v) },
              { title: '活动', dataIndex: 'title', render: (v: string, s) => <Link to={`/sessions/${s.id}`}>{v}</Link> },
              { title: '类型', dataIndex: 'kind', render: (k: Session['kind']) => SESSION_KIND_LABELS[k] },
              { title: '状态', dataIndex: 'status', render: (st: Session['status']) => <Tag color={SESSION_STATUS[st].color}>{SESSION_STATUS[st].label}</Tag> },
              {
                title: '签到',
                render: (_, s) => counted(s),
              },
              {
                title: '操作',
                render: (_, s) => actions(s),
              },
            ]}
          />
        ) : (
          <SimpleList
            items={sessions.data?.items ?? []}
            keyOf={(s) => s.id}
            render={(s) => (
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap size={4}>
                  <Tag color={SESSION_STATUS[s.status].color}>{SESSION_STATUS[s.status].label}</Tag>
                  <span>签到 {counted(s)}</span>
                </Space>
                <SessionSummary session={s} showMenu={false} />
                {actions(s)}
              </Space>
            )}
          />
        )}
      </PageState>
      <CreateSessionModal open={creating} onClose={() => setCreating(false)} />
    </CreateCard>
  );
}

interface CreateForm {
  unitId: string;
  title: string;
  kind: Session['kind'];
  range: [Dayjs, Dayjs];
  location?: string;
  menuId?: string;
}

function CreateSessionModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<CreateForm>();
  const menus = useMenus();
  const create = useCreateSession();
  const { message } = App.useApp();
  const kind = Form.useWatch('kind', form);

  const submit = (v: CreateForm) =>
    create.mutate(
      {
        unitId: v.unitId,
        title: v.title,
        kind: v.kind,
        // The picker shows wall-clock times; they are the organisation's, not the browser's.
        startsAt: orgInstant(v.range[0].format('YYYY-MM-DD'), v.range[0].format('HH:mm')).toISOString(),
        endsAt: orgInstant(v.range[1].format('YYYY-MM-DD'), v.range[1].format('HH:mm')).toISOString(),
        location: v.location || null,
        menuId: v.menuId,
      },
      {
        onSuccess: () => {
          message.success('已创建草稿，发布后通知应到人员');
          form.resetFields();
          onClose();
        },
        onError: (e) => message.error(errorText(e)),
      },
    );

  return (
    <Modal open={open} title="新建活动" okText="创建" cancelText="取消" confirmLoading={create.isPending} onOk={() => form.submit()} onCancel={onClose}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'friday_study' }}>
        <UnitAndTitleItems />
        <Form.Item label="类型" name="kind" rules={[{ required: true }]}>
          <Select options={Object.entries(SESSION_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item label="时间" name="range" rules={[{ required: true, message: '请选择开始和结束时间' }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="地点" name="location">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          label="学习套餐"
          name="menuId"
          rules={[{ required: kind === 'friday_study', message: '集中学习会须选择学习套餐（含理论、党史、红歌主菜）' }]}
        >
          <Select allowClear options={(menus.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
