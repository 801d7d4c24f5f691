import { LockOutlined, LogoutOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import HeaderDropdown from './HeaderDropdown';

/** The account dropdown (who is logged in, 修改密码, 退出登录), loaded like every header dropdown on first use. */
export default function AccountMenu({ who, onSelect, children }: { who: string; onSelect: (key: string) => void; children: ReactNode }) {
  return (
    <HeaderDropdown
      items={[
        { key: 'role', label: who, disabled: true },
        { key: '/password', icon: <LockOutlined />, label: '修改密码' },
        { key: 'logout', icon: <LogoutOutlined />, label: '退出登录' },
      ]}
      onSelect={onSelect}
    >
      {children}
    </HeaderDropdown>
  );
}
