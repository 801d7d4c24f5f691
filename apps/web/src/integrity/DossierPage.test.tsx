import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { authStore } from '../identity/auth-store';
import DossierPage from './DossierPage';
import { renderPage } from './test-render';

const year = new Date().getFullYear();
const dossier = {
  person: { id: 'p1', displayName: '党员甲', role: 'member', unitId: 'u', unitName: '第一支部' },
  year,
  attendance: { sessions: 4, present: 2, late: 1, excused: 1, absent: 0, madeUp: 1, records: [] },
  reading: [],
  reflections: [],
  talks: [{ id: 't1', kind: 'reminder', talkerName: '支部书记甲', at: '2026-03-02T02:00:00.000Z', place: null, summary: null, response: '接受提醒', private: true }],
  items: [],
  reminders: { received: 2, acknowledged: 1, list: [] },
  declarations: [{ id: 'd1', kind: 'wedding', eventDate: '2026-10-03', place: '酒店', guests: 40, tables: 4, acknowledgedAt: null }],
};

describe('DossierPage (廉政档案)', { timeout: 30_000 }, () => {
  afterEach(() => {
    vi.restoreAllMocks();
    authStore.clear();
  });

  it('shows an auditor the person’s sections, a private talk without its content, and who read the dossier', async () => {
    const calls = renderPage(<DossierPage />, {
      url: '/dossier/p1',
      route: '/dossier/:id',
      role: 'auditor',
      answers: {
        'GET /people/p1/dossier': { status: 200, body: dossier },
        'GET /people/p1/dossier/access-log': { status: 200, body: [{ viewerId: 'a', displayName: '纪检员', at: '2026-11-02T02:00:00.000Z', year, format: 'json' }] },
      },
    });
    expect(await screen.findByText('廉政档案：党员甲')).toBeTruthy();
    expect(screen.getByText('第一支部')).toBeTruthy();
    expect(screen.getByText('（不公开）')).toBeTruthy();
    expect(screen.getByText('待确认')).toBeTruthy();
    expect(await screen.findByText('纪检员')).toBeTruthy();
    expect(calls).toContain('GET /people/p1/dossier/access-log');
  });

  it('opens the caller’s own dossier at /dossier/me', async () => {
    const calls = renderPage(<DossierPage />, { url: '/dossier/me', route: '/dossier/:id', role: 'member', answers: { 'GET /people/me-1/dossier': { status: 200, body: dossier } } });
    expect(await screen.findByText('廉政档案：党员甲')).toBeTruthy();
    expect(calls).toContain('GET /people/me-1/dossier');
  });

  it('shows 无权访问 when the api hides someone else’s dossier (404), and no organiser reads the access log', async () => {
    const calls = renderPage(<DossierPage />, { url: '/dossier/p9', route: '/dossier/:id', role: 'member', answers: {} });
    expect(await screen.findByText('无权访问')).toBeTruthy();
    expect(calls.filter((c) => c.includes('access-log'))).toEqual([]);
  });
});
