import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { authStore } from '../identity/auth-store';
import { renderPage } from '../integrity/test-render';
import ProjectorPage, { PROJECTOR_POLL_MS } from './ProjectorPage';

// jsdom has no canvas; the QR image is not what this test is about.
vi.mock('qrcode', () => ({ default: { toDataURL: () => Promise.resolve('data:image/png;base64,') } }));

const session = (present: number, expected: number) => ({
  id: 's1', unitId: 'u1', title: '主题党日', kind: 'theme_day', status: 'published', startsAt: '2026-12-02T08:00:00.000Z', endsAt: '2026-12-02T09:30:00.000Z',
  location: null, seriesId: null, menuId: null, cancelReason: null, publishedAt: null, completedAt: null, menu: [],
  counts: { expected, present, late: 0, excused: 0, absent: 0 },
});
const person = (userId: string, displayName: string, status: string) => ({ userId, displayName, status });

describe('ProjectorPage', { timeout: 30_000 }, () => {
  afterEach(() => {
    vi.restoreAllMocks();
    authStore.clear();
  });

  it('fetches the roster as soon as the count moves, not a poll later', async () => {
    let checkedIn = false;
    const calls = renderPage(<ProjectorPage />, {
      url: '/sessions/s1/screen',
      route: '/sessions/:id/screen',
      role: 'organiser',
      answers: {
        'GET /sessions/s1': () => ({ status: 200, body: checkedIn ? session(1, 1) : session(0, 2) }),
        'GET /sessions/s1/check-in-code': { status: 200, body: { code: '042917', expiresAt: new Date(Date.now() + 60_000).toISOString() } },
        'GET /sessions/s1/attendance': () => ({
          status: 200,
          body: { items: [person('p1', '党员甲', checkedIn ? 'present' : 'expected'), person('p2', '党员乙', 'expected')], total: 2 },
        }),
      },
    });
    await waitFor(() => expect(screen.getByTestId('missing-names').textContent).toBe('党员甲、党员乙'));
    const rosterCalls = () => calls.filter((c) => c === 'GET /sessions/s1/attendance').length;
    checkedIn = true;
    await waitFor(() => expect(screen.getByTestId('checked-in').textContent).toBe('1'), { timeout: 2 * PROJECTOR_POLL_MS });
    const countMovedAt = Date.now();
    // The roster's own poll has run once more at most; the count's change asked for it again at once.
    await waitFor(() => expect(rosterCalls()).toBeGreaterThanOrEqual(3), { timeout: PROJECTOR_POLL_MS / 2 });
    await waitFor(() => expect(screen.getByTestId('missing-names').textContent).toBe('党员乙'));
    expect(Date.now() - countMovedAt).toBeLessThan(PROJECTOR_POLL_MS);
  });
});
