import type { DemoLogin } from '@qf/demo';

/** The demo logins worth trying: the auditor, every organiser and one member per unit. */
export function printLogins(logins: DemoLogin[], admin?: { username: string; password: string; note?: string }): void {
  const seenUnits = new Set<string>();
  const shown = logins.filter((l) => {
    if (l.role !== 'member') return true;
    if (seenUnits.has(l.unit)) return false;
    seenUnits.add(l.unit);
    return true;
  });
  const rows = [
    ...(admin ? [{ username: admin.username, password: admin.password, role: 'admin', unit: admin.note ?? '(root unit)' }] : []),
    ...shown,
  ];
  const width = (k: 'username' | 'password' | 'role') => Math.max(k.length, ...rows.map((r) => r[k].length));
  const line = (u: string, p: string, r: string, unit: string) =>
    `    ${u.padEnd(width('username'))}  ${p.padEnd(width('password'))}  ${r.padEnd(width('role'))}  ${unit}`;
  console.log(line('username', 'password', 'role', 'unit'));
  for (const r of rows) console.log(line(r.username, r.password, r.role, r.unit));
  if (logins.length > shown.length) {
    console.log(`    … and ${logins.length - shown.length} more members, same password (GET /api/v1/users lists them)`);
  }
}
