import { Drawer, Menu } from 'antd';
import { MENU_ICONS } from './menu-icons';

/** The phone's navigation drawer; loaded on the first tap on 菜单 (antd Drawer and Menu stay off the first page). */
export default function NavDrawer({
  open,
  onClose,
  items,
  selected,
  go,
}: {
  open: boolean;
  onClose: () => void;
  items: { key: string; label: string }[];
  selected: string[];
  go: (info: { key: string }) => void;
}) {
  return (
    <Drawer open={open} onClose={onClose} placement="left" width={240} title="清风" styles={{ body: { padding: 0 } }}>
      <Menu mode="inline" selectedKeys={selected} items={items.map((m) => ({ ...m, icon: MENU_ICONS[m.key] }))} onClick={go} />
    </Drawer>
  );
}
