import { NotFoundError } from '@qf/common';
import { sql } from '@qf/database';
import { fake, newTestService } from '@qf/testing';
import { NotificationRepository } from './notification.repository';
import { NotificationsService } from './notifications.service';

const setup = () => {
  const repo = fake<NotificationRepository>();
  repo.named.mockImplementation((ids: string[]) => new NotificationRepository(undefined as never).named(ids));
  return newTestService((m) => new NotificationsService(m.repo), { repo });
};

describe('NotificationsService', () => {
  it('notifies nobody without a database round trip when the list is empty', async () => {
    const { sut, mocks } = setup();
    await expect(sut.notifyUsers(undefined, { eventKey: 'k', kind: 'leave_decided', title: 't' }, [])).resolves.toBe(0);
    expect(mocks.repo.insertForRecipients).not.toHaveBeenCalled();
  });

  it('notifies named people through one set-based insert, with an empty body and no link by default', async () => {
    const { sut, mocks } = setup();
    mocks.repo.insertForRecipients.mockResolvedValue(2);
    await expect(sut.notifyUsers(undefined, { eventKey: 'k', kind: 'leave_decided', title: 't' }, ['a', 'b'])).resolves.toBe(2);
    const [, text, recipients] = mocks.repo.insertForRecipients.mock.calls[0];
    expect(text).toEqual({ eventKey: 'k', kind: 'leave_decided', title: 't', body: '', link: null });
    expect(recipients.text).toBe('SELECT unnest($1::uuid[]) AS user_id');
    expect(recipients.values).toEqual([['a', 'b']]);
  });

  it('passes a recipient query built with the sql tag through as is', async () => {
    const { sut, mocks } = setup();
    const query = sql`SELECT user_id FROM r WHERE s = ${'s1'}`;
    await sut.notifyQuery(undefined, { eventKey: 'k', kind: 'session_published', title: 't', body: 'b', link: '/x' }, query);
    const [, text, recipients] = mocks.repo.insertForRecipients.mock.calls[0];
    expect(text).toMatchObject({ body: 'b', link: '/x' });
    expect(recipients).toBe(query);
  });

  it('pages the inbox, unread only when asked', async () => {
    const { sut, mocks } = setup();
    mocks.repo.inboxPage.mockResolvedValue({ items: [], total: 0 });
    await sut.inbox('u', { unread: true, limit: 10, offset: 20 });
    await sut.inbox('u', { limit: 10, offset: 0 });
    expect(mocks.repo.inboxPage.mock.calls).toEqual([
      ['u', { unreadOnly: true, limit: 10, offset: 20 }],
      ['u', { unreadOnly: false, limit: 10, offset: 0 }],
    ]);
  });

  it("marks the caller's notification read; someone else's (or none) is 404", async () => {
    const { sut, mocks } = setup();
    mocks.repo.markRead.mockResolvedValueOnce(true).mockResolvedValueOnce(false);
    await expect(sut.markRead('u', 'n1')).resolves.toBeUndefined();
    await expect(sut.markRead('u', 'n2')).rejects.toThrow(NotFoundError);
  });
});
