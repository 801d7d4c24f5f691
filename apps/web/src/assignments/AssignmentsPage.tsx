import { App, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Schemas } from '../api/client';
import { errorText } from '../api/client';
import { ATTENDANCE_STATUS } from '../attendance/labels';
import { formatDateTime, formatDateTimeWeekday, orgInstant } from '../common/org-time';
import { CreateCard } from '../common/CreateCard';
import { AudienceItems } from '../common/AudienceItems';
import { PageState } from '../common/PageState';
import { useSessions } from '../sessions/sessions.queries';
import { useAssignments, useCreateAssignment } from './assignments.queries';
import { ASSIGNMENT_STATUS } from './labels';

type Assignment = Schemas['AssignmentDto'];

/** Organiser: reflection assignments with their counts; create one with its audience. */
export default function AssignmentsPage() {
  const assignments = useAssignments();
  const [creating, setCreating] = useState(false);
  return (
    <CreateCard title="心得体会布置" createLabel="布置心得" onCreate={() => setCreating(true)}>
      <PageState loading={assignments.isPending} error={assignments.error}>
        <Table<Assignment>
          rowKey="id"
          size="small"
          scroll={{ x: 640 }}
          pagination={false}
          dataSource={assignments.data?.items ?? []}
          columns={[
            { title: '题目', dataIndex: 'title', render: (t: string, a) => <Link to={`/manage/assignments/${a.id}`}>{t}</Link> },
            { title: '截止', dataIndex: 'dueAt', render: (d: string) => formatDateTime(d) },
            { title: '状态', dataIndex: 'status', render: (s: Assignment['status']) => <Tag color={ASSIGNMENT_STATUS[s].color}>{ASSIGNMENT_STATUS[s].label}</Tag> },
            {
              title: '提交 / 应交',
              render: (_, a) => `${a.counts.submitted + a.counts.approved} / ${a.counts.assigned}`,
            },
            { title: '逾期', render: (_, a) => (a.counts.overdue ? <Tag color="red">{a.counts.overdue}</Tag> : 0) },
          ]}
        />
      </PageState>
      <CreateAssignmentModal open={creating} onClose={() => setCreating(false)} />
    </CreateCard>
  );
}

interface CreateForm {
  title: string;
  prompt?: string;
  minChars: number;
  dueAt: Dayjs;
  unitIds?: string[];
  userIds?: string[];
  sessionId?: string;
  attendanceStatuses: Schemas['AudienceDto']['attendanceStatuses'];
}

function CreateAssignmentModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<CreateForm>();
  const sessions = useSessions({ limit: 100, status: 'completed' });
  const create = useCreateAssignment();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const sessionId = Form.useWatch('sessionId', form);

  const submit = (v: CreateForm) => {
    if (!v.unitIds?.length && !v.userIds?.length && !v.sessionId) {
      message.error('请至少选择一种对象：单位、人员或活动');
      return;
    }
    create.mutate(
      {
        title: v.title,
        prompt: v.prompt || undefined,
        minChars: v.minChars,
        dueAt: orgInstant(v.dueAt.format('YYYY-MM-DD'), v.dueAt.format('HH:mm')).toISOString(),
        sessionId: v.sessionId,
        audience: { unitIds: v.unitIds, userIds: v.userIds, sessionId: v.sessionId, attendanceStatuses: v.sessionId ? v.attendanceStatuses : ['present', 'late'] },
      },
      {
        onSuccess: (r) => {
          message.success('已受理，正在分发给每位对象');
          form.resetFields();
          onClose();
          navigate(`/manage/assignments/${r.id}`);
        },
        onError: (e) => message.error(errorText(e)),
      },
    );
  };

  return (
    <Modal open={open} title="布置心得体会" okText="布置" cancelText="取消" confirmLoading={create.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ minChars: 300, attendanceStatuses: ['present', 'late'] }}>
        <Form.Item label="题目" name="title" rules={[{ required: true, whitespace: true, message: '请填写题目' }]}>
          <Input maxLength={200} placeholder="如：观看警示教育片《零容忍》心得体会" />
        </Form.Item>
        <Form.Item label="要求" name="prompt">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
        </Form.Item>
        <Space wrap>
          <Form.Item label="最少字数" name="minChars" rules={[{ required: true, message: '请填写最少字数' }]}>
            <InputNumber min={1} max={20000} />
          </Form.Item>
          <Form.Item label="截止时间" name="dueAt" rules={[{ required: true, message: '请选择截止时间' }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        </Space>
        <AudienceItems note="对象（取并集、自动去重）" />
        <Form.Item label="活动参加人员" name="sessionId">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="选择已结束的活动"
            options={(sessions.data?.items ?? []).map((s) => ({ value: s.id, label: `${formatDateTimeWeekday(s.startsAt)} ${s.title}` }))}
          />
        </Form.Item>
        {sessionId && (
          <Form.Item label="按考勤状态" name="attendanceStatuses" rules={[{ required: true, message: '请至少选择一种状态' }]}>
            <Checkbox.Group options={(['present', 'late', 'excused', 'absent'] as const).map((s) => ({ value: s, label: ATTENDANCE_STATUS[s].label }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
