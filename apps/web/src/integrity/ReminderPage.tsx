import { CheckCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Progress, Result, Space, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { ApiError, errorText } from '../api/client';
import { formatDateTime } from '../common/org-time';
import { PageState } from '../common/PageState';
import { useMe } from '../identity/identity.queries';
import { hasRole } from '../identity/roles';
import { INTEGRITY_READERS, percent } from './labels';
import { useAcknowledgeReminder, useReceivedReminder, useReminderReport } from './reminders.queries';

const notFound = (e: unknown) => e instanceof ApiError && e.status === 404;

/**
 * A holiday integrity reminder (节日廉政提醒), opened from its notification: its recipient reads it and
 * acknowledges it (已阅知晓); those who follow it see who has not acknowledged yet.
 */
export default function ReminderPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const follows = hasRole(me.data?.role, INTEGRITY_READERS);
  const received = useReceivedReminder(id);
  const report = useReminderReport(id, follows);
  if (received.isPending || (follows && report.isPending)) return <PageState loading error={null}>{null}</PageState>;
  const mine = received.data;
  const progress = report.data;
  if (!mine && !progress) {
    const error = notFound(received.error) && (!follows || notFound(report.error)) ? null : (received.error ?? report.error);
    if (error) return <PageState loading={false} error={error}>{null}</PageState>;
    return <Result status="404" title="未找到该提醒" subTitle="提醒不存在、尚未发送，或您不在提醒对象之中。" />;
  }
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {mine && <ReceivedCard id={id} reminder={mine} />}
      {progress && <ProgressCard report={progress} />}
    </Space>
  );
}

function ReceivedCard({ id, reminder }: { id: string; reminder: NonNullable<ReturnType<typeof useReceivedReminder>['data']> }) {
  const acknowledge = useAcknowledgeReminder(id);
  const { message } = App.useApp();
  return (
    <Card title={reminder.title} data-testid="reminder-received">
      <Typography.Paragraph type="secondary">
        {reminder.senderName} · {formatDateTime(reminder.sentAt)}
      </Typography.Paragraph>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 16 }}>{reminder.body}</Typography.Paragraph>
      {reminder.acknowledgedAt ? (
        <Alert type="success" showIcon icon={<CheckCircleOutlined />} message={`已阅知晓（${formatDateTime(reminder.acknowledgedAt)}）`} data-testid="reminder-acknowledged" />
      ) : (
        <Button
          type="primary"
          size="large"
          block
          loading={acknowledge.isPending}
          onClick={() => acknowledge.mutate(undefined, { onSuccess: () => message.success('已确认：已阅知晓'), onError: (e) => message.error(errorText(e)) })}
        >
          已阅知晓
        </Button>
      )}
    </Card>
  );
}

function ProgressCard({ report }: { report: NonNullable<ReturnType<typeof useReminderReport>['data']> }) {
  return (
    <Card title="阅知情况" size="small" data-testid="reminder-progress">
      {report.sentAt ? (
        <>
          <Progress percent={report.recipients ? Math.round((report.acknowledged / report.recipients) * 100) : 0} format={() => percent(report.acknowledged, report.recipients)} />
          <Typography.Paragraph>
            已阅知晓 <Typography.Text strong data-testid="ack-count">{report.acknowledged}</Typography.Text> / 应阅 {report.recipients} 人 · 发送于 {formatDateTime(report.sentAt)}
          </Typography.Paragraph>
          {report.notAcknowledged.length > 0 && (
            <>
              <Typography.Text type="secondary">尚未阅知：</Typography.Text>
              <div style={{ marginTop: 4 }}>
                {report.notAcknowledged.map((p) => (
                  <Tag key={p.userId}>{p.displayName}</Tag>
                ))}
              </div>
            </>
          )}
        </>
      ) : (
        <Typography.Text>待发送：计划于 {formatDateTime(report.sendAt)} 发送</Typography.Text>
      )}
    </Card>
  );
}
