import { Alert, App, Button, Card, Col, Form, Input, Row, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { Link, useParams } from 'react-router';
import type { Schemas } from '../api/client';
import { errorText } from '../api/client';
import { formatDateTime } from '../common/org-time';
import { PageState } from '../common/PageState';
import { TASK_STATUS } from '../reflections/labels';
import { useTask } from '../reflections/reflections.queries';
import { useReview } from './assignments.queries';
import { HighlightedEssay } from './HighlightedEssay';
import { sharedPassages } from './shared-passages';

type Task = Schemas['TaskDto'];

function TaskHeader({ task }: { task: Task }) {
  return (
    <Space wrap size={4}>
      <Typography.Text strong>{task.displayName}</Typography.Text>
      <Tag color={TASK_STATUS[task.status].color} data-testid={`status-${task.id}`}>
        {TASK_STATUS[task.status].label}
      </Tag>
      <Typography.Text type="secondary">
        字数 {task.charCount} · 提交 {formatDateTime(task.submittedAt)}
      </Typography.Text>
      {task.late && <Tag color="red">逾期提交</Tag>}
    </Space>
  );
}

/** The essay beside the most similar one of the assignment, shared passages highlighted; approve or return. */
export default function ReviewPage() {
  const { taskId = '' } = useParams();
  const task = useTask(taskId);
  const similarId = task.data?.similarity?.similarTaskId;
  const similar = useTask(similarId);
  const review = useReview(taskId);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comment?: string }>();
  // The "审阅这一篇" link reuses this page for another task: never carry a comment over.
  useEffect(() => form.resetFields(), [taskId, form]);

  const passages = useMemo(
    () => (task.data && similar.data ? sharedPassages(task.data.body, similar.data.body) : null),
    [task.data, similar.data],
  );

  const decide = async (decision: 'approve' | 'return') => {
    const comment = form.getFieldValue('comment')?.trim() || undefined;
    if (decision === 'return' && !comment) {
      form.setFields([{ name: 'comment', errors: ['退回须填写意见，告诉作者如何修改'] }]);
      return;
    }
    review.mutate(
      { decision, comment },
      {
        onSuccess: () => message.success(decision === 'approve' ? '已通过' : '已退回，作者会收到通知'),
        onError: (e) => message.error(errorText(e)),
      },
    );
  };

  return (
    <PageState loading={task.isPending} error={task.error}>
      {task.data && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Card size="small" title={`审阅：${task.data.assignmentTitle}`} extra={<Link to={`/manage/assignments/${task.data.assignmentId}`}>返回看板</Link>}>
            {task.data.similarity ? (
              <Alert
                type={task.data.similarity.score >= 0.5 ? 'warning' : 'info'}
                showIcon
                data-testid="similarity"
                message={`与最相似的一篇相似度 ${(task.data.similarity.score * 100).toFixed(0)}%${task.data.similarity.score >= 0.5 ? '，疑似雷同' : ''}`}
                description={passages ? `相同段落已标出（连续 8 字以上相同）：本篇 ${passages.sharedChars.a} 字，对照篇 ${passages.sharedChars.b} 字。` : undefined}
              />
            ) : (
              <Alert type="info" showIcon message="暂无相似度结果（提交后由系统比对，或本任务仅一篇）" />
            )}
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} md={similarId ? 12 : 24}>
              <Card size="small" title={<TaskHeader task={task.data} />}>
                <HighlightedEssay testId="essay" segments={passages?.a ?? [{ text: task.data.body, shared: false }]} />
              </Card>
            </Col>
            {similarId && (
              <Col xs={24} md={12}>
                <Card size="small" title={similar.data ? <TaskHeader task={similar.data} /> : '最相似的一篇'}>
                  <PageState loading={similar.isPending} error={similar.error}>
                    {similar.data && (
                      <>
                        <HighlightedEssay testId="similar-essay" segments={passages?.b ?? []} />
                        <Link to={`/manage/review/${similar.data.id}`}>审阅这一篇</Link>
                      </>
                    )}
                  </PageState>
                </Card>
              </Col>
            )}
          </Row>
          <Card size="small" title="审阅意见">
            {task.data.reviewComment && (
              <Typography.Paragraph type="secondary" data-testid="previous-comment">
                上次意见：{task.data.reviewComment}
              </Typography.Paragraph>
            )}
            <Form form={form} layout="vertical">
              <Form.Item name="comment" label="意见（退回时必填）">
                <Input.TextArea aria-label="审阅意见" autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
              </Form.Item>
            </Form>
            <Space wrap>
              <Button type="primary" disabled={task.data.status !== 'submitted'} loading={review.isPending && review.variables?.decision === 'approve'} onClick={() => decide('approve')}>
                通过
              </Button>
              <Button danger disabled={task.data.status !== 'submitted'} loading={review.isPending && review.variables?.decision === 'return'} onClick={() => decide('return')}>
                退回修改
              </Button>
              {task.data.status !== 'submitted' && <Typography.Text type="secondary">当前状态为「{TASK_STATUS[task.data.status].label}」，提交后才能审阅。</Typography.Text>}
            </Space>
          </Card>
        </Space>
      )}
    </PageState>
  );
}
