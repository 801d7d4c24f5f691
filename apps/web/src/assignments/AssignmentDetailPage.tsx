import { App, Button, Card, Col, DatePicker, Empty, Modal, Popconfirm, Row, Select, Space, Statistic, Steps, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Schemas } from '../api/client';
import { errorText } from '../api/client';
import { formatDateTime, orgInstant } from '../common/org-time';
import { PageState } from '../common/PageState';
import { TASK_STATUS } from '../reflections/labels';
import { WARNING_STYLE, WarningTag } from '../reflections/WarningTag';
import { useAssignment, useAssignmentTasks, useCloseAssignment, useExtend } from './assignments.queries';
import { ASSIGNMENT_STATUS, WARNING_BORDER } from './labels';
import { type TaskFilter, taskFilterFrom, withTaskFilter } from './task-filter';

type Task = Schemas['TaskDto'];

/** One assignment: dispatch progress, counts, and the task board coloured by 三色预警. */
export default function AssignmentDetailPage() {
  const { id = '' } = useParams();
  const assignment = useAssignment(id);
  // The filter lives in the URL: a notification can open the board filtered (?warning=red), and back/forward restore it.
  const [params, setParams] = useSearchParams();
  const filter = taskFilterFrom(params);
  const filterSelect = (key: keyof TaskFilter, what: string, labels: Record<string, { label: string }>) => (
    <Select
      aria-label={`按${what}筛选`}
      allowClear
      placeholder={`全部${what}`}
      style={{ width: 120 }}
      value={filter[key]}
      onChange={(value?: string) => setParams((p) => withTaskFilter(p, key, value))}
      options={Object.entries(labels).map(([value, s]) => ({ value, label: s.label }))}
    />
  );
  const dispatching = assignment.data?.status === 'dispatching';
  const tasks = useAssignmentTasks(id, filter, dispatching);
  const close = useCloseAssignment(id);
  const { message } = App.useApp();
  const [extending, setExtending] = useState<Task | null>(null);
  const a = assignment.data;

  return (
    <PageState loading={assignment.isPending} error={assignment.error}>
      {a && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Card
            size="small"
            title={a.title}
            extra={
              a.status === 'open' && (
                <Popconfirm title="截止后不能再提交，确定？" okText="截止" cancelText="取消" onConfirm={() => close.mutate(undefined, { onError: (e) => message.error(errorText(e)) })}>
                  <Button danger size="small" loading={close.isPending}>
                    截止收取
                  </Button>
                </Popconfirm>
              )
            }
          >
            <Steps
              size="small"
              data-testid="dispatch-steps"
              current={a.status === 'dispatching' ? 1 : 2}
              status={a.status === 'dispatching' ? 'process' : 'finish'}
              items={[
                { title: '已受理', description: formatDateTime(a.createdAt) },
                { title: '分发中', description: a.status === 'dispatching' ? '正在为每位对象建立任务…' : undefined },
                { title: a.status === 'closed' ? '已截止' : '已开放', description: a.status !== 'dispatching' ? `共 ${a.counts.assigned} 人` : undefined },
              ]}
            />
            <Row gutter={[16, 8]} style={{ marginTop: 16 }}>
              {[
                { title: '应交', value: a.counts.assigned },
                { title: '待审阅', value: a.counts.submitted },
                { title: '已通过', value: a.counts.approved },
                { title: '已退回', value: a.counts.returned },
                { title: '逾期', value: a.counts.overdue, style: a.counts.overdue ? { color: '#f5222d' } : undefined },
                { title: '状态', value: ASSIGNMENT_STATUS[a.status].label },
              ].map(({ title, value, style }) => (
                <Col key={title} xs={8} md={4}>
                  <Statistic title={title} value={value} valueStyle={style} />
                </Col>
              ))}
            </Row>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              截止 {formatDateTime(a.dueAt)} · 最少 {a.minChars} 字{a.prompt ? ` · ${a.prompt}` : ''}
            </Typography.Paragraph>
          </Card>

          <Card
            size="small"
            title="任务看板"
            extra={
              <Space wrap>
                {filterSelect('status', '状态', TASK_STATUS)}
                {filterSelect('warning', '预警', WARNING_STYLE)}
              </Space>
            }
          >
            <PageState loading={tasks.isPending} error={tasks.error}>
              {tasks.data?.items.length ? (
                <Row gutter={[12, 12]}>
                  {tasks.data.items.map((t) => (
                    <Col key={t.id} xs={24} sm={12} lg={8} xl={6}>
                      <TaskCard task={t} onExtend={() => setExtending(t)} />
                    </Col>
                  ))}
                </Row>
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={dispatching ? '正在分发…' : '没有符合条件的任务'} />
              )}
            </PageState>
          </Card>
          <ExtendModal task={extending} onClose={() => setExtending(null)} />
        </Space>
      )}
    </PageState>
  );
}

