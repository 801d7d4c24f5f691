import type { EntityManager } from 'typeorm';
import type { NewReadingList } from './reading-list.views';

const NO_UNIT = `'00000000-0000-0000-0000-000000000000'::uuid`;

/**
 * Inserts a list and its items (positions 1…n in the order given) in two statements. Idempotent:
 * a list of the same year, scope and title is never duplicated — `created` is false and the
 * existing list's id is returned (its items are completed, never changed).
 */
export async function insertReadingList(
  em: EntityManager,
  list: NewReadingList,
  createdBy: string | null,
): Promise<{ id: string; created: boolean }> {
  const inserted: { id: string }[] = await em.query(
    `INSERT INTO reading_lists (year, title, unit_id, created_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (year, coalesce(unit_id, ${NO_UNIT}), title) DO NOTHING
     RETURNING id`,
    [list.year, list.title, list.unitId ?? null, createdBy],
  );
  if (inserted.length === 0) {
    const [existing] = await em.query(
      `SELECT id FROM reading_lists WHERE year = $1 AND coalesce(unit_id, ${NO_UNIT}) = coalesce($2::uuid, ${NO_UNIT}) AND title = $3`,
      [list.year, list.unitId ?? null, list.title],
    );
    return { id: existing.id, created: false };
  }
  const id = inserted[0].id;
  await em.query(
    `INSERT INTO reading_items (list_id, position, title, category, material_url, required)
     SELECT $1, e.ord, e.title, e.category, e.material_url, e.required
       FROM unnest($2::text[], $3::text[], $4::text[], $5::boolean[]) WITH ORDINALITY AS e(title, category, material_url, required, ord)
     ON CONFLICT (list_id, position) DO NOTHING`,
    [
      id,
      list.items.map((i) => i.title),
      list.items.map((i) => i.category),
      list.items.map((i) => i.materialUrl ?? null),
      list.items.map((i) => i.required ?? true),
    ],
  );
  return { id, created: true };
}
