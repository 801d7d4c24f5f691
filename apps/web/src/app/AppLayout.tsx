import { Button, Grid, Layout } from 'antd';
import { MenuOutlined, UserOutlined } from '@ant-design/icons';
import { lazy, Suspense, useLayoutEffect, useRef, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { PageState } from '../common/PageState';
import { useLogout, useMe } from '../identity/identity.queries';
import { hasRole, ROLE_LABELS } from '../identity/roles';
import { NotificationBell } from '../notifications/NotificationBell';
import { MENU } from './menu';
import { NavLink } from './NavLink';

// Loaded on first use: the member's first page (login, then home) stays within its JavaScript budget.
const NavDrawer = lazy(() => import('./NavDrawer'));
const AccountMenu = lazy(() => import('./AccountMenu'));
const NavGroups = lazy(() => import('./NavGroups'));

/**
 * Header with the role's menu (on a desktop its links, or its groups as dropdowns when the links do not
 * fit in a row; a drawer with every entry), the notification bell and the account menu.
 */
export function AppLayout() {
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const [drawer, setDrawer] = useState(false);
  const [drawerUsed, setDrawerUsed] = useState(false);
  const [accountUsed, setAccountUsed] = useState(false);
  const wide = screens.md ?? true;
  const entries = MENU.filter((m) => hasRole(me.data?.role, m.roles));
  const selected = entries
    .map((m) => m.path)
    .filter((p) => (p === '/' ? location.pathname === '/' : location.pathname.startsWith(p)))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);
  // The links are laid out in a row first; when they need more room than the header has, its groups
  // become dropdowns (an organiser's or admin's two dozen entries; a member's ten fit a desktop).
  const nav = useRef<HTMLElement>(null);
  const signature = entries.map((m) => m.path).join();
  const [needed, setNeeded] = useState<{ signature: string; width: number }>();
  const [room, setRoom] = useState(0);
  const measured = needed?.signature === signature;
  useLayoutEffect(() => {
    const el = nav.current;
    if (!el) return;
    // The links' own widths (scrollWidth would be the nav's width whenever they fit).
    if (!measured) setNeeded({ signature, width: [...el.children].reduce((sum, link) => sum + link.getBoundingClientRect().width, 0) });
    setRoom(el.clientWidth);
    const resized = new ResizeObserver(() => setRoom(el.clientWidth));
    resized.observe(el);
    return () => resized.disconnect();
  }, [signature, measured, wide]);
  const grouped = measured && needed.width > room;
  const links = entries.map((m) => <NavLink key={m.path} entry={m} current={selected.includes(m.path)} />);
  const go = ({ key }: { key: string }) => {
    setDrawer(false);
    navigate(key);
  };
  const openDrawer = () => {
    setDrawerUsed(true);
    setDrawer(true);
  };
  const onAccount = (key: string) => {
    if (key === 'logout') {
      logout();
      navigate('/login', { replace: true });
    } else navigate(key);
  };
  const accountButton = (
    <Button
      type="text"
      aria-label="账号"
      data-testid="account-menu"
      icon={<UserOutlined style={{ color: '#fff' }} />}
      onClick={() => setAccountUsed(true)}
      onMouseEnter={() => setAccountUsed(true)}
    >
      {wide && <span style={{ color: '#fff' }}>{me.data?.displayName}</span>}
    </Button>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 12, padding: wide ? '0 24px' : '0 12px', background: '#b71c1c' }}>
        {/* The drawer lists every entry, also on a desktop, where an organiser's links outgrow the header. */}
        <Button type="text" aria-label="菜单" icon={<MenuOutlined style={{ color: '#fff' }} />} onClick={openDrawer} />
        <span style={{ color: '#fff', fontWeight: 600, fontSize: 18, whiteSpace: 'nowrap', cursor: 'pointer' }} onClick={() => navigate('/')}>
          清风
        </span>
        {wide ? (
          // Plain text links, not antd Menu (Menu, Overflow, Trigger and the icons would add ~25 KiB to the first page).
          <nav ref={nav} aria-label="主菜单" style={{ flex: 1, minWidth: 0, display: 'flex', alignSelf: 'stretch', overflowX: 'auto', scrollbarWidth: 'none' }}>
            {grouped ? (
              // Nothing while its chunk loads (a moment, once): the links in a row would overflow.
              <Suspense fallback={null}>
                <NavGroups entries={entries} selected={selected} go={navigate} />
              </Suspense>
            ) : (
              links
            )}
          </nav>
        ) : (
          <div style={{ flex: 1 }} />
        )}
        <span style={{ display: 'inline-flex', alignItems: 'center', gap: 16 }}>
          <NotificationBell />
          {accountUsed ? (
            <Suspense fallback={accountButton}>
              <AccountMenu who={me.data ? `${me.data.displayName}（${ROLE_LABELS[me.data.role]}）` : ''} onSelect={onAccount}>
                {accountButton}
              </AccountMenu>
            </Suspense>
          ) : (
            accountButton
          )}
        </span>
      </Layout.Header>
      {drawerUsed && (
        <Suspense fallback={null}>
          <NavDrawer open={drawer} onClose={() => setDrawer(false)} entries={entries} selected={selected} go={go} />
        </Suspense>
      )}
      <Layout.Content style={{ padding: wide ? 24 : 12, maxWidth: 1200, width: '100%', margin: '0 auto' }}>
        <Suspense fallback={<PageState loading error={null}>{null}</PageState>}>
          <Outlet />
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}
