import { App, Button, Card, Checkbox, Empty, Form, Input, InputNumber, Modal, Progress, Select, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import type { Schemas } from '../api/client';
import { errorText } from '../api/client';
import { orgToday } from '../common/org-time';
import { CreateCard } from '../common/CreateCard';
import { PageState } from '../common/PageState';
import { unitNames, unitTree } from '../common/unit-tree';
import { READING_CATEGORY_LABELS } from '../reading/labels';
import { useReadingLists } from '../reading/reading.queries';
import { useUnits } from '../sessions/sessions.queries';
import { useReadingList } from '../reading/reading.queries';
import { useCreateReadingList, useReadingProgress } from './reading-lists.queries';

type ListForm = Schemas['CreateReadingListDto'];

/**
 * Organiser: reading lists (年度党风党纪教育清单) — create, revise (the api has no update: a revision is
 * saved as a new list, prefilled from the old one), and the progress table per unit.
 */
export default function ReadingListsAdminPage() {
  const year = Number(orgToday().slice(0, 4));
  const lists = useReadingLists();
  const [selected, setSelected] = useState<string | undefined>();
  const [editing, setEditing] = useState<{ from?: string } | null>(null);
  const current = selected ?? lists.data?.items[0]?.id;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <CreateCard size="small" title="学习清单管理" createLabel="新建清单" onCreate={() => setEditing({})}>
        <PageState loading={lists.isPending} error={lists.error}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 560 }}
            dataSource={lists.data?.items ?? []}
            rowClassName={(r) => (r.id === current ? 'ant-table-row-selected' : '')}
            onRow={(r) => ({ onClick: () => setSelected(r.id), style: { cursor: 'pointer' } })}
            columns={[
              { title: '年度', dataIndex: 'year', width: 70 },
              { title: '清单', dataIndex: 'title' },
              { title: '条目（必学）', render: (_, r) => `${r.itemCount}（${r.requiredCount}）` },
              {
                title: '操作',
                render: (_, r) => (
                  <Space>
                    <Button size="small" onClick={(e) => (e.stopPropagation(), setSelected(r.id))}>
                      进度
                    </Button>
                    <Button size="small" onClick={(e) => (e.stopPropagation(), setEditing({ from: r.id }))}>
                      修订
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        </PageState>
      </CreateCard>
      {current ? <ProgressTable listId={current} /> : <Empty description={`还没有清单，新建 ${year} 年度清单`} />}
      {editing && <ListEditor fromId={editing.from} year={year} onClose={() => setEditing(null)} />}
    </Space>
  );
}

function ProgressTable({ listId }: { listId: string }) {
  const [unitId, setUnitId] = useState<string | undefined>();
  const units = useUnits();
  const list = useReadingList(listId);
  const progress = useReadingProgress(listId, unitId);
  const names = unitNames(units.data);
  return (
    <Card
      size="small"
      title={`学习进度：${list.data?.title ?? ''}`}
      extra={
        <TreeSelect
          aria-label="单位"
          allowClear
          placeholder="全部单位"
          treeDefaultExpandAll
          style={{ minWidth: 180 }}
          treeData={unitTree(units.data ?? [])}
          value={unitId}
          onChange={setUnitId}
        />
      }
    >
      <PageState loading={progress.isPending} error={progress.error}>
        <Table
          rowKey="userId"
          size="small"
          scroll={{ x: 560 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={progress.data?.members ?? []}
          columns={[
            { title: '姓名', dataIndex: 'displayName', sorter: (a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN') },
            { title: '单位', dataIndex: 'unitId', render: (id: string) => names.get(id) ?? '—' },
            { title: '必学已完成', render: (_, m) => `${m.finishedRequired} / ${m.required}`, sorter: (a, b) => a.finishedRequired - b.finishedRequired },
            { title: '已研讨', dataIndex: 'discussed', sorter: (a, b) => a.discussed - b.discussed },
            {
              title: '完成率',
              dataIndex: 'completion',
              defaultSortOrder: 'ascend',
              sorter: (a, b) => a.completion - b.completion,
              render: (c: number) => <Progress percent={Math.round(c * 100)} size="small" style={{ minWidth: 100 }} />,
            },
          ]}
        />
      </PageState>
    </Card>
  );
}

function ListEditor({ fromId, year, onClose }: { fromId?: string; year: number; onClose: () => void }) {
  const source = useReadingList(fromId);
  const units = useUnits();
  const create = useCreateReadingList();
  const { message } = App.useApp();
  const [form] = Form.useForm<ListForm>();
  const ready = !fromId || source.data;
  const initial: Partial<ListForm> =
    fromId && source.data
      ? {
          year: source.data.year,
          title: `${source.data.title}（修订）`,
          unitId: source.data.unitId ?? undefined,
          items: source.data.items.map((i) => ({ title: i.title, category: i.category, materialUrl: i.materialUrl ?? undefined, required: i.required })),
        }
      : { year, items: [{ title: '', category: 'regulation', required: true }] };

  return (
    <Modal open title={fromId ? '修订清单（另存为新清单）' : '新建学习清单'} width={720} okText="保存" cancelText="取消" confirmLoading={create.isPending} onOk={() => form.submit()} onCancel={onClose}>
      {ready ? (
        <Form<ListForm>
          form={form}
          layout="vertical"
          initialValues={initial}
          onFinish={(v) =>
            create.mutate(
              { ...v, unitId: v.unitId || undefined, items: v.items.map((i) => ({ ...i, materialUrl: i.materialUrl || undefined, required: i.required ?? true })) },
              {
                onSuccess: () => {
                  message.success('清单已保存');
                  onClose();
                },
                onError: (e) => message.error(errorText(e)),
              },
            )
          }
        >
          <Space wrap>
            <Form.Item label="年度" name="year" rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} />
            </Form.Item>
            <Form.Item label="适用单位" name="unitId" extra="不选则全部单位">
              <TreeSelect allowClear treeDefaultExpandAll style={{ minWidth: 200 }} treeData={unitTree(units.data ?? [])} />
            </Form.Item>
          </Space>
          <Form.Item label="清单名称" name="title" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Typography.Text strong>条目</Typography.Text>
          <Form.List name="items" rules={[{ validator: async (_, items) => (items?.length ? undefined : Promise.reject(new Error('至少一条'))) }]}>
            {(fields, { add, remove }) => (
              <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
                {fields.map((f, i) => (
                  <Space key={f.key} wrap align="start">
                    <Typography.Text type="secondary">{i + 1}.</Typography.Text>
                    <Form.Item name={[f.name, 'title']} style={{ marginBottom: 0 }} rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
                      <Input placeholder="标题" style={{ width: 240 }} maxLength={200} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'category']} style={{ marginBottom: 0 }} rules={[{ required: true }]}>
                      <Select style={{ width: 110 }} options={Object.entries(READING_CATEGORY_LABELS).map(([value, label]) => ({ value, label }))} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'required']} valuePropName="checked" style={{ marginBottom: 0 }}>
                      <Checkbox>必学</Checkbox>
                    </Form.Item>
                    <Button aria-label="删除" icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ category: 'regulation', required: true })}>
                  添加条目
                </Button>
              </Space>
            )}
          </Form.List>
        </Form>
      ) : (
        <PageState loading={source.isPending} error={source.error}>
          {null}
        </PageState>
      )}
      {fromId && <Tag style={{ marginTop: 8 }}>原清单保留不变，成员在新清单上重新记录进度</Tag>}
    </Modal>
  );
}
