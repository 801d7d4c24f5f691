import { BadInputError } from '@qf/common';
import { CatalogKind, Course } from './session-kinds';

/**
 * The main-course rule (必点主菜): every required kind is covered by at least one `main` item.
 * Throws a 400 naming the kinds that are missing.
 */
export function assertMainCourses(items: { kind: string; course: Course }[], requiredKinds: readonly CatalogKind[], what = 'menu'): void {
  const mainKinds = new Set(items.filter((i) => i.course === 'main').map((i) => i.kind));
  const missing = requiredKinds.filter((k) => !mainKinds.has(k));
  if (missing.length) {
    throw new BadInputError(
      `${what} must have a main course of each required kind (${requiredKinds.join(', ')}); missing: ${missing.join(', ')}`,
    );
  }
}
