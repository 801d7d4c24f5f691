import { Alert, App, Button, Card, Descriptions, Input, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import type { Schemas } from '../api/client';
import { errorText } from '../api/client';
import { CharCounter } from '../common/CharCounter';
import { formatClock, formatDateTime } from '../common/org-time';
import { PageState } from '../common/PageState';
import { isOpenTask, TASK_STATUS } from './labels';
import { useSaveDraft, useSubmitTask, useTask } from './reflections.queries';
import { WarningTag } from './WarningTag';

/** Autosave waits this long after the last keystroke. */
export const AUTOSAVE_DELAY_MS = 1500;
/** The api's upper bound for an essay, in 字. */
const MAX_CHARS = 20_000;

export function TaskEditorPage() {
  const { id = '' } = useParams();
  const task = useTask(id);
  return (
    <PageState loading={task.isPending} error={task.error}>
      {task.data && <TaskEditor key={task.data.id} task={task.data} />}
    </PageState>
  );
}

function TaskEditor({ task }: { task: Schemas['TaskDto'] }) {
  const [body, setBody] = useState(task.body);
  const saved = useRef(task.body);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const saveDraft = useSaveDraft(task.id);
  const submit = useSubmitTask(task.id);
  const { message } = App.useApp();
  const editable = task.status !== 'approved';
  const autosave = isOpenTask(task);

  useEffect(() => {
    if (!autosave || body === saved.current) return;
    const timer = setTimeout(() => {
      const text = body;
      saveDraft.mutate(text, {
        onSuccess: () => {
          saved.current = text;
          setSavedAt(new Date());
        },
      });
    }, AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [body, autosave]);

  const status = TASK_STATUS[task.status];
  return (
    <Card title={task.assignmentTitle} extra={<Tag color={status.color} data-testid="task-status">{status.label}</Tag>}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label="截止时间">
            {formatDateTime(task.dueAt)}
            {task.extended && '（已延期）'}
          </Descriptions.Item>
          <Descriptions.Item label="预警">
            <WarningTag warning={task.warning} dueAt={isOpenTask(task) ? task.dueAt : undefined} />
          </Descriptions.Item>
          {task.submittedAt && (
            <Descriptions.Item label="提交时间">
              {formatDateTime(task.submittedAt)}
              {task.late && <Tag color="red" style={{ marginLeft: 8 }}>逾期提交</Tag>}
            </Descriptions.Item>
          )}
          {task.submittedAt && <Descriptions.Item label="已提交字数"><span data-testid="server-char-count">{task.charCount}</span></Descriptions.Item>}
        </Descriptions>
        {task.reviewComment && (
          <Alert
            type={task.status === 'returned' ? 'warning' : 'success'}
            showIcon
            message={task.status === 'returned' ? '已退回修改' : '审阅意见'}
            description={<span data-testid="review-comment">{task.reviewComment}</span>}
          />
        )}
        <Input.TextArea
          aria-label="心得正文"
          value={body}
          onChange={(e) => setBody(e.target.value)}
          disabled={!editable}
          autoSize={{ minRows: 12, maxRows: 30 }}
          placeholder="请结合学习内容和自身实际，写下心得体会"
        />
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <CharCounter text={body} min={task.minChars} max={MAX_CHARS} />
          <Typography.Text type="secondary" data-testid="autosave-status">
            {saveDraft.isPending ? '正在保存草稿…' : saveDraft.error ? `草稿保存失败：${errorText(saveDraft.error)}` : savedAt ? `草稿已自动保存 ${formatClock(savedAt)}` : ''}
          </Typography.Text>
        </Space>
        {editable && (
          <Button
            type="primary"
            loading={submit.isPending}
            onClick={() =>
              submit.mutate(body, {
                onSuccess: (t) => {
                  saved.current = body;
                  message.success(`已提交，共 ${t.charCount} 字`);
                },
                onError: (e) => message.error(errorText(e)),
              })
            }
          >
            {task.status === 'submitted' || task.status === 'returned' ? '重新提交' : '提交'}
          </Button>
        )}
      </Space>
    </Card>
  );
}
