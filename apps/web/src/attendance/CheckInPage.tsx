import { Alert, Button, Card, Input, Result, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError, errorText } from '../api/client';
import { formatClock, formatDateTime } from '../common/org-time';
import { useSession } from '../sessions/sessions.queries';
import { useCheckIn } from './attendance.queries';
import { ATTENDANCE_STATUS } from './labels';

/** What went wrong, for a person holding a phone. `codeProblem`: offer to type the code. */
function explain(err: unknown): { text: string; codeProblem: boolean } {
  if (err instanceof ApiError) {
    if (err.status === 403 && /code/i.test(err.message)) return { text: '签到码已过期或不正确，请输入投屏上当前显示的 6 位签到码。', codeProblem: true };
    if (err.status === 403) return { text: '您不在本次活动的应到名单中，无需签到。', codeProblem: false };
    if (err.status === 409) return { text: `当前无法签到：${/opens/.test(err.message) ? '签到尚未开始（活动开始前 30 分钟开放）' : /closed/.test(err.message) ? '签到已结束' : '活动未发布或已取消'}。`, codeProblem: false };
    if (err.status === 429) return { text: '签到码错误次数过多，请联系组织员现场登记。', codeProblem: false };
    if (err.status === 404) return { text: '未找到该活动，或您无权查看。', codeProblem: false };
    if (err.status === 400) return { text: '签到码应为 6 位数字。', codeProblem: true };
  }
  return { text: errorText(err), codeProblem: false };
}

/**
 * The page the projector's QR code opens: `/check-in/:sessionId?code=123456`. It checks in at once
 * (after login if needed); an expired code asks for the 6 digits on the screen.
 */
export function CheckInPage() {
  const { sessionId = '' } = useParams();
  const [params] = useSearchParams();
  const urlCode = params.get('code') ?? '';
  const checkIn = useCheckIn(sessionId);
  const session = useSession(sessionId);
  const [typed, setTyped] = useState('');
  const tried = useRef<string | null>(null);

  useEffect(() => {
    const key = `${sessionId}:${urlCode}`;
    if (/^\d{6}$/.test(urlCode) && tried.current !== key) {
      tried.current = key;
      checkIn.mutate(urlCode);
    }
  }, [sessionId, urlCode, checkIn]);

  const title = session.data ? `${session.data.title}（${formatDateTime(session.data.startsAt)}）` : '签到';

  if (checkIn.data) {
    const record = checkIn.data;
    const status = ATTENDANCE_STATUS[record.status];
    const done = record.status === 'present' || record.status === 'late';
    return (
      <Card>
        <Result
          status={done ? (record.status === 'present' ? 'success' : 'warning') : 'info'}
          title={done ? '签到成功' : '签到状态'}
          subTitle={title}
          extra={
            <Space direction="vertical" size="middle" data-testid="check-in-result">
              <Tag color={status.color} style={{ fontSize: 18, padding: '4px 12px' }} data-testid="check-in-status">
                {status.label}
              </Tag>
              {record.checkedInAt && (
                <Typography.Text data-testid="check-in-time">
                  签到时间 {formatDateTime(record.checkedInAt).slice(0, 10)} {formatClock(record.checkedInAt)}
                </Typography.Text>
              )}
              <Link to="/">
                <Button>返回首页</Button>
              </Link>
            </Space>
          }
        />
      </Card>
    );
  }

  const problem = checkIn.error ? explain(checkIn.error) : null;
  const askForCode = !urlCode || !/^\d{6}$/.test(urlCode) || problem?.codeProblem;
  return (
    <Card title="扫码签到">
      <Typography.Paragraph strong>{title}</Typography.Paragraph>
      {checkIn.isPending && <Alert type="info" showIcon message="正在签到…" />}
      {problem && <Alert type="error" showIcon message={problem.text} style={{ marginBottom: 16 }} data-testid="check-in-error" />}
      {askForCode && !checkIn.isPending && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Text>请输入投屏上显示的 6 位签到码：</Typography.Text>
          <Input.OTP length={6} value={typed} onChange={setTyped} inputMode="numeric" aria-label="签到码" />
          <Button type="primary" block disabled={!/^\d{6}$/.test(typed)} onClick={() => checkIn.mutate(typed)}>
            签到
          </Button>
        </Space>
      )}
    </Card>
  );
}
