import { Drawer, Menu } from 'antd';
import type { MenuEntry } from './menu';
import { groupEntries } from './menu-groups';
import { MENU_ICONS } from './menu-icons';

/** The navigation drawer, every entry under its group's title; loaded on the first tap on 菜单 (antd Drawer and Menu stay off the first page). */
export default function NavDrawer({
  open,
  onClose,
  entries,
  selected,
  go,
}: {
  open: boolean;
  onClose: () => void;
  entries: MenuEntry[];
  selected: string[];
  go: (info: { key: string }) => void;
}) {
  const item = (m: MenuEntry) => ({ key: m.path, label: m.label, icon: MENU_ICONS[m.path] });
  const items = groupEntries(entries).map((g) => ('entry' in g ? item(g.entry) : { type: 'group' as const, key: g.group, label: g.group, children: g.entries.map(item) }));
  return (
    <Drawer open={open} onClose={onClose} placement="left" width={240} title="清风" styles={{ body: { padding: 0 } }}>
      <Menu mode="inline" selectedKeys={selected} items={items} onClick={go} />
    </Drawer>
  );
}
