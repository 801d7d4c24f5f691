import { bound, empty, raw, Sql, sql } from '@qf/database';

/**
 * SQL fragments over the unit tree (materialised `path`), each rule written once. The text forms take
 * the SQL text of a unit id expression (a column such as `u.id`, or a placeholder); the `sql`-tag forms
 * below bind the unit id as a value (`bound`).
 */
export const subtreeUnitIds = (unitId: string) =>
  `SELECT id FROM units WHERE path LIKE (SELECT path FROM units WHERE id = ${unitId}) || '%'`;

export const ancestorOrSelfUnitIds = (unitId: string) =>
  `SELECT id FROM units WHERE (SELECT path FROM units WHERE id = ${unitId}) LIKE path || '%'`;

/** Who counts as one of a unit's people (`u`: users): active members and organisers. */
const PERSON_OF_UNIT = `u.active AND u.role IN ('member', 'organiser')`;
export const PERSON_OF_UNIT_SQL = raw(PERSON_OF_UNIT);

/** A unit's people: active members and organisers of the unit or a descendant. */
export const peopleOfUnit = (unitId: string) =>
  `SELECT u.id FROM users u JOIN units un ON un.id = u.unit_id
    WHERE ${PERSON_OF_UNIT}
      AND un.path LIKE (SELECT path FROM units WHERE id = ${unitId}) || '%'`;

/** Who may decide matters of a unit's people: active organisers of the unit or an ancestor unit. */
export const organisersOverUnit = (unitId: string) =>
  `SELECT u.id FROM users u WHERE u.active AND u.role = 'organiser' AND u.unit_id IN (${ancestorOrSelfUnitIds(unitId)})`;

/** `subtreeUnitIds` with the unit id bound as a value. */
export const unitSubtree = (unitId: unknown): Sql => bound(subtreeUnitIds, unitId);

/** `peopleOfUnit` with the unit id bound as a value (or a nested fragment). */
export const peopleOfUnitSql = (unitId: unknown): Sql => bound(peopleOfUnit, unitId);

/**
 * The one definition of "people" for sets of units: active members and organisers of the units
 * `unitIds` (an SQL uuid[] expression: a bound array or a column) or their descendants, and of the
 * people named in `userIds` (likewise), as rows `(id, display_name, unit_id, unit_path)`.
 */
export const peopleOfUnitsSql = (unitIds: Sql, userIds?: Sql): Sql => sql`SELECT u.id, u.display_name, u.unit_id, un.path AS unit_path
      FROM users u JOIN units un ON un.id = u.unit_id
     WHERE ${PERSON_OF_UNIT_SQL}
       AND (${userIds ? sql`u.id = ANY(${userIds}) OR ` : empty}EXISTS (SELECT 1 FROM units a WHERE a.id = ANY(${unitIds}) AND un.path LIKE a.path || '%'))`;
