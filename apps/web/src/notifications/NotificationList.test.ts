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
    ['/supervision/items/3c9e1a2b-0000-4000-8000-000000000001', '/supervision/items/3c9e1a2b-0000-4000-8000-000000000001'],
    ['/api/v1/supervision/items/3c9e', '/supervision/items/3c9e'],
    ['/supervision/items?warning=red', '/supervision?warning=red'],
    ['/supervision/items', '/supervision'],
    ['/rectification/campaigns/7d2f', '/rectification/campaigns/7d2f'],
    ['/api/v1/rectification/campaigns/7d2f/my-list', '/rectification/campaigns/7d2f'],
  ])('%s → %s', (link, page) => expect(webLink(link)).toBe(page));
});

describe('webLink: integrity notifications (libs/integrity) open the integrity pages', () => {
  it.each([
    ['/reminders/3f2a', '/reminders/3f2a'],
    ['/api/v1/reminders/3f2a', '/reminders/3f2a'],
    ['/declarations/8c1d', '/declarations/8c1d'],
    ['/talk-plans/77aa/coverage', '/manage/talks'],
    ['/talks/5b0c', '/talks'],
  ])('%s → %s', (link, page) => expect(webLink(link)).toBe(page));
});
