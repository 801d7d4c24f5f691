import { Alert, App, Button, Card, Input, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorText } from '../api/client';
import { CharCounter } from '../common/CharCounter';
import { formatDateTime } from '../common/org-time';
import { PageState } from '../common/PageState';
import { SessionSummary } from '../sessions/SessionSummary';
import { useSession } from '../sessions/sessions.queries';
import { useMakeUp } from './attendance.queries';

/** 补学: a summary of at least 100 字 for a missed (absent or excused) session. */
export const MAKE_UP_MIN_CHARS = 100;

export function MakeUpPage() {
  const { sessionId = '' } = useParams();
  const session = useSession(sessionId);
  const makeUp = useMakeUp(sessionId);
  const [summary, setSummary] = useState('');
  const { message } = App.useApp();

  if (makeUp.data?.madeUpAt) {
    return (
      <Result
        status="success"
        title="补学已记录"
        subTitle={`补学时间 ${formatDateTime(makeUp.data.madeUpAt)}`}
        extra={<Link to="/"><Button>返回首页</Button></Link>}
      />
    );
  }
  return (
    <PageState loading={session.isPending} error={session.error}>
      <Card title="补学">
        <Space direction="vertical" style={{ width: '100%' }}>
          {session.data && <SessionSummary session={session.data} />}
          <Alert type="info" showIcon message={`缺席或请假的活动结束后，可提交不少于 ${MAKE_UP_MIN_CHARS} 字的学习心得完成补学。`} />
          <Input.TextArea rows={10} value={summary} onChange={(e) => setSummary(e.target.value)} placeholder="请写下自学本次活动内容的心得体会" aria-label="补学心得" />
          <CharCounter text={summary} min={MAKE_UP_MIN_CHARS} />
          <Button type="primary" loading={makeUp.isPending} onClick={() => makeUp.mutate(summary, { onError: (e) => message.error(errorText(e)) })}>
            提交补学
          </Button>
          {makeUp.error && <Typography.Text type="danger">{errorText(makeUp.error)}</Typography.Text>}
        </Space>
      </Card>
    </PageState>
  );
}
