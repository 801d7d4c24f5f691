import type { Caller, Seed } from '../support/seed';
import { seedPasswordHash } from '../support/seed';
import { eventually } from '../support/wait-for-queues';
import type { TestApp } from '../support/test-app';

export { changeEvery, ESSAY_A, ESSAY_B } from '../../libs/reflections/src/essays.fixture';

const HAN = Array.from('的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严');

/** A deterministic Chinese text of exactly `n` 字 (Han characters only). */
export function hanText(n: number, seed = 1): string {
  let x = seed >>> 0 || 1;
  let out = '';
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out += HAN[(x >>> 8) % HAN.length];
  }
  return out;
}

/** `n` active members in `unitId`, inserted in one statement; returns their ids. */
export async function addPeople(t: TestApp, unitId: string, n: number, prefix: string): Promise<string[]> {
  const rows: { id: string }[] = await t.db.query(
    `INSERT INTO users (username, display_name, password_hash, role, unit_id)
     SELECT $1 || g, '成员' || g, $2, 'member', $3 FROM generate_series(1, $4) g RETURNING id`,
    [prefix, await seedPasswordHash(), unitId, n],
  );
  return rows.map((r) => r.id);
}

/** A sub-unit of `parentId`, in the seed's path scheme. */
export async function addUnit(t: TestApp, parentId: string, name: string): Promise<string> {
  const [row] = await t.db.query(
    `INSERT INTO units (id, name, parent_id, path)
     SELECT g.id, $1, p.id, p.path || g.id || '/' FROM (SELECT gen_random_uuid() AS id) g, units p WHERE p.id = $2 RETURNING id`,
    [name, parentId],
  );
  return row.id;
}

export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

export async function createAssignment(
  t: TestApp,
  seed: Seed,
  caller: Caller,
  body: Record<string, unknown>,
): Promise<string> {
  const res = await t
    .http()
    .post('/api/v1/reflections/assignments')
    .set('Authorization', seed.auth(caller))
    .send({ title: '观看警示教育片心得体会', prompt: '谈谈认识和打算', dueAt: inDays(7), ...body });
  if (res.status !== 202) throw new Error(`create assignment: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export async function waitOpen(t: TestApp, assignmentId: string, timeoutMs = 30_000): Promise<void> {
  await eventually(async () => {
    const [a] = await t.db.query(`SELECT status FROM reflection_assignments WHERE id = $1`, [assignmentId]);
    return a?.status === 'open';
  }, timeoutMs);
}

export async function taskOf(t: TestApp, assignmentId: string, userId: string): Promise<string> {
  const [row] = await t.db.query(`SELECT id FROM reflection_tasks WHERE assignment_id = $1 AND user_id = $2`, [assignmentId, userId]);
  return row?.id;
}

export async function collected(t: TestApp, taskId: string): Promise<void> {
  await eventually(async () => {
    const [row] = await t.db.query(`SELECT collected_version = submission_version AND submission_version > 0 AS ok FROM reflection_tasks WHERE id = $1`, [
      taskId,
    ]);
    return row?.ok;
  });
}
