import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { authStore } from '../identity/auth-store';
import ReminderPage from './ReminderPage';
import { renderPage } from './test-render';

const received = { id: 'r1', title: '中秋国庆节前廉政提醒', body: '严禁公款送节礼', sentAt: '2026-09-23T01:00:00.000Z', senderName: '支部书记甲', acknowledgedAt: null as string | null };
const report = {
  id: 'r1', title: received.title, body: received.body, senderId: 's', audience: { unitIds: ['u'], userIds: [] }, holiday: null,
  sendAt: received.sentAt, sentAt: received.sentAt, recipients: 3, acknowledged: 1, notAcknowledged: [{ userId: 'p2', displayName: '党员乙' }, { userId: 'p3', displayName: '党员丙' }],
};
const at = { url: '/reminders/r1', route: '/reminders/:id' };

// The first render of an antd page imports and lays out a lot; on a busy machine that takes seconds.
describe('ReminderPage (节日廉政提醒)', { timeout: 30_000 }, () => {
  afterEach(() => {
    vi.restoreAllMocks();
    authStore.clear();
  });

  it('lets a recipient read the reminder and acknowledge it (已阅知晓)', async () => {
    let acknowledged = false;
    const calls = renderPage(<ReminderPage />, {
      ...at,
      role: 'member',
      answers: {
        'GET /me/reminders/r1': () => ({ status: 200, body: { ...received, acknowledgedAt: acknowledged ? '2026-09-23T02:30:00.000Z' : null } }),
        'POST /reminders/r1/acknowledge': () => ((acknowledged = true), { status: 204 }),
      },
    });
    expect(await screen.findByText('严禁公款送节礼')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '已阅知晓' }));
    expect(await screen.findByText('已阅知晓（2026-09-23 10:30）')).toBeTruthy();
    expect(calls).toContain('POST /reminders/r1/acknowledge');
    // A member never asks for the sender's report.
    expect(calls).not.toContain('GET /reminders/r1');
  });

  it('shows an organiser who follows it the progress and who has not acknowledged', async () => {
    renderPage(<ReminderPage />, { ...at, role: 'organiser', answers: { 'GET /reminders/r1': { status: 200, body: report } } });
    expect(await screen.findByTestId('reminder-progress')).toBeTruthy();
    expect(screen.getByTestId('ack-count').textContent).toBe('1');
    expect(screen.getByText('党员乙')).toBeTruthy();
    expect(screen.getByText('党员丙')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '已阅知晓' })).toBeNull();
  });

  it('says plainly when the reminder is not the person’s (404), never a crash', async () => {
    renderPage(<ReminderPage />, { ...at, role: 'member', answers: {} });
    expect(await screen.findByText('未找到该提醒')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('button', { name: '已阅知晓' })).toBeNull());
  });
});
