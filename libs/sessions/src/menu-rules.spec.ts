import { assertMainCourses } from './menu-rules';
import { DEFAULT_REQUIRED_KINDS } from './session-kinds';

describe('assertMainCourses', () => {
  it('accepts a menu with a main course of each required kind', () => {
    expect(() =>
      assertMainCourses(
        [
          { kind: 'theory', course: 'main' },
          { kind: 'history', course: 'main' },
          { kind: 'song', course: 'main' },
          { kind: 'other', course: 'side' },
        ],
        DEFAULT_REQUIRED_KINDS,
      ),
    ).not.toThrow();
  });

  it('names the missing kinds; a side course does not count', () => {
    expect(() =>
      assertMainCourses(
        [
          { kind: 'theory', course: 'main' },
          { kind: 'song', course: 'side' },
        ],
        DEFAULT_REQUIRED_KINDS,
      ),
    ).toThrow(/missing: history, song/);
  });

  it('requires nothing when no kinds are required', () => {
    expect(() => assertMainCourses([], [])).not.toThrow();
  });
});
