import { Alert, App, Button, Card, Form, Input, Modal, Result, Select, Space, Switch, Table, Tabs, Tag, Tree, TreeSelect, Typography, Upload } from 'antd';
import { DashboardOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import type { Schemas } from '../api/client';
import { errorText } from '../api/client';
import { PageState } from '../common/PageState';
import { unitNames, unitTree } from '../common/unit-tree';
import { useMe } from '../identity/identity.queries';
import { ROLE_LABELS, type Role } from '../identity/roles';
import { useUnits } from '../sessions/sessions.queries';
import { useCreateUnit, useCreateUser, useImportUsers, useResetPassword, useUpdateUser, useUsers, type UserQuery } from './admin.queries';

type User = Schemas['UserDto'];
const ROLE_OPTIONS = (Object.keys(ROLE_LABELS) as Role[]).map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** Admin: units as a tree, users, CSV import, and the queue monitor (Bull Board). */
export default function SystemPage() {
  return (
    <Card
      size="small"
      title="系统管理"
      extra={
        // Bull Board is served by the api at /admin/queues; the browser sends the `qf_token` cookie
        // (set at login, path /admin) that the api accepts there for admins.
        <a href="/admin/queues" target="_blank" rel="noreferrer">
          <Button icon={<DashboardOutlined />}>队列监控</Button>
        </a>
      }
    >
      <Tabs
        items={[
          { key: 'units', label: '单位', children: <UnitsTab /> },
          { key: 'users', label: '用户', children: <UsersTab /> },
          { key: 'import', label: '批量导入', children: <ImportTab /> },
        ]}
      />
    </Card>
  );
}

function UnitsTab() {
  const units = useUnits();
  const create = useCreateUnit();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; parentId?: string }>();
  const [selected, setSelected] = useState<string | undefined>();
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <PageState loading={units.isPending} error={units.error}>
        <Tree
          data-testid="unit-tree"
          showLine
          defaultExpandAll
          selectedKeys={selected ? [selected] : []}
          onSelect={(keys) => {
            const id = keys[0] as string | undefined;
            setSelected(id);
            form.setFieldValue('parentId', id);
          }}
          treeData={unitTree(units.data ?? [])}
        />
      </PageState>
      <Form
        form={form}
        layout="inline"
        style={{ rowGap: 8 }}
        onFinish={(v) =>
          create.mutate(
            { name: v.name.trim(), parentId: v.parentId || undefined },
            {
              onSuccess: (u) => {
                message.success(`已新建「${u.name}」`);
                form.resetFields(['name']);
              },
              onError: (e) => message.error(errorText(e)),
            },
          )
        }
      >
        <Form.Item name="parentId">
          <TreeSelect allowClear placeholder="上级单位（不选为顶级）" treeDefaultExpandAll style={{ width: 220 }} treeData={unitTree(units.data ?? [])} />
        </Form.Item>
        <Form.Item name="name" rules={[{ required: true, whitespace: true, message: '请填写单位名称' }]}>
          <Input placeholder="单位名称" maxLength={200} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={create.isPending}>
            新建单位
          </Button>
        </Form.Item>
      </Form>
    </Space>
  );
}

