import { describe, expect, it } from 'vitest';
import { webLink } from './NotificationList';

describe('webLink: notification links name api resources; the bell opens pages', () => {
  it.each([
    ['/reflection-tasks/5b0c', '/reflections/5b0c'],
    ['/me/reflection-tasks', '/reflections'],
    ['/sessions/9a1f', '/sessions/9a1f'],
    ['/api/v1/sessions/9a1f', '/sessions/9a1f'],
    ['/reading-lists/77aa', '/reading'],
    ['/me/attendance', '/attendance'],
    ['/reflections/assignments/3c9e-41/tasks?warning=red', '/manage/assignments/3c9e-41?warning=red'],
    ['/api/v1/reflections/assignments/3c9e-41/tasks?warning=red', '/manage/assignments/3c9e-41?warning=red'],
    ['/reflections/assignments/3c9e-41', '/manage/assignments/3c9e-41'],
    ['/unknown/page?tab=2', '/unknown/page?tab=2'],
  ])('%s → %s', (link, page) => expect(webLink(link)).toBe(page));
});
