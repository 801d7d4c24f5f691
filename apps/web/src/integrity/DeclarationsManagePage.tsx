import { Card, Segmented, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Schemas } from '../api/client';
import { formatDateTime } from '../common/org-time';
import { PageState } from '../common/PageState';
import { useDeclarations } from './declarations.queries';
import { DeclarationStatus, scale } from './DeclarationStatus';
import { DECLARATION_KIND } from './labels';

type Declaration = Schemas['DeclarationDto'];
type Filter = 'pending' | 'done' | 'all';

/** Organisers: their units' people's declarations, unacknowledged first, to acknowledge one by one; inspectors read everyone's. */
export default function DeclarationsManagePage() {
  const [filter, setFilter] = useState<Filter>('pending');
  const declarations = useDeclarations(filter === 'all' ? undefined : filter === 'pending');
  return (
    <Card
      title="婚丧喜庆事宜报备"
      extra={
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'pending', label: '待确认' },
            { value: 'done', label: '已确认' },
            { value: 'all', label: '全部' },
          ]}
        />
      }
    >
      <PageState loading={declarations.isPending} error={declarations.error}>
        <Table<Declaration>
          rowKey="id"
          size="small"
          scroll={{ x: 640 }}
          pagination={false}
          locale={{ emptyText: '暂无报备' }}
          dataSource={declarations.data?.items ?? []}
          columns={[
            { title: '报备人', dataIndex: 'displayName', render: (n: string, d) => <Link to={`/declarations/${d.id}`}>{n}</Link> },
            { title: '事项', dataIndex: 'kind', render: (k: Declaration['kind']) => DECLARATION_KIND[k] },
            { title: '日期', dataIndex: 'eventDate' },
            { title: '地点', dataIndex: 'place' },
            { title: '规模', render: (_, d) => scale(d) },
            { title: '报备时间', dataIndex: 'createdAt', render: (t: string) => formatDateTime(t) },
            { title: '状态', render: (_, d) => <DeclarationStatus declaration={d} /> },
          ]}
        />
      </PageState>
    </Card>
  );
}
