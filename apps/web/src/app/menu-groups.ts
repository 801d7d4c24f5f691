import type { MenuEntry, MenuGroup } from './menu';

/**
 * A role's entries by group (menu.tsx keeps a group's entries together): single entries, and groups of two
 * or more. Used by the header's groups and the drawer, both loaded on demand, so not by the first page.
 */
export type NavItem = { entry: MenuEntry } | { group: MenuGroup; entries: MenuEntry[] };

export function groupEntries(entries: MenuEntry[]): NavItem[] {
  const out: NavItem[] = [];
  for (const entry of entries) {
    const last = out.at(-1);
    if (entry.group && last && 'group' in last && last.group === entry.group) last.entries.push(entry);
    else out.push(entry.group ? { group: entry.group, entries: [entry] } : { entry });
  }
  return out.map((item) => ('group' in item && item.entries.length === 1 ? { entry: item.entries[0] } : item));
}
