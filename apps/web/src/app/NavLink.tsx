import type { CSSProperties } from 'react';
import { Link } from 'react-router';
import type { MenuEntry } from './menu';

/** How an entry or a group looks in the header: white on red, the current one darker and underlined. */
export const navStyle = (current: boolean): CSSProperties => ({
  display: 'inline-flex',
  alignItems: 'center',
  padding: '0 16px',
  whiteSpace: 'nowrap',
  color: '#fff',
  opacity: current ? 1 : 0.8,
  background: current ? 'rgba(0, 0, 0, 0.18)' : 'none',
  boxShadow: current ? 'inset 0 -3px 0 #fff' : undefined,
});

/** A plain link of the header (not antd Menu, which would add ~25 KiB to the first page). */
export function NavLink({ entry, current }: { entry: MenuEntry; current: boolean }) {
  return (
    <Link to={entry.path} aria-current={current ? 'page' : undefined} style={navStyle(current)}>
      {entry.label}
    </Link>
  );
}
