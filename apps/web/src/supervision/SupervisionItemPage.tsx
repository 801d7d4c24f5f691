import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Space, Tag, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorText, type Schemas } from '../api/client';
import { formatDateTime, orgInstant } from '../common/org-time';
import { PageState } from '../common/PageState';
import { useMe } from '../identity/identity.queries';
import { WarningTag } from '../reflections/WarningTag';
import { actionsFor, timelineOf } from './item-logic';
import { EXTENSION_STATUS, ITEM_KIND, ITEM_STATUS } from './labels';
import {
  useAccept,
  useCloseItem,
  useDecideExtension,
  useProgress,
  useReportDone,
  useRequestExtension,
  useReturnItem,
  useSupervisionItem,
} from './supervision.queries';

type Item = Schemas['ItemDto'];

/** One supervision item: its facts, its timeline, and what the caller may do with it. */
export default function SupervisionItemPage() {
  const { id = '' } = useParams();
  const item = useSupervisionItem(id);
  return (
    <PageState loading={item.isPending} error={item.error}>
      {item.data && <ItemView item={item.data} />}
    </PageState>
  );
}

export function ItemView({ item }: { item: Item }) {
  const me = useMe().data;
  const actions = me ? actionsFor(item, me) : undefined;
  const [failure, setFailure] = useState<string | null>(null);
  const extended = item.originalDueAt !== item.dueAt;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        size="small"
        title={<span style={{ whiteSpace: 'normal' }}>{item.title}</span>}
        extra={<Tag color={ITEM_STATUS[item.status].color}>{ITEM_STATUS[item.status].label}</Tag>}
      >
        <Space wrap size={4} style={{ marginBottom: 12 }}>
          <Tag>{ITEM_KIND[item.kind]}</Tag>
          <WarningTag warning={item.warning} dueAt={item.status === 'closed' ? undefined : item.dueAt} />
          {item.unacknowledged && <Tag color="volcano">超时签收</Tag>}
          {item.late && <Tag color="red">逾期销号</Tag>}
          {item.campaignId && <Link to={`/rectification/campaigns/${item.campaignId}`}>所属整改清单</Link>}
        </Space>
        <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }} bordered>
          <Descriptions.Item label="责任人">{item.ownerName}</Descriptions.Item>
          <Descriptions.Item label="督办人">{item.supervisorName}</Descriptions.Item>
          <Descriptions.Item label="办理时限">{item.timeLimitDays} 个工作日</Descriptions.Item>
          <Descriptions.Item label="交办时间">{formatDateTime(item.assignedAt)}</Descriptions.Item>
          <Descriptions.Item label="截止时间">
            {formatDateTime(item.dueAt)}
            {extended && <Typography.Text type="secondary">（原定 {formatDateTime(item.originalDueAt)}）</Typography.Text>}
          </Descriptions.Item>
          <Descriptions.Item label="签收">{item.acceptedAt ? formatDateTime(item.acceptedAt) : `未签收（应于 ${formatDateTime(item.ackDueAt)} 前）`}</Descriptions.Item>
          {item.source && <Descriptions.Item label="来源">{item.source}</Descriptions.Item>}
          {item.closedAt && <Descriptions.Item label="销号时间">{formatDateTime(item.closedAt)}</Descriptions.Item>}
        </Descriptions>
        {item.detail && <Typography.Paragraph style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}>{item.detail}</Typography.Paragraph>}
      </Card>
      {failure && <Alert type="error" showIcon closable message="操作未成功" description={failure} onClose={() => setFailure(null)} data-testid="action-error" />}
      {actions && (actions.accept || actions.progress || actions.requestExtension) && <OwnerPanel item={item} actions={actions} onError={setFailure} />}
      {actions && (actions.closeOrReturn || actions.decide) && <SupervisorPanel item={item} actions={actions} onError={setFailure} />}
      {item.extensions.length > 0 && (
        <Card size="small" title="延期申请">
          {item.extensions.map((e) => (
            <div key={e.n} style={{ marginBottom: 8 }}>
              <Tag color={EXTENSION_STATUS[e.status].color}>{EXTENSION_STATUS[e.status].label}</Tag>
              {formatDateTime(e.from)} → {formatDateTime(e.to)}：{e.reason}
            </div>
          ))}
        </Card>
      )}
      <Card size="small" title="办理过程">
        <Timeline
          data-testid="item-timeline"
          items={timelineOf(item, formatDateTime).map((e) => ({
            color: e.color,
            children: (
              <>
                <Typography.Text strong>{e.label}</Typography.Text> <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>
                {e.text && <div style={{ whiteSpace: 'pre-wrap' }}>{e.text}</div>}
              </>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}

type Panel = { item: Item; actions: ReturnType<typeof actionsFor>; onError: (message: string | null) => void };

function useRun(onError: Panel['onError']) {
  const { message } = App.useApp();
  return <V,>(mutate: (v: V, o: { onSuccess: () => void; onError: (e: unknown) => void }) => void, v: V, done: string, after?: () => void) => {
    onError(null);
    mutate(v, {
      onSuccess: () => {
        message.success(done);
        after?.();
      },
      onError: (e) => onError(errorText(e)),
    });
  };
}

/** The person responsible: accept (签收), note progress, report done (办结报告), ask for more time. */
function OwnerPanel({ item, actions, onError }: Panel) {
  const accept = useAccept(item.id);
  const progress = useProgress(item.id);
  const report = useReportDone(item.id);
  const [note, setNote] = useState('');
  const [extending, setExtending] = useState(false);
  const run = useRun(onError);
  const busy = accept.isPending || progress.isPending || report.isPending;
  const needNote = () => {
    if (note.trim()) return true;
    onError('请先填写办理情况');
    return false;
  };
  return (
    <Card size="small" title="我的办理" data-testid="owner-panel">
      {actions.accept && (
        <Button type="primary" loading={accept.isPending} onClick={() => run(accept.mutate, undefined, '已签收')}>
          签收
        </Button>
      )}
      {actions.progress && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} placeholder="办理情况、进展或办结报告" aria-label="办理情况" />
          <Space wrap>
            <Button disabled={busy} onClick={() => needNote() && run(progress.mutate, note.trim(), '已记录进展', () => setNote(''))}>
              记录进展
            </Button>
            {actions.report && (
              <Button type="primary" disabled={busy} onClick={() => needNote() && run(report.mutate, note.trim(), '已报告办结，等待销号', () => setNote(''))}>
                报告办结
              </Button>
            )}
          </Space>
          {item.status === 'reported' && <Typography.Text type="secondary">已报告办结，等待督办人销号。</Typography.Text>}
        </Space>
      )}
      {actions.requestExtension && (
        <div style={{ marginTop: 12 }}>
          <Button onClick={() => setExtending(true)}>申请延期</Button>
        </div>
      )}
      <ExtensionModal item={item} open={extending} onClose={() => setExtending(false)} onError={onError} />
    </Card>
  );
}

function ExtensionModal({ item, open, onClose, onError }: { item: Item; open: boolean; onClose: () => void; onError: Panel['onError'] }) {
  const [form] = Form.useForm<{ to: Dayjs; reason: string }>();
  const request = useRequestExtension(item.id);
  const run = useRun(onError);
  return (
    <Modal open={open} title="申请延期" okText="提交申请" cancelText="取消" confirmLoading={request.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">当前截止：{formatDateTime(item.dueAt)}；原定截止时间始终保留在记录中。</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          run(request.mutate, { to: orgInstant(v.to.format('YYYY-MM-DD'), v.to.format('HH:mm')).toISOString(), reason: v.reason }, '已提交延期申请', onClose)
        }
      >
        <Form.Item label="延至" name="to" rules={[{ required: true, message: '请选择新的截止时间' }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item label="理由" name="reason" rules={[{ required: true, whitespace: true, message: '请填写延期理由' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A supervisor or organiser (never the owner): close (销号) or return a report; decide an extension. */
function SupervisorPanel({ item, actions, onError }: Panel) {
  const close = useCloseItem(item.id);
  const ret = useReturnItem(item.id);
  const decide = useDecideExtension(item.id);
  const [comment, setComment] = useState('');
  const run = useRun(onError);
  const pending = actions.decide;
  return (
    <Card size="small" title="督办审核" data-testid="supervisor-panel">
      <Space direction="vertical" style={{ width: '100%' }}>
        {actions.closeOrReturn && (
          <>
            <Input.TextArea value={comment} onChange={(e) => setComment(e.target.value)} autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} placeholder="审核意见（退回时必填）" aria-label="审核意见" />
            <Space wrap>
              <Button type="primary" loading={close.isPending} onClick={() => run(close.mutate, comment.trim() || undefined, '已销号')}>
                销号
              </Button>
              <Button
                danger
                loading={ret.isPending}
                onClick={() => (comment.trim() ? run(ret.mutate, comment.trim(), '已退回责任人', () => setComment('')) : onError('退回须填写审核意见'))}
              >
                退回
              </Button>
            </Space>
          </>
        )}
        {pending && (
          <div>
            <Typography.Paragraph>
              延期申请：延至 {formatDateTime(pending.to)}（{pending.reason}）
            </Typography.Paragraph>
            <Space wrap>
              <Button type="primary" loading={decide.isPending} onClick={() => run(decide.mutate, { n: pending.n, approve: true }, '已同意延期')}>
                同意延期
              </Button>
              <Button loading={decide.isPending} onClick={() => run(decide.mutate, { n: pending.n, approve: false }, '已不同意延期')}>
                不同意
              </Button>
            </Space>
          </div>
        )}
      </Space>
    </Card>
  );
}
