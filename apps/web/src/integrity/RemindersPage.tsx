import { App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Progress, Radio, Select, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Schemas } from '../api/client';
import { errorText } from '../api/client';
import { formatDateTime, orgInstant } from '../common/org-time';
import { AudienceItems } from '../common/AudienceItems';
import { PageState } from '../common/PageState';
import { useMe } from '../identity/identity.queries';
import { hasRole, ROLES } from '../identity/roles';
import { HOLIDAYS, percent } from './labels';
import { useCreateReminder, useReminders } from './reminders.queries';

type Reminder = Schemas['ReminderSummaryDto'];

/** Organisers: holiday integrity reminders (节日廉政提醒) with their acknowledgement progress; create one. Inspectors read. */
export default function RemindersPage() {
  const reminders = useReminders();
  const me = useMe();
  const [creating, setCreating] = useState(false);
  return (
    <Card
      title="节日廉政提醒"
      extra={
        hasRole(me.data?.role, ROLES.organisers) && (
          <Button type="primary" onClick={() => setCreating(true)}>
            新建提醒
          </Button>
        )
      }
    >
      <PageState loading={reminders.isPending} error={reminders.error}>
        <Table<Reminder>
          rowKey="id"
          size="small"
          scroll={{ x: 600 }}
          pagination={false}
          dataSource={reminders.data?.items ?? []}
          locale={{ emptyText: '暂无提醒' }}
          columns={[
            { title: '标题', dataIndex: 'title', render: (t: string, r) => <Link to={`/reminders/${r.id}`}>{t}</Link> },
            {
              title: '阅知进度',
              width: 160,
              render: (_, r) =>
                r.sentAt ? (
                  <div data-testid={`reminder-row-progress-${r.id}`}>
                    <Progress size="small" percent={r.recipients ? Math.round((r.acknowledged / r.recipients) * 100) : 0} format={() => percent(r.acknowledged, r.recipients)} />
                    <Typography.Text type="secondary">
                      {r.acknowledged} / {r.recipients} 人
                    </Typography.Text>
                  </div>
                ) : (
                  <Tag color="blue">待发送</Tag>
                ),
            },
            {
              title: '发送',
              render: (_, r) => (r.sentAt ? formatDateTime(r.sentAt) : <Tag color="blue">定于 {formatDateTime(r.sendAt)}</Tag>),
            },
            { title: '节日', render: (_, r) => (r.holiday ? `${r.holiday.name}前 ${r.holiday.daysBefore} 个工作日` : '—') },
          ]}
        />
      </PageState>
      <CreateReminderModal open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}

interface ReminderForm {
  title: string;
  body: string;
  unitIds?: string[];
  userIds?: string[];
  when: 'at' | 'holiday';
  sendAt?: Dayjs;
  holiday?: Schemas['ReminderHolidayDto']['name'];
  daysBefore?: number;
}

function CreateReminderModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<ReminderForm>();
  const create = useCreateReminder();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const when = Form.useWatch('when', form);

  const submit = (v: ReminderForm) => {
    if (!v.unitIds?.length && !v.userIds?.length) {
      message.error('请至少选择一个单位或一名人员');
      return;
    }
    const timing =
      v.when === 'holiday'
        ? { holiday: { name: v.holiday!, daysBefore: v.daysBefore ?? 0 } }
        : { sendAt: (v.sendAt ? orgInstant(v.sendAt.format('YYYY-MM-DD'), v.sendAt.format('HH:mm')) : new Date()).toISOString() };
    create.mutate(
      { title: v.title, body: v.body ?? '', audience: { unitIds: v.unitIds, userIds: v.userIds }, ...timing },
      {
        onSuccess: (r) => {
          message.success(r.holiday ? `已创建，将于 ${formatDateTime(r.sendAt)} 发送` : '已创建，将按时发送');
          form.resetFields();
          onClose();
          navigate(`/reminders/${r.id}`);
        },
        onError: (e) => message.error(errorText(e)),
      },
    );
  };

  return (
    <Modal open={open} title="新建节日廉政提醒" okText="创建" cancelText="取消" confirmLoading={create.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ when: 'at', daysBefore: 2 }}>
        <Form.Item label="标题" name="title" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
          <Input maxLength={200} placeholder="如：中秋国庆节前廉政提醒" />
        </Form.Item>
        <Form.Item label="提醒内容" name="body" rules={[{ required: true, whitespace: true, message: '请填写提醒内容' }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={10000} placeholder="严禁公款送节礼、违规发放津贴补贴……" />
        </Form.Item>
        <AudienceItems note="对象（取并集）" />
        <Form.Item label="发送时间" name="when">
          <Radio.Group
            options={[
              { value: 'at', label: '指定时间' },
              { value: 'holiday', label: '节前自动发送' },
            ]}
          />
        </Form.Item>
        {when === 'holiday' ? (
          <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
            <Form.Item label="节日" name="holiday" rules={[{ required: true, message: '请选择节日' }]}>
              <Select style={{ minWidth: 120 }} options={HOLIDAYS.map((h) => ({ value: h, label: h }))} placeholder="选择节日" />
            </Form.Item>
            <Form.Item label="提前几个工作日" name="daysBefore" rules={[{ required: true, message: '请填写天数' }]}>
              <InputNumber min={0} max={30} />
            </Form.Item>
          </div>
        ) : (
          <Form.Item name="sendAt" extra="不填则立即发送">
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" placeholder="选择发送时间" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
