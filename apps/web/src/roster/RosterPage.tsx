import { Alert, App, Button, Card, Form, Input, List, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Schemas } from '../api/client';
import { errorText } from '../api/client';
import { useRoster } from '../attendance/attendance.queries';
import { ATTENDANCE_STATUS, LEAVE_STATUS } from '../attendance/labels';
import { formatClock, formatDateTime } from '../common/org-time';
import { PageState } from '../common/PageState';
import { PersonSearchSelect } from '../common/PersonSearchSelect';
import { SESSION_STATUS } from '../sessions/labels';
import { SessionSummary } from '../sessions/SessionSummary';
import { useSession } from '../sessions/sessions.queries';
import { useCompleteSession, useDecideLeave, useMark, useSessionLeaveRequests } from './roster.queries';

type Status = Schemas['AttendanceRecordDto']['status'];
type AttendanceRecord = Schemas['AttendanceRecordDto'];
const MARKABLE: Status[] = ['present', 'late', 'excused', 'absent', 'expected'];

/** Organiser: the roster of one session — mark people, decide leave, complete the session. */
export default function RosterPage() {
  const { id = '' } = useParams();
  const session = useSession(id);
  const roster = useRoster(id, 5000);
  const leave = useSessionLeaveRequests(id);
  const complete = useCompleteSession(id);
  const { message } = App.useApp();
  const [pending, setPending] = useState<{ userId: string; name: string; status: Status } | null>(null);
  const s = session.data;
  const completed = s?.status === 'completed';
  const started = s ? new Date(s.startsAt).getTime() <= Date.now() : false;
  const onRoster = new Set((roster.data?.items ?? []).map((r) => r.userId));

  return (
    <PageState loading={session.isPending} error={session.error}>
      {s && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Card
            size="small"
            title={
              <Space>
                点名
                <Tag color={SESSION_STATUS[s.status].color} data-testid="roster-session-status">
                  {SESSION_STATUS[s.status].label}
                </Tag>
              </Space>
            }
            extra={
              <Space wrap>
                {s.status === 'published' && (
                  <Link to={`/sessions/${s.id}/screen`}>
                    <Button>投屏签到</Button>
                  </Link>
                )}
                {s.status === 'published' && (
                  <Popconfirm
                    title="结束活动？"
                    description="未签到且未请假的人员将记为缺席。"
                    okText="结束"
                    cancelText="取消"
                    disabled={!started}
                    onConfirm={() => complete.mutate(undefined, { onSuccess: () => message.success('活动已结束'), onError: (e) => message.error(errorText(e)) })}
                  >
                    <Button type="primary" disabled={!started} loading={complete.isPending} title={started ? undefined : '活动开始后才能结束'}>
                      结束活动
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            }
          >
            <SessionSummary session={s} showMenu={false} />
            {completed && <Alert style={{ marginTop: 8 }} type="info" showIcon message="活动已结束：此后更改考勤须填写原因，并记入考勤日志。" />}
          </Card>

          <Card size="small" title={`考勤名单（${roster.data?.items.length ?? 0} 人）`} extra={s.status !== 'draft' && s.status !== 'cancelled' && <AddPerson unitId={s.unitId} onRoster={onRoster} onPick={setPending} />}>
            <PageState loading={roster.isPending} error={roster.error}>
              <Table<AttendanceRecord>
                rowKey="userId"
                size="small"
                scroll={{ x: 520 }}
                pagination={false}
                dataSource={roster.data?.items ?? []}
                columns={[
                  { title: '姓名', dataIndex: 'displayName' },
                  {
                    title: '状态',
                    dataIndex: 'status',
                    render: (st: Status) => <Tag color={ATTENDANCE_STATUS[st].color}>{ATTENDANCE_STATUS[st].label}</Tag>,
                  },
                  { title: '签到时间', dataIndex: 'checkedInAt', render: (t: string | null) => (t ? formatClock(t) : '—') },
                  { title: '补学', dataIndex: 'madeUpAt', render: (t: string | null) => (t ? formatDateTime(t) : '—') },
                  {
                    title: '标记为',
                    render: (_, r) =>
                      s.status === 'cancelled' || s.status === 'draft' ? null : (
                        <Select<Status>
                          size="small"
                          aria-label={`标记 ${r.displayName}`}
                          style={{ width: 100 }}
                          value={null}
                          placeholder="改为…"
                          options={MARKABLE.filter((m) => m !== r.status).map((m) => ({ value: m, label: ATTENDANCE_STATUS[m].label }))}
                          onChange={(status) => setPending({ userId: r.userId, name: r.displayName, status })}
                        />
                      ),
                  },
                ]}
              />
            </PageState>
          </Card>

          <Card size="small" title="请假申请">
            <PageState loading={leave.isPending} error={leave.error}>
              <List
                size="small"
                locale={{ emptyText: '没有请假申请' }}
                dataSource={leave.data?.items ?? []}
                renderItem={(r) => <LeaveItem sessionId={id} request={r} />}
              />
            </PageState>
          </Card>
          <MarkModal sessionId={id} completed={completed} pending={pending} onClose={() => setPending(null)} />
        </Space>
      )}
    </PageState>
  );
}

function AddPerson({ unitId, onRoster, onPick }: { unitId: string; onRoster: Set<string>; onPick: (p: { userId: string; name: string; status: Status }) => void }) {
  return (
    <PersonSearchSelect
      size="small"
      unitId={unitId}
      filter={(u) => u.active && !onRoster.has(u.id) && (u.role === 'member' || u.role === 'organiser')}
      placeholder="补录名单外人员"
      style={{ width: 160 }}
      value={null}
      notFoundContent="没有可补录的人员"
      onChange={(userId, person) => onPick({ userId, name: person?.displayName ?? '', status: 'present' })}
    />
  );
}

function MarkModal({ sessionId, completed, pending, onClose }: { sessionId: string; completed: boolean; pending: { userId: string; name: string; status: Status } | null; onClose: () => void }) {
  const mark = useMark(sessionId);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ status: Status; reason?: string }>();
  const submit = (v: { status: Status; reason?: string }) =>
    mark.mutate(
      { userId: pending!.userId, status: v.status, reason: v.reason?.trim() || undefined },
      {
        onSuccess: () => {
          message.success(`已将 ${pending!.name} 标记为${ATTENDANCE_STATUS[v.status].label}`);
          form.resetFields();
          onClose();
        },
        onError: (e) => message.error(errorText(e)),
      },
    );
  return (
    <Modal open={Boolean(pending)} title={`标记 ${pending?.name ?? ''}`} okText="确定" cancelText="取消" confirmLoading={mark.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ status: pending?.status }} clearOnDestroy>
        <Form.Item label="考勤状态" name="status" rules={[{ required: true }]}>
          <Select options={MARKABLE.map((m) => ({ value: m, label: ATTENDANCE_STATUS[m].label }))} />
        </Form.Item>
        <Form.Item
          label={completed ? '原因（活动已结束，必填）' : '原因（选填）'}
          name="reason"
          rules={completed ? [{ required: true, whitespace: true, min: 2, message: '活动结束后更改考勤须填写原因（至少 2 个字）' }] : []}
        >
          <Input.TextArea aria-label="原因" autoSize={{ minRows: 2 }} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function LeaveItem({ sessionId, request: r }: { sessionId: string; request: Schemas['LeaveRequestDto'] }) {
  const decide = useDecideLeave(sessionId);
  const { message } = App.useApp();
  const [comment, setComment] = useState('');
  const st = LEAVE_STATUS[r.status] ?? { label: r.status, color: 'default' };
  const act = (approve: boolean) =>
    decide.mutate({ id: r.id, approve, comment: comment.trim() || undefined }, { onSuccess: () => message.success(approve ? '已批准' : '已驳回'), onError: (e) => message.error(errorText(e)) });
  return (
    <List.Item>
      <Space direction="vertical" size={4} style={{ width: '100%' }}>
        <Space wrap size={4}>
          <Typography.Text strong>{r.displayName}</Typography.Text>
          <Tag color={st.color}>{st.label}</Tag>
          <Typography.Text type="secondary">{formatDateTime(r.createdAt)}</Typography.Text>
        </Space>
        <Typography.Text>事由：{r.reason}</Typography.Text>
        {r.comment && <Typography.Text type="secondary">意见：{r.comment}</Typography.Text>}
        {r.status === 'pending' && (
          <Space wrap>
            <Input size="small" placeholder="意见（选填）" value={comment} onChange={(e) => setComment(e.target.value)} style={{ width: 200 }} />
            <Button size="small" type="primary" loading={decide.isPending && decide.variables?.approve} onClick={() => act(true)}>
              批准
            </Button>
            <Button size="small" danger loading={decide.isPending && decide.variables?.approve === false} onClick={() => act(false)}>
              驳回
            </Button>
          </Space>
        )}
      </Space>
    </List.Item>
  );
}
