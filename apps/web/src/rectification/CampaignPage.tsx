import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Empty, Form, Input, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorText, type Schemas } from '../api/client';
import { formatDateTime, orgInstant } from '../common/org-time';
import { PageState } from '../common/PageState';
import { useMe } from '../identity/identity.queries';
import { WarningTag } from '../reflections/WarningTag';
import { ITEM_STATUS } from '../supervision/labels';
import { ItemList } from '../supervision/SupervisionPage';
import { useReportDone, useSupervisionItems } from '../supervision/supervision.queries';
import { filingTag } from './CampaignsPage';
import { useCampaign, useFileList, useMyList } from './rectification.queries';

/**
 * One campaign. Its people file their list here and mark their entries done; the creator, organisers
 * of its units, auditors and admins see who has filed and every entry.
 */
export default function CampaignPage() {
  const { id = '' } = useParams();
  const role = useMe().data?.role;
  const follows = role !== undefined && role !== 'member';
  const files = role === 'member' || role === 'organiser';
  const summary = useCampaign(id, follows);
  const mine = useMyList(id, files);
  const loading = (follows && summary.isPending) || (files && mine.isPending) || !role;
  // A member's only view is their list; for the others a 404 of one of the two views is "not theirs".
  const error = files && mine.error ? mine.error : follows && summary.error && !mine.data ? summary.error : null;
  const title = summary.data?.title ?? mine.data?.title;
  const listDueAt = summary.data?.listDueAt ?? mine.data?.listDueAt;
  return (
    <PageState loading={loading} error={error}>
      {!title ? (
        <Empty description="未找到，或您无权查看" />
      ) : (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Card size="small" title={<span style={{ whiteSpace: 'normal' }}>{title}</span>}>
            <Typography.Text type="secondary">填报截止 {formatDateTime(listDueAt)}</Typography.Text>{' '}
            {mine.data && filingTag({ mustFile: true, filedAt: mine.data.filedAt, listDueAt: mine.data.listDueAt })}
          </Card>
          {mine.data && <MyListCard id={id} list={mine.data} />}
          {summary.data && <CampaignSummary campaign={summary.data} />}
        </Space>
      )}
    </PageState>
  );
}

