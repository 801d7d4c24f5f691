import { Table, Tag } from 'antd';
import type { Schemas } from '../api/client';
import { formatDateTime } from '../common/org-time';
import { WarningTag } from '../reflections/WarningTag';
import { ITEM_STATUS } from './labels';

type Item = Schemas['ItemDto'];

/** Talk follow-ups (跟踪问效) with their deadline and 三色预警. */
export function FollowUpTable({ items, showOwner }: { items: Item[]; showOwner?: boolean }) {
  return (
    <Table<Item>
      rowKey="id"
      size="small"
      scroll={{ x: 560 }}
      pagination={false}
      locale={{ emptyText: '暂无跟踪事项' }}
      dataSource={items}
      columns={[
        { title: '事项', dataIndex: 'title' },
        ...(showOwner ? [{ title: '责任人', dataIndex: 'ownerName' }] : []),
        { title: '督办人', dataIndex: 'supervisorName' },
        { title: '时限', dataIndex: 'dueAt', render: (d: string) => formatDateTime(d) },
        { title: '状态', dataIndex: 'status', render: (s: Item['status']) => <Tag color={ITEM_STATUS[s].color}>{ITEM_STATUS[s].label}</Tag> },
        { title: '预警', render: (_, i) => (i.status === 'closed' ? (i.late ? <Tag color="red">逾期办结</Tag> : <Tag color="green">按期办结</Tag>) : <WarningTag warning={i.warning} dueAt={i.dueAt} />) },
      ]}
    />
  );
}
