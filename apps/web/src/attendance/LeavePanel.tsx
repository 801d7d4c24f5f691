import { App, Button, Form, Input, List, Space, Tag, Typography } from 'antd';
import type { Schemas } from '../api/client';
import { errorText } from '../api/client';
import { formatDateTime } from '../common/org-time';
import { useMe } from '../identity/identity.queries';
import { useMyLeaveRequests, useRequestLeave, useWithdrawLeave } from './attendance.queries';
import { LEAVE_STATUS } from './labels';

/** Ask for leave before a session starts; see the decision; withdraw while undecided. */
export function LeavePanel({ session }: { session: Schemas['SessionDto'] }) {
  const requests = useMyLeaveRequests(session.id);
  const ask = useRequestLeave(session.id);
  const withdraw = useWithdrawLeave();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const me = useMe();
  // Organisers are answered with every request of their units: keep the caller's own.
  const items = (requests.data?.items ?? []).filter((r) => r.userId === me.data?.id);
  const open = items.some((r) => r.status === 'pending' || r.status === 'approved');
  const beforeStart = new Date(session.startsAt).getTime() > Date.now();

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {items.length > 0 && (
        <List
          size="small"
          dataSource={items}
          renderItem={(r) => {
            const s = LEAVE_STATUS[r.status] ?? { label: r.status, color: 'default' };
            return (
              <List.Item
                actions={
                  r.status === 'pending'
                    ? [
                        <Button
                          key="withdraw"
                          size="small"
                          loading={withdraw.isPending}
                          onClick={() => withdraw.mutate(r.id, { onSuccess: () => message.success('已撤回请假申请'), onError: (e) => message.error(errorText(e)) })}
                        >
                          撤回
                        </Button>,
                      ]
                    : []
                }
              >
                <Space direction="vertical" size={0}>
                  <span>
                    <Tag color={s.color} data-testid="leave-status">{s.label}</Tag>
                    {r.reason}
                  </span>
                  <Typography.Text type="secondary">
                    申请于 {formatDateTime(r.createdAt)}
                    {r.comment && `；审批意见：${r.comment}`}
                  </Typography.Text>
                </Space>
              </List.Item>
            );
          }}
        />
      )}
      {!open && beforeStart && session.status === 'published' && (
        <Form
          form={form}
          layout="vertical"
          onFinish={(v: { reason: string }) =>
            ask.mutate(v.reason, {
              onSuccess: () => {
                message.success('请假申请已提交，等待组织员审批');
                form.resetFields();
              },
              onError: (e) => message.error(errorText(e)),
            })
          }
        >
          <Form.Item label="请假事由" name="reason" rules={[{ required: true, whitespace: true, message: '请填写请假事由' }]}>
            <Input.TextArea rows={2} maxLength={500} placeholder="例如：出差在外，无法参加" />
          </Form.Item>
          <Button htmlType="submit" loading={ask.isPending}>
            提交请假申请
          </Button>
        </Form>
      )}
      {!beforeStart && items.length === 0 && <Typography.Text type="secondary">活动已开始，不能再请假。</Typography.Text>}
    </Space>
  );
}
