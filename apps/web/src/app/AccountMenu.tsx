import { Dropdown } from 'antd';
import { LockOutlined, LogoutOutlined } from '@ant-design/icons';
import { useState, type ReactNode } from 'react';

/**
 * The account dropdown (who is logged in, 修改密码, 退出登录). Loaded when the account button is first
 * hovered or tapped, so antd Dropdown (and its Menu and Trigger) stays off the first page; it opens
 * at once because that hover or tap is what loaded it.
 */
export default function AccountMenu({ who, onSelect, children }: { who: string; onSelect: (key: string) => void; children: ReactNode }) {
  const [open, setOpen] = useState(true);
  return (
    <Dropdown
      open={open}
      onOpenChange={setOpen}
      menu={{
        items: [
          { key: 'role', label: who, disabled: true },
          { key: '/password', icon: <LockOutlined />, label: '修改密码' },
          { key: 'logout', icon: <LogoutOutlined />, label: '退出登录' },
        ],
        onClick: ({ key }) => {
          setOpen(false);
          onSelect(key);
        },
      }}
    >
      {children}
    </Dropdown>
  );
}
