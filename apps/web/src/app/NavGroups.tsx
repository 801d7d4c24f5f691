import { lazy, Suspense, useState } from 'react';
import type { MenuEntry, MenuGroup } from './menu';
import { groupEntries } from './menu-groups';
import { NavLink, navStyle } from './NavLink';

const HeaderDropdown = lazy(() => import('./HeaderDropdown'));

/**
 * The header's entries by group, for when its links do not fit in a row (an organiser's or admin's):
 * a group of two or more entries is one dropdown. Loaded only then, like each dropdown on first use.
 */
export default function NavGroups({ entries, selected, go }: { entries: MenuEntry[]; selected: string[]; go: (path: string) => void }) {
  return groupEntries(entries).map((item) =>
    'entry' in item ? (
      <NavLink key={item.entry.path} entry={item.entry} current={selected.includes(item.entry.path)} />
    ) : (
      <NavGroup key={item.group} label={item.group} entries={item.entries} selected={selected} go={go} />
    ),
  );
}

/** A group: a plain button until first hovered or tapped, then an antd dropdown (loaded then). */
function NavGroup({ label, entries, selected, go }: { label: MenuGroup; entries: MenuEntry[]; selected: string[]; go: (path: string) => void }) {
  const [used, setUsed] = useState(false);
  const current = entries.some((m) => selected.includes(m.path));
  const button = (
    <button
      type="button"
      aria-haspopup="menu"
      aria-current={current ? 'page' : undefined}
      onClick={() => setUsed(true)}
      onMouseEnter={() => setUsed(true)}
      style={{ ...navStyle(current), border: 0, font: 'inherit', cursor: 'pointer' }}
    >
      {label}
      <span aria-hidden> ▾</span>
    </button>
  );
  if (!used) return button;
  return (
    <Suspense fallback={button}>
      <HeaderDropdown items={entries.map((m) => ({ key: m.path, label: m.label }))} selected={selected} onSelect={go}>
        {button}
      </HeaderDropdown>
    </Suspense>
  );
}
