import { Dropdown, type MenuProps } from 'antd';
import { useState, type ReactNode } from 'react';

/**
 * A dropdown of the header (a group of menu entries, the account menu). Loaded when its button is
 * first hovered or tapped, so antd Dropdown (and its Menu and Trigger) stays off the first page; it
 * opens at once because that hover or tap is what loaded it.
 */
export default function HeaderDropdown({
  items,
  selected,
  onSelect,
  children,
}: {
  items: NonNullable<MenuProps['items']>;
  selected?: string[];
  onSelect: (key: string) => void;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(true);
  return (
    <Dropdown
      open={open}
      onOpenChange={setOpen}
      menu={{
        items,
        selectable: Boolean(selected),
        selectedKeys: selected,
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