function UsersTab() {
  const [query, setQuery] = useState<UserQuery>({});
  const users = useUsers(query);
  const units = useUnits();
  const update = useUpdateUser();
  const me = useMe();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  const names = unitNames(units.data);
  const tree = unitTree(units.data ?? []);
  // A row's unit and role are edited in place: small selects named for the person.
  const cellOf = (u: User, what: string, width: number) => ({ size: 'small' as const, 'aria-label': `${u.displayName}的${what}`, style: { width } });
  const patch = (id: string, body: Schemas['UpdateUserDto'], done: string) =>
    update.mutate({ id, ...body }, { onSuccess: () => message.success(done), onError: (e) => message.error(errorText(e)) });

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search allowClear placeholder="姓名或用户名" onSearch={(q) => setQuery((x) => ({ ...x, q: q || undefined }))} style={{ width: 180 }} />
        <TreeSelect allowClear placeholder="单位" treeDefaultExpandAll style={{ width: 180 }} treeData={tree} value={query.unitId} onChange={(unitId) => setQuery((x) => ({ ...x, unitId }))} />
        <Select allowClear placeholder="角色" style={{ width: 120 }} options={ROLE_OPTIONS} value={query.role} onChange={(role) => setQuery((x) => ({ ...x, role }))} />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          新建用户
        </Button>
      </Space>
      <PageState loading={users.isPending} error={users.error}>
        <Table<User>
          rowKey="id"
          size="small"
          scroll={{ x: 720 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          dataSource={users.data?.items ?? []}
          columns={[
            { title: '姓名', dataIndex: 'displayName', fixed: 'left' },
            { title: '用户名', dataIndex: 'username' },
            {
              title: '单位',
              dataIndex: 'unitId',
              render: (unitId: string, u) => (
                <TreeSelect
                  {...cellOf(u, '单位', 160)}
                  treeDefaultExpandAll
                  treeData={tree}
                  value={unitId}
                  onChange={(v) => v !== unitId && patch(u.id, { unitId: v }, `已将 ${u.displayName} 调至${names.get(v) ?? ''}`)}
                />
              ),
            },
            {
              title: '角色',
              dataIndex: 'role',
              render: (role: Role, u) => (
                <Select
                  {...cellOf(u, '角色', 120)}
                  value={role}
                  options={ROLE_OPTIONS}
                  disabled={u.id === me.data?.id}
                  onChange={(r) => patch(u.id, { role: r }, `已将 ${u.displayName} 设为${ROLE_LABELS[r]}`)}
                />
              ),
            },
            {
              title: '状态',
              dataIndex: 'active',
              render: (active: boolean, u) => (
                <Space>
                  <Switch
                    size="small"
                    checked={active}
                    disabled={u.id === me.data?.id}
                    aria-label={active ? `停用 ${u.displayName}` : `启用 ${u.displayName}`}
                    onChange={(on) => patch(u.id, { active: on }, on ? `已启用 ${u.displayName}` : `已停用 ${u.displayName}`)}
                  />
                  {active ? <Tag color="green">在用</Tag> : <Tag>已停用</Tag>}
                </Space>
              ),
            },
            {
              title: '密码',
              render: (_, u) =>
                u.id === me.data?.id ? null : (
                  <Button size="small" onClick={() => setResetting(u)}>
                    重置密码
                  </Button>
                ),
            },
          ]}
        />
      </PageState>
      <CreateUserModal open={creating} onClose={() => setCreating(false)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </Space>
  );
}

function CreateUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Schemas['CreateUserDto']>();
  const units = useUnits();
  const create = useCreateUser();
  const { message } = App.useApp();
  return (
    <Modal open={open} title="新建用户" okText="创建" cancelText="取消" confirmLoading={create.isPending} onOk={() => form.submit()} onCancel={onClose}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ role: 'member' }}
        onFinish={(v) =>
          create.mutate(v, {
            onSuccess: (u) => {
              message.success(`已创建 ${u.displayName}`);
              form.resetFields();
              onClose();
            },
            onError: (e) => message.error(errorText(e)),
          })
        }
      >
        <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请填写用户名' }]}>
          <Input autoComplete="off" maxLength={64} />
        </Form.Item>
        <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label="初始密码" name="password" rules={[{ required: true, min: 10, message: '初始密码至少 10 位' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item label="角色" name="role" rules={[{ required: true }]}>
          <Select options={ROLE_OPTIONS} />
        </Form.Item>
        <Form.Item label="单位" name="unitId" rules={[{ required: true, message: '请选择单位' }]}>
          <TreeSelect treeDefaultExpandAll treeData={unitTree(units.data ?? [])} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const [form] = Form.useForm<{ newPassword: string }>();
  const reset = useResetPassword();
  const { message } = App.useApp();
  return (
    <Modal open={Boolean(user)} title={`重置 ${user?.displayName ?? ''} 的密码`} okText="重置" cancelText="取消" confirmLoading={reset.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">重置后该用户的登录全部失效，下次登录须先修改密码。</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        clearOnDestroy
        onFinish={(v) =>
          reset.mutate(
            { id: user!.id, newPassword: v.newPassword },
            {
              onSuccess: () => {
                message.success('密码已重置');
                onClose();
              },
              onError: (e) => message.error(errorText(e)),
            },
          )
        }
      >
        <Form.Item label="临时密码" name="newPassword" rules={[{ required: true, min: 10, message: '至少 10 位' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const SAMPLE = 'username,displayName,role,unit,password\nzhangsan,张三,member,第一党支部,initial-pass-2026';

function ImportTab() {
  const [csv, setCsv] = useState('');
  const importUsers = useImportUsers();
  const result = importUsers.data;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        CSV 表头：<Typography.Text code>username,displayName,role,unit,password</Typography.Text>；unit 填单位 ID 或完整名称；role 为 member / organiser / auditor / admin。已存在的用户名跳过，错误行不影响其他行。
      </Typography.Paragraph>
      <Upload
        accept=".csv,text/csv"
        showUploadList={false}
        beforeUpload={(file) => {
          void file.text().then(setCsv);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />}>选择 CSV 文件</Button>
      </Upload>
      <Input.TextArea aria-label="CSV 内容" value={csv} onChange={(e) => setCsv(e.target.value)} placeholder={SAMPLE} autoSize={{ minRows: 5, maxRows: 14 }} style={{ fontFamily: 'monospace' }} />
      <Button type="primary" disabled={!csv.trim()} loading={importUsers.isPending} onClick={() => importUsers.mutate(csv.replace(/^\uFEFF/, ''))}>
        导入
      </Button>
      {importUsers.error && <Alert type="error" showIcon message="导入失败" description={errorText(importUsers.error)} />}
      {result && (
        <div data-testid="import-result">
          <Result
            style={{ padding: 8 }}
            status={result.errors.length ? 'warning' : 'success'}
            title={`新建 ${result.created} 人，跳过 ${result.skipped} 人（已存在）${result.errors.length ? `，${result.errors.length} 行有错误` : ''}`}
          />
          {result.errors.length > 0 && (
            <Table
              size="small"
              rowKey={(e) => `${e.line}:${e.message}`}
              pagination={false}
              dataSource={result.errors}
              columns={[
                { title: '行号', dataIndex: 'line', width: 70 },
                { title: '错误', dataIndex: 'message' },
              ]}
            />
          )}
        </div>
      )}
    </Space>
  );
}
