import { Alert, App, Button, DatePicker, Descriptions, Drawer, Form, Input, Modal, Select, Space, Tag, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Schemas } from '../api/client';
import { ApiError, errorText } from '../api/client';
import { orgDateOf } from '../common/org-local';
import { formatDateTime, formatTime, orgInstant } from '../common/org-time';
import { PageState } from '../common/PageState';
import { SESSION_STATUS } from '../sessions/labels';
import { SessionSummary } from '../sessions/SessionSummary';
import { useMenus, usePublishSession, useSession } from '../sessions/sessions.queries';
import { useCancelSession, useUpdateSession } from './calendar.queries';
import { explainServerMessage } from './menu-rules';

type Session = Schemas['SessionDto'];

/** One session from the calendar: details and the organiser's actions (edit, publish, cancel, roster, projector). */
export function SessionDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const session = useSession(id);
  const publish = usePublishSession();
  const cancel = useCancelSession();
  const { message, modal } = App.useApp();
  const [editing, setEditing] = useState(false);
  const s = id ? session.data : undefined;

  const askCancel = (s: Session) => {
    let reason = '';
    modal.confirm({
      title: `取消「${s.title}」？`,
      content: <Input.TextArea aria-label="取消原因" placeholder="取消原因（将通知应到人员）" onChange={(e) => (reason = e.target.value)} />,
      okText: '确认取消',
      okButtonProps: { danger: true },
      cancelText: '返回',
      onOk: () =>
        new Promise<void>((resolve, reject) => {
          if (reason.trim().length < 2) {
            message.error('请填写取消原因');
            return reject(new Error('reason'));
          }
          cancel.mutate(
            { id: s.id, reason: reason.trim() },
            { onSuccess: () => (message.success('已取消'), resolve()), onError: (e) => (message.error(errorText(e)), reject(e)) },
          );
        }),
    });
  };

  return (
    <Drawer open={Boolean(id)} onClose={onClose} title="活动详情" width="min(420px, 100vw)">
      {id && (
        <PageState loading={session.isPending} error={session.error}>
          {s && (
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              <Tag color={SESSION_STATUS[s.status].color} data-testid="drawer-status">
                {SESSION_STATUS[s.status].label}
              </Tag>
              <SessionSummary session={s} />
              {s.cancelReason && <Alert type="warning" showIcon message={`取消原因：${s.cancelReason}`} />}
              <Descriptions size="small" column={1}>
                <Descriptions.Item label="应到">{s.counts.expected + s.counts.present + s.counts.late + s.counts.excused + s.counts.absent}</Descriptions.Item>
                <Descriptions.Item label="已签到">{s.counts.present + s.counts.late}（迟到 {s.counts.late}）</Descriptions.Item>
                <Descriptions.Item label="请假 / 缺席">
                  {s.counts.excused} / {s.counts.absent}
                </Descriptions.Item>
                {s.publishedAt && <Descriptions.Item label="发布于">{formatDateTime(s.publishedAt)}</Descriptions.Item>}
              </Descriptions>
              <Space wrap>
                {(s.status === 'draft' || s.status === 'published') && <Button onClick={() => setEditing(true)}>编辑</Button>}
                {s.status === 'draft' && (
                  <Button
                    type="primary"
                    loading={publish.isPending}
                    onClick={() => publish.mutate(s.id, { onSuccess: () => message.success('已发布，已通知应到人员'), onError: (e) => message.error(errorText(e)) })}
                  >
                    发布
                  </Button>
                )}
                {s.status !== 'draft' && s.status !== 'cancelled' && (
                  <Link to={`/manage/sessions/${s.id}/roster`}>
                    <Button>点名与请假</Button>
                  </Link>
                )}
                {s.status === 'published' && (
                  <Link to={`/sessions/${s.id}/screen`}>
                    <Button>投屏签到</Button>
                  </Link>
                )}
                {(s.status === 'draft' || s.status === 'published') && (
                  <Button danger onClick={() => askCancel(s)}>
                    取消活动
                  </Button>
                )}
              </Space>
              <EditSessionModal session={s} open={editing} onClose={() => setEditing(false)} />
            </Space>
          )}
        </PageState>
      )}
    </Drawer>
  );
}

interface EditForm {
  title: string;
  date: Dayjs;
  times: [Dayjs, Dayjs];
  location?: string;
  menuId?: string;
}

function EditSessionModal({ session: s, open, onClose }: { session: Session; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<EditForm>();
  const update = useUpdateSession();
  const menus = useMenus();
  const { message } = App.useApp();
  const [serverError, setServerError] = useState<string | null>(null);

  const submit = (v: EditForm) => {
    setServerError(null);
    const date = v.date.format('YYYY-MM-DD');
    const menu = v.menuId ? menus.data?.items.find((m) => m.id === v.menuId)?.items.map((i) => ({ catalogItemId: i.catalogItemId, course: i.course })) : undefined;
    update.mutate(
      {
        id: s.id,
        title: v.title,
        startsAt: orgInstant(date, v.times[0].format('HH:mm')).toISOString(),
        endsAt: orgInstant(date, v.times[1].format('HH:mm')).toISOString(),
        location: v.location || null,
        ...(menu ? { menu } : {}),
      },
      {
        onSuccess: () => {
          message.success(s.status === 'published' ? '已保存，时间或地点的变化已通知应到人员' : '已保存');
          onClose();
        },
        onError: (e) => setServerError(e instanceof ApiError && e.status === 400 ? explainServerMessage(e.message) : errorText(e)),
      },
    );
  };

  return (
    <Modal open={open} title="编辑活动" okText="保存" cancelText="取消" confirmLoading={update.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          title: s.title,
          date: dayjs(orgDateOf(s.startsAt)),
          times: [dayjs(`2000-01-01 ${formatTime(s.startsAt)}`), dayjs(`2000-01-01 ${formatTime(s.endsAt)}`)],
          location: s.location ?? '',
        }}
      >
        <Form.Item label="标题" name="title" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap>
          <Form.Item label="日期" name="date" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item label="时间" name="times" rules={[{ required: true, message: '请选择开始和结束时间' }]}>
            <TimePicker.RangePicker format="HH:mm" minuteStep={5} />
          </Form.Item>
        </Space>
        <Form.Item label="地点" name="location">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label="更换学习套餐" name="menuId" extra="不选则保留现有菜单">
          <Select allowClear showSearch optionFilterProp="label" options={(menus.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))} />
        </Form.Item>
        {serverError && <Alert type="error" showIcon message="未能保存" description={serverError} />}
      </Form>
    </Modal>
  );
}
