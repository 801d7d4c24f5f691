import { Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Typography } from 'antd';
import { LockOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Suspense, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { PageState } from '../common/PageState';
import { useLogout, useMe } from '../identity/identity.queries';
import { hasRole, ROLE_LABELS } from '../identity/roles';
import { NotificationBell } from '../notifications/NotificationBell';
import { MENU } from './menu';

/** Header with the role's menu (a drawer on phones), the notification bell and the account menu. */
export function AppLayout() {
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const [drawer, setDrawer] = useState(false);
  const wide = screens.md ?? true;
  const entries = MENU.filter((m) => hasRole(me.data?.role, m.roles));
  const selected = entries
    .map((m) => m.path)
    .filter((p) => (p === '/' ? location.pathname === '/' : location.pathname.startsWith(p)))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);
  const items = entries.map((m) => ({ key: m.path, icon: m.icon, label: m.label }));
  const go = ({ key }: { key: string }) => {
    setDrawer(false);
    navigate(key);
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 12, padding: wide ? '0 24px' : '0 12px', background: '#b71c1c' }}>
        {!wide && <Button type="text" aria-label="菜单" icon={<MenuOutlined style={{ color: '#fff' }} />} onClick={() => setDrawer(true)} />}
        <Typography.Text strong style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap', cursor: 'pointer' }} onClick={() => navigate('/')}>
          清风
        </Typography.Text>
        {wide ? (
          <Menu
            theme="dark"
            mode="horizontal"
            selectedKeys={selected}
            items={items}
            onClick={go}
            style={{ flex: 1, minWidth: 0, background: 'transparent' }}
          />
        ) : (
          <div style={{ flex: 1 }} />
        )}
        <Space size="middle">
          <NotificationBell />
          <Dropdown
            menu={{
              items: [
                { key: 'role', label: me.data ? `${me.data.displayName}（${ROLE_LABELS[me.data.role]}）` : '', disabled: true },
                { key: '/password', icon: <LockOutlined />, label: '修改密码' },
                { key: 'logout', icon: <LogoutOutlined />, label: '退出登录' },
              ],
              onClick: ({ key }) => {
                if (key === 'logout') {
                  logout();
                  navigate('/login', { replace: true });
                } else navigate(key);
              },
            }}
          >
            <Button type="text" aria-label="账号" data-testid="account-menu" icon={<UserOutlined style={{ color: '#fff' }} />}>
              {wide && <span style={{ color: '#fff' }}>{me.data?.displayName}</span>}
            </Button>
          </Dropdown>
        </Space>
      </Layout.Header>
      <Drawer open={drawer} onClose={() => setDrawer(false)} placement="left" width={240} title="清风" styles={{ body: { padding: 0 } }}>
        <Menu mode="inline" selectedKeys={selected} items={items} onClick={go} />
      </Drawer>
      <Layout.Content style={{ padding: wide ? 24 : 12, maxWidth: 1200, width: '100%', margin: '0 auto' }}>
        <Suspense fallback={<PageState loading error={null}>{null}</PageState>}>
          <Outlet />
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}
