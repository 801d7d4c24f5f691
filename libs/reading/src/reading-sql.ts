/**
 * SQL fragments for reading lists. Visibility follows sessions: an organisation-wide list (unit_id
 * null) is visible to everyone; a unit's list to the people of that unit's subtree, to organisers
 * managing the unit (an organiser of an ancestor unit), and to auditors and admins.
 */

/** True when the person in row `u` (users) can see the list in row `rl` (reading_lists). */
export const listVisibleToPerson = (rl = 'rl', u = 'u') => `(
  ${rl}.unit_id IS NULL OR EXISTS (
    SELECT 1 FROM units lu, units pu
     WHERE lu.id = ${rl}.unit_id AND pu.id = ${u}.unit_id
       AND (pu.path LIKE lu.path || '%' OR (${u}.role = 'organiser' AND lu.path LIKE pu.path || '%'))
  ) OR ${u}.role IN ('admin', 'auditor'))`;

/**
 * True when `rl` is visible given the caller's visible unit ids, bound as a uuid[] parameter that is
 * NULL for callers who read everything (see AccessPolicy.visibleUnitIds).
 */
export const listVisibleToUnits = (param: string, rl = 'rl') =>
  `(${rl}.unit_id IS NULL OR ${param}::uuid[] IS NULL OR ${rl}.unit_id = ANY(${param}::uuid[]))`;

/** PostgreSQL unique_violation. */
export const isUniqueViolation = (err: unknown): boolean => (err as { driverError?: { code?: string }; code?: string })?.driverError?.code === '23505';