function TaskCard({ task: t, onExtend }: { task: Task; onExtend: () => void }) {
  const reviewable = t.status === 'submitted' || t.status === 'approved' || t.status === 'returned';
  const writing = t.status === 'assigned' || t.status === 'draft' || t.status === 'returned';
  return (
    <Card
      size="small"
      data-testid="task-card"
      data-warning={t.warning}
      style={{ borderLeft: `6px solid ${WARNING_BORDER[t.warning]}`, background: t.warning === 'red' ? '#fff1f0' : t.warning === 'orange' ? '#fff7e6' : t.warning === 'yellow' ? '#feffe6' : undefined }}
    >
      <Space direction="vertical" size={4} style={{ width: '100%' }}>
        <Space wrap size={4}>
          <Typography.Text strong>{t.displayName}</Typography.Text>
          <Tag color={TASK_STATUS[t.status].color}>{TASK_STATUS[t.status].label}</Tag>
          {t.late && <Tag color="red">逾期提交</Tag>}
          {t.extended && <Tag>已延期</Tag>}
        </Space>
        {writing && <WarningTag warning={t.warning} dueAt={t.dueAt} />}
        <Typography.Text type="secondary">
          截止 {formatDateTime(t.dueAt)}
          {t.submittedAt && ` · 提交 ${formatDateTime(t.submittedAt)}`}
        </Typography.Text>
        {t.charCount > 0 && <Typography.Text type="secondary">字数 {t.charCount}</Typography.Text>}
        {t.similarity && t.similarity.score >= 0.5 && <Tag color="magenta">疑似雷同 {(t.similarity.score * 100).toFixed(0)}%</Tag>}
        <Space>
          {reviewable && (
            <Link to={`/manage/review/${t.id}`}>
              <Button size="small" type={t.status === 'submitted' ? 'primary' : 'default'}>
                {t.status === 'submitted' ? '审阅' : '查看'}
              </Button>
            </Link>
          )}
          {writing && (
            <Button size="small" onClick={onExtend}>
              延期
            </Button>
          )}
        </Space>
      </Space>
    </Card>
  );
}

function ExtendModal({ task, onClose }: { task: Task | null; onClose: () => void }) {
  const [due, setDue] = useState<Dayjs | null>(null);
  const extend = useExtend();
  const { message } = App.useApp();
  const ok = () => {
    if (!task || !due) return;
    extend.mutate(
      { id: task.id, dueAt: orgInstant(due.format('YYYY-MM-DD'), due.format('HH:mm')).toISOString() },
      {
        onSuccess: () => {
          message.success(`已为 ${task.displayName} 延期`);
          setDue(null);
          onClose();
        },
        onError: (e) => message.error(errorText(e)),
      },
    );
  };
  return (
    <Modal open={Boolean(task)} title={`为 ${task?.displayName ?? ''} 延期`} okText="延期" cancelText="取消" okButtonProps={{ disabled: !due }} confirmLoading={extend.isPending} onOk={ok} onCancel={onClose}>
      <Typography.Paragraph>当前截止：{formatDateTime(task?.dueAt)}。新的截止时间须晚于布置的截止时间。</Typography.Paragraph>
      <DatePicker
        showTime={{ format: 'HH:mm' }}
        format="YYYY-MM-DD HH:mm"
        value={due}
        onChange={setDue}
        disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
        style={{ width: '100%' }}
      />
    </Modal>
  );
}
