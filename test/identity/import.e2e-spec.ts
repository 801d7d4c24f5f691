import type { Seed } from '../support/seed';
import { seededApp } from '../support/seeded-app';

/** POST /users/import: bad lines reported by line number, good lines created, existing usernames skipped. */
describe('CSV user import (e2e)', () => {
  const app = seededApp();

  const post = (csv: string, caller: Parameters<Seed['auth']>[0] = 'admin') =>
    app.t.http().post('/api/v1/users/import').set('Authorization', app.seed.auth(caller)).set('Content-Type', 'text/csv').send(csv);

  it('creates the good lines, skips existing usernames and reports each bad line with its number', async () => {
    const csv = [
      'username,displayName,role,unit,password', // line 1
      'wangqiang,王强,member,第一党支部,import-password-1', // 2 good (unit by name)
      `lihong,李红,organiser,${app.seed.units.branchB},import-password-2`, // 3 good (unit by id)
      'membera,已存在,member,第一党支部,import-password-3', // 4 existing → skipped
      'badrole,坏角色,king,第一党支部,import-password-4', // 5 bad role
      'nounit,无单位,member,不存在的支部,import-password-5', // 6 unknown unit
      'shortpw,短密码,member,第一党支部,short', // 7 short password
      'bad name,空格,member,第一党支部,import-password-7', // 8 bad username
      'WangQiang,重复,member,第一党支部,import-password-8', // 9 duplicate within the file → skipped
      '', // 10 empty → ignored
      'zhaomin,赵敏,member,第一党小组,import-password-9', // 11 good
    ].join('\n');
    const res = await post(csv).expect(200);
    expect(res.body.created).toBe(3);
    expect(res.body.skipped).toBe(2);
    expect(res.body.errors.map((e: { line: number }) => e.line)).toEqual([5, 6, 7, 8]);
    expect(res.body.errors[0].message).toMatch(/role/);
    expect(res.body.errors[1].message).toMatch(/不存在的支部/);
    expect(res.body.errors[2].message).toMatch(/password/);
    expect(res.body.errors[3].message).toMatch(/username/);

    const users = await app.t.db.query(`SELECT username, role, unit_id FROM users WHERE username IN ('wangqiang', 'lihong', 'zhaomin', 'badrole') ORDER BY username`);
    expect(users).toEqual([
      { username: 'lihong', role: 'organiser', unit_id: app.seed.units.branchB },
      { username: 'wangqiang', role: 'member', unit_id: app.seed.units.branchA },
      { username: 'zhaomin', role: 'member', unit_id: app.seed.units.groupA1 },
    ]);
    await app.t.http().post('/api/v1/auth/login').send({ username: 'wangqiang', password: 'import-password-1' }).expect(200);
    // the existing user was left alone
    const [membera] = await app.t.db.query(`SELECT display_name FROM users WHERE username = 'membera'`);
    expect(membera.display_name).toBe('党员甲');
  });

  it('is idempotent: the same file again creates nothing and skips every good line', async () => {
    const csv = 'username,displayName,role,unit,password\nagain1,再次,member,第二党支部,import-password-1\n';
    expect((await post(csv).expect(200)).body).toEqual({ created: 1, skipped: 0, errors: [] });
    expect((await post(csv).expect(200)).body).toEqual({ created: 0, skipped: 1, errors: [] });
  });

  it('accepts a BOM and quoted fields with commas', async () => {
    const csv = '\uFEFFusername,displayName,role,unit,password\r\nquoted,"张,三",member,第二党支部,"pass,word-123"\r\n';
    expect((await post(csv).expect(200)).body).toEqual({ created: 1, skipped: 0, errors: [] });
    await app.t.http().post('/api/v1/auth/login').send({ username: 'quoted', password: 'pass,word-123' }).expect(200);
  });

  it('refuses a file without the required header, a JSON body, and non-admins', async () => {
    const noHeader = await post('name,role\nx,member\n').expect(400);
    expect(noHeader.body.message).toMatch(/missing: username/);
    await app.t.http().post('/api/v1/users/import').set('Authorization', app.seed.auth('admin')).send({ csv: 'x' }).expect(400);
    for (const caller of ['auditor', 'organiserA', 'memberA'] as const) await post('username,displayName,role,unit,password\n', caller).expect(403);
    await app.t.http().post('/api/v1/users/import').set('Content-Type', 'text/csv').send('x').expect(401);
  });
});
