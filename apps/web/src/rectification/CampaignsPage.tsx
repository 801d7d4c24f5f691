import { App, Button, Card, DatePicker, Empty, Form, Input, List, Modal, Space, Tag, TreeSelect, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { errorText, type Schemas } from '../api/client';
import { formatDateTime, orgInstant } from '../common/org-time';
import { PageState } from '../common/PageState';
import { unitTree } from '../common/unit-tree';
import { useMe } from '../identity/identity.queries';
import { hasRole, ROLES } from '../identity/roles';
import { useUnits } from '../sessions/sessions.queries';
import { useCampaigns, useCreateCampaign } from './rectification.queries';

/** Where the caller stands with a campaign's list: filed, to file, or late; nothing when they need not file. */
export function filingTag(c: Pick<Schemas['CampaignSummaryDto'], 'mustFile' | 'filedAt' | 'listDueAt'>, now = new Date()) {
  if (!c.mustFile) return null;
  if (c.filedAt) return <Tag color="green">已填报</Tag>;
  return new Date(c.listDueAt) < now ? <Tag color="red">逾期未填报</Tag> : <Tag color="gold">待填报</Tag>;
}

/** 整改清单: the campaigns the caller files in or follows; organisers open new ones. */
export default function CampaignsPage() {
  const me = useMe().data;
  const campaigns = useCampaigns();
  const [creating, setCreating] = useState(false);
  const organiser = hasRole(me?.role, ROLES.organisers);
  return (
    <Card
      title="整改清单"
      extra={
        organiser && (
          <Button type="primary" onClick={() => setCreating(true)}>
            发起整改
          </Button>
        )
      }
    >
      <PageState loading={campaigns.isPending} error={campaigns.error}>
        {campaigns.data?.items.length === 0 ? (
          <Empty description="暂无整改清单" />
        ) : (
          <List
            dataSource={campaigns.data?.items ?? []}
            rowKey="id"
            renderItem={(c) => (
              <List.Item>
                <Space direction="vertical" size={2}>
                  <Link to={`/rectification/campaigns/${c.id}`}>{c.title}</Link>
                  <Space wrap size={4}>
                    {filingTag(c)}
                    <Typography.Text type="secondary">填报截止 {formatDateTime(c.listDueAt)}</Typography.Text>
                  </Space>
                </Space>
              </List.Item>
            )}
          />
        )}
      </PageState>
      {organiser && <CreateCampaignModal open={creating} onClose={() => setCreating(false)} />}
    </Card>
  );
}

function CreateCampaignModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ title: string; unitIds: string[]; listDueAt: Dayjs }>();
  const units = useUnits();
  const create = useCreateCampaign();
  const navigate = useNavigate();
  const { message } = App.useApp();
  return (
    <Modal open={open} title="发起整改清单" okText="发起" cancelText="取消" confirmLoading={create.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          create.mutate(
            { title: v.title, unitIds: v.unitIds, listDueAt: orgInstant(v.listDueAt.format('YYYY-MM-DD'), v.listDueAt.format('HH:mm')).toISOString() },
            {
              onSuccess: (c) => {
                message.success('已发起，相关人员将收到填报通知');
                onClose();
                navigate(`/rectification/campaigns/${c.id}`);
              },
              onError: (e) => message.error(errorText(e)),
            },
          )
        }
      >
        <Form.Item label="名称" name="title" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
          <Input maxLength={200} placeholder="如：2026年作风巡查问题整改" />
        </Form.Item>
        <Form.Item label="单位（含下级单位全体人员）" name="unitIds" rules={[{ required: true, message: '请选择单位' }]}>
          <TreeSelect multiple treeDefaultExpandAll treeData={unitTree(units.data ?? [])} placeholder="选择单位" />
        </Form.Item>
        <Form.Item label="填报截止" name="listDueAt" rules={[{ required: true, message: '请选择填报截止时间' }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
