import { App, Button, Card, Collapse, Empty, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Schemas } from '../api/client';
import { errorText } from '../api/client';
import { formatDateTime } from '../common/org-time';
import { PageState } from '../common/PageState';
import { READING_CATEGORY_LABELS } from './labels';
import { usePutProgress, useReadingList, useReadingLists } from './reading.queries';

type Item = Schemas['ReadingItemWithProgressDto'];

export function ReadingPage() {
  const lists = useReadingLists();
  const items = lists.data?.items ?? [];
  return (
    <Card title="党风党纪教育清单">
      <PageState loading={lists.isPending} error={lists.error}>
        {items.length === 0 ? (
          <Empty description="暂无学习清单" />
        ) : (
          <Collapse
            defaultActiveKey={[items[0].id]}
            items={items.map((l) => ({
              key: l.id,
              label: (
                <Space wrap>
                  <span>
                    {l.year} 年 · {l.title}
                  </span>
                  <Typography.Text type="secondary">
                    必读已完成 {l.own.finishedRequired}/{l.own.required}
                  </Typography.Text>
                </Space>
              ),
              children: <ReadingListItems listId={l.id} />,
            }))}
          />
        )}
      </PageState>
    </Card>
  );
}

function ReadingListItems({ listId }: { listId: string }) {
  const list = useReadingList(listId);
  const put = usePutProgress(listId);
  const { message } = App.useApp();
  const [editing, setEditing] = useState<{ item: Item; status: 'reading' | 'finished'; note: string } | null>(null);
  const categories = [...new Set((list.data?.items ?? []).map((i) => i.category))];

  const save = () => {
    if (!editing) return;
    put.mutate(
      { itemId: editing.item.id, status: editing.status, note: editing.note.trim() || null },
      {
        onSuccess: () => {
          message.success(editing.status === 'finished' ? '已标记为读完' : '已标记为在读');
          setEditing(null);
        },
        onError: (e) => message.error(errorText(e)),
      },
    );
  };

  return (
    <PageState loading={list.isPending} error={list.error}>
      {categories.map((category) => (
        <div key={category} style={{ marginBottom: 12 }}>
          <Typography.Title level={5}>{READING_CATEGORY_LABELS[category]}</Typography.Title>
          <List
            size="small"
            dataSource={list.data!.items.filter((i) => i.category === category)}
            renderItem={(item) => (
              <List.Item
                actions={[
                  <Button key="r" size="small" onClick={() => setEditing({ item, status: 'reading', note: item.progress?.note ?? '' })}>
                    在读
                  </Button>,
                  <Button key="f" size="small" type="primary" ghost onClick={() => setEditing({ item, status: 'finished', note: item.progress?.note ?? '' })}>
                    读完
                  </Button>,
                ]}
              >
                <Space direction="vertical" size={0}>
                  <span>
                    {item.materialUrl ? (
                      <a href={item.materialUrl} target="_blank" rel="noreferrer">
                        {item.title}
                      </a>
                    ) : (
                      item.title
                    )}
                    {item.required && <Tag style={{ marginLeft: 6 }}>必读</Tag>}
                    {item.progress?.status === 'finished' && <Tag color="green">已读完</Tag>}
                    {item.progress?.status === 'reading' && <Tag color="blue">在读</Tag>}
                    {item.progress?.discussedAt && <Tag color="purple">已研讨</Tag>}
                  </span>
                  {item.progress?.finishedAt && <Typography.Text type="secondary">读完于 {formatDateTime(item.progress.finishedAt)}</Typography.Text>}
                  {item.progress?.note && <Typography.Text type="secondary">笔记：{item.progress.note}</Typography.Text>}
                </Space>
              </List.Item>
            )}
          />
        </div>
      ))}
      <Modal
        open={editing !== null}
        title={editing ? `${editing.status === 'finished' ? '标记读完' : '标记在读'}：${editing.item.title}` : ''}
        okText="保存"
        cancelText="取消"
        confirmLoading={put.isPending}
        onOk={save}
        onCancel={() => setEditing(null)}
      >
        <Input.TextArea
          rows={4}
          maxLength={2000}
          placeholder="学习笔记（选填）"
          value={editing?.note ?? ''}
          onChange={(e) => setEditing((prev) => (prev ? { ...prev, note: e.target.value } : prev))}
        />
      </Modal>
    </PageState>
  );
}