function CampaignSummary({ campaign }: { campaign: Schemas['CampaignDto'] }) {
  const items = useSupervisionItems({ campaignId: campaign.id });
  return (
    <Card size="small" title="填报与整改情况" data-testid="campaign-summary">
      <Row gutter={[16, 8]}>
        <Col xs={8} md={4}>
          <Statistic title="已填报" value={campaign.filed} />
        </Col>
        <Col xs={8} md={4}>
          <Statistic title="未填报" value={campaign.notFiled.length} />
        </Col>
        <Col xs={8} md={4}>
          <Statistic title="整改中" value={campaign.items.open} />
        </Col>
        <Col xs={8} md={4}>
          <Statistic title="已销号" value={campaign.items.closed} />
        </Col>
        <Col xs={8} md={4}>
          <Statistic title="逾期" value={campaign.items.overdue} valueStyle={campaign.items.overdue ? { color: '#cf1322' } : undefined} />
        </Col>
      </Row>
      {campaign.notFiled.length > 0 && (
        <div style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">未填报：</Typography.Text>
          {campaign.notFiled.map((p) => (
            <Tag key={p.userId}>{p.displayName}</Tag>
          ))}
        </div>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        整改事项
      </Typography.Title>
      <PageState loading={items.isPending} error={items.error}>
        {items.data?.items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无整改事项" /> : <ItemList items={items.data?.items ?? []} />}
      </PageState>
    </Card>
  );
}

function MyListCard({ id, list }: { id: string; list: Schemas['MyListDto'] }) {
  return (
    <Card size="small" title="我的整改清单" data-testid="my-list">
      {list.filedAt ? (
        <>
          <Typography.Text type="secondary">已于 {formatDateTime(list.filedAt)} 填报</Typography.Text>
          <List dataSource={list.items} rowKey="id" renderItem={(item) => <MyEntry item={item} />} />
        </>
      ) : (
        <FileListForm id={id} />
      )}
    </Card>
  );
}

/** One of my entries: its measure and state; an open one is marked done with a note (the 办结报告). */
function MyEntry({ item }: { item: Schemas['ItemDto'] }) {
  const report = useReportDone(item.id);
  const [note, setNote] = useState<string | null>(null);
  const { message } = App.useApp();
  const done = () => {
    if (!note?.trim()) return void message.error('请填写完成情况');
    report.mutate(note.trim(), { onSuccess: () => (message.success('已报告完成，等待销号'), setNote(null)), onError: (e) => message.error(errorText(e)) });
  };
  return (
    <List.Item data-testid="my-entry">
      <Space direction="vertical" size={4} style={{ width: '100%' }}>
        <Link to={`/supervision/items/${item.id}`}>{item.title}</Link>
        <Typography.Text>整改措施：{item.detail}</Typography.Text>
        <Space wrap size={4}>
          <Tag color={ITEM_STATUS[item.status].color}>{item.status === 'accepted' ? '整改中' : ITEM_STATUS[item.status].label}</Tag>
          <WarningTag warning={item.warning} dueAt={item.status === 'closed' ? undefined : item.dueAt} />
          <Typography.Text type="secondary">完成时限 {formatDateTime(item.dueAt)}</Typography.Text>
        </Space>
        {item.status === 'accepted' &&
          (note === null ? (
            <Button size="small" onClick={() => setNote('')}>
              标记完成
            </Button>
          ) : (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} autoSize={{ minRows: 2 }} maxLength={5000} placeholder="完成情况" aria-label="完成情况" />
              <Space>
                <Button type="primary" size="small" loading={report.isPending} onClick={done}>
                  提交完成情况
                </Button>
                <Button size="small" onClick={() => setNote(null)}>
                  取消
                </Button>
              </Space>
            </Space>
          ))}
      </Space>
    </List.Item>
  );
}

interface EntryForm {
  problem: string;
  measure: string;
  dueAt: Dayjs;
}

function FileListForm({ id }: { id: string }) {
  const [form] = Form.useForm<{ entries: EntryForm[] }>();
  const file = useFileList(id);
  const { message } = App.useApp();
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ entries: [{}] }}
      onFinish={(v) =>
        file.mutate(
          v.entries.map((e) => ({ problem: e.problem, measure: e.measure, dueAt: orgInstant(e.dueAt.format('YYYY-MM-DD'), e.dueAt.format('HH:mm')).toISOString() })),
          { onSuccess: (r) => message.success(`已填报 ${r.items.length} 条整改事项`), onError: (e) => message.error(errorText(e)) },
        )
      }
    >
      <Typography.Paragraph type="secondary">逐条列出查摆出的问题、整改措施和完成时限；只能填报一次，每条将作为整改事项督办到销号。</Typography.Paragraph>
      <Form.List name="entries">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Card
                key={f.key}
                size="small"
                type="inner"
                title={`问题 ${i + 1}`}
                style={{ marginBottom: 12 }}
                extra={fields.length > 1 && <Button type="text" aria-label="删除" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} />}
              >
                <Form.Item label="存在问题" name={[f.name, 'problem']} rules={[{ required: true, whitespace: true, message: '请填写问题' }]}>
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item label="整改措施" name={[f.name, 'measure']} rules={[{ required: true, whitespace: true, message: '请填写整改措施' }]}>
                  <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
                </Form.Item>
                <Form.Item label="完成时限" name={[f.name, 'dueAt']} rules={[{ required: true, message: '请选择完成时限' }]}>
                  <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
                </Form.Item>
              </Card>
            ))}
            <Space wrap>
              <Button icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= 50}>
                增加一条
              </Button>
              <Button type="primary" htmlType="submit" loading={file.isPending}>
                提交清单
              </Button>
            </Space>
          </>
        )}
      </Form.List>
    </Form>
  );
}
