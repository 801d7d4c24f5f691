import type { Seed, Caller } from '../support/seed';
import type { TestApp } from '../support/test-app';

export interface StudyCatalog {
  theory: string;
  history: string;
  song: string;
  integrity: string;
  other: string;
}

/** One catalog item per kind the tests need, created by the admin. */
export async function createCatalog(t: TestApp, seed: Seed): Promise<StudyCatalog> {
  const make = async (kind: string, title: string) =>
    (await t.http().post('/api/v1/catalog').set('Authorization', seed.auth('admin')).send({ title, kind }).expect(201)).body.id as string;
  return {
    theory: await make('theory', '《共产党宣言》导读'),
    history: await make('history', '红船精神的故事'),
    song: await make('song', '没有共产党就没有新中国'),
    integrity: await make('integrity', '清风正气廉洁文化'),
    other: await make('other', '时事要闻'),
  };
}

/** The standard friday_study menu: theory, history and song as main courses. */
export const standardMenu = (c: StudyCatalog, presenterId?: string) => [
  { catalogItemId: c.theory, course: 'main', presenterId },
  { catalogItemId: c.history, course: 'main' },
  { catalogItemId: c.song, course: 'main' },
  { catalogItemId: c.other, course: 'side' },
];

export async function createMenu(t: TestApp, seed: Seed, c: StudyCatalog): Promise<string> {
  const res = await t
    .http()
    .post('/api/v1/menus')
    .set('Authorization', seed.auth('admin'))
    .send({ name: '周五标准套餐', items: standardMenu(c).map(({ catalogItemId, course }) => ({ catalogItemId, course })) })
    .expect(201);
  return res.body.id;
}

let minuteOffset = 0;
/** A distinct start per call (sessions are unique per unit and start). */
export function slot(hoursFromNow: number, lengthMinutes = 90): { startsAt: string; endsAt: string } {
  const start = Date.now() + hoursFromNow * 3_600_000 + ++minuteOffset * 60_000;
  const s = new Date(Math.floor(start / 60_000) * 60_000);
  return { startsAt: s.toISOString(), endsAt: new Date(s.getTime() + lengthMinutes * 60_000).toISOString() };
}

export async function createSession(
  t: TestApp,
  seed: Seed,
  c: StudyCatalog,
  body: Record<string, unknown> = {},
  as: Caller = 'organiserA',
): Promise<Record<string, any>> {
  const res = await t
    .http()
    .post('/api/v1/sessions')
    .set('Authorization', seed.auth(as))
    .send({ unitId: seed.units.branchA, title: '集中学习会', kind: 'friday_study', ...slot(24), menu: standardMenu(c), ...body });
  if (res.status !== 201) throw new Error(`create session: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
