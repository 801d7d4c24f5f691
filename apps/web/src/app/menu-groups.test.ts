import { describe, expect, it } from 'vitest';
import { hasRole, type Role } from '../identity/roles';
import { MENU } from './menu';
import { groupEntries } from './menu-groups';

const shown = (role: Role) => groupEntries(MENU.filter((m) => hasRole(role, m.roles))).map((i) => ('entry' in i ? i.entry.label : `${i.group}(${i.entries.length})`));

describe('the header’s groups', () => {
  it('keeps each group’s entries together in MENU, so that no group shows twice', () => {
    const groups = MENU.map((m) => m.group).filter((g, i, all) => g !== all[i - 1]);
    expect(new Set(groups).size).toBe(groups.length);
  });

  it('gives an admin and an organiser a handful of groups, a group of one being its own link', () => {
    expect(shown('admin')).toEqual(['首页', '学习(8)', '监督(3)', '廉政(4)', '考勤审计', '系统管理']);
    expect(shown('organiser')).toEqual(['首页', '学习(8)', '监督(3)', '廉政(7)']);
    expect(shown('auditor')).toEqual(['首页', '学习(4)', '监督(3)', '廉政(4)', '考勤审计']);
  });
});
