import { Card, Input, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Schemas } from '../api/client';
import { useUsers } from '../admin/admin.queries';
import { PageState } from '../common/PageState';
import { unitNames } from '../common/unit-tree';
import { ROLE_LABELS } from '../identity/roles';
import { useUnits } from '../sessions/sessions.queries';

/** Organisers (their units' people), auditors and admins (everyone): find a person and open their dossier. */
export default function DossierSearchPage() {
  const [q, setQ] = useState('');
  const users = useUsers({ q: q || undefined });
  const units = useUnits();
  const names = unitNames(units.data);
  const people = (users.data?.items ?? []).filter((u) => u.role === 'member' || u.role === 'organiser');
  return (
    <Card title="廉政档案查询">
      <Input.Search placeholder="输入姓名或用户名" allowClear enterButton="查询" onSearch={setQ} style={{ maxWidth: 360, marginBottom: 12 }} aria-label="查询人员" />
      <PageState loading={users.isPending} error={users.error}>
        <Table<Schemas['UserDto']>
          rowKey="id"
          size="small"
          scroll={{ x: 480 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: '没有找到人员' }}
          dataSource={people}
          columns={[
            { title: '姓名', dataIndex: 'displayName', render: (n: string, u) => <Link to={`/dossier/${u.id}`}>{n}</Link> },
            { title: '用户名', dataIndex: 'username' },
            { title: '单位', dataIndex: 'unitId', render: (id: string) => names.get(id) ?? '—' },
            { title: '身份', dataIndex: 'role', render: (r: Schemas['UserDto']['role']) => ROLE_LABELS[r] },
          ]}
        />
      </PageState>
    </Card>
  );
}
