import type { Schemas } from '../api/client';

type Unit = Schemas['UnitDto'];

export interface UnitNode {
  value: string;
  title: string;
  key: string;
  children: UnitNode[];
}

/** The flat unit list as a tree (for antd Tree / TreeSelect), children sorted by name. */
export function unitTree(units: readonly Unit[]): UnitNode[] {
  const nodes = new Map(units.map((u) => [u.id, { value: u.id, key: u.id, title: u.name, children: [] as UnitNode[] }]));
  const roots: UnitNode[] = [];
  for (const u of units) {
    const node = nodes.get(u.id)!;
    const parent = u.parentId ? nodes.get(u.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: UnitNode[]) => {
    list.sort((a, b) => a.title.localeCompare(b.title, 'zh-CN'));
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

/** Names by id, for tables. */
export function unitNames(units: readonly Unit[] | undefined): Map<string, string> {
  return new Map((units ?? []).map((u) => [u.id, u.name]));
}
