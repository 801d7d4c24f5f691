import { QueryClient } from '@tanstack/react-query';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import type { Schemas } from '../api/client';
import { Providers } from '../app/App';
import { authStore } from '../identity/auth-store';
import AssignmentDetailPage from './AssignmentDetailPage';

const due = '2026-12-04T10:00:00.000Z';
const assignment: Schemas['AssignmentDto'] = {
  id: 'a1',
  title: '警示教育心得',
  prompt: '',
  sessionId: null,
  minChars: 100,
  dueAt: due,
  status: 'open',
  warningThresholds: { yellow: 0.3, orange: 0.15 },
  audience: { unitIds: [], userIds: [], sessionId: null, attendanceStatuses: [] },
  ownerUnitId: 'u',
  createdBy: 'o',
  createdAt: '2026-12-01T10:00:00.000Z',
  counts: { assigned: 2, submitted: 0, approved: 0, returned: 0, overdue: 1 },
};
const task = (id: string, displayName: string, warning: Schemas['TaskDto']['warning']): Schemas['TaskDto'] => ({
  id,
  assignmentId: 'a1',
  assignmentTitle: assignment.title,
  userId: `user-${id}`,
  displayName,
  status: 'assigned',
  dueAt: due,
  extended: false,
  minChars: 100,
  body: '',
  charCount: 0,
  submittedAt: null,
  late: false,
  reviewComment: null,
  warning,
});

function Location() {
  const { search } = useLocation();
  return <output data-testid="search">{search}</output>;
}

/** The board at `url`, with the api's answers in the cache: one list for ?warning=red, another unfiltered. */
function renderBoard(url: string) {
  authStore.set('token-of-test', 60);
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  client.setQueryData(['assignments', 'a1'], assignment);
  client.setQueryData(['assignments', 'a1', 'tasks', { warning: 'red' }], { items: [task('t1', '逾期者', 'red')], total: 1 });
  client.setQueryData(['assignments', 'a1', 'tasks', {}], { items: [task('t1', '逾期者', 'red'), task('t2', '按时者', 'none')], total: 2 });
  return render(
    <Providers client={client}>
      <MemoryRouter initialEntries={[url]}>
        <Routes>
          <Route
            path="/manage/assignments/:id"
            element={
              <>
                <AssignmentDetailPage />
                <Location />
              </>
            }
          />
        </Routes>
      </MemoryRouter>
    </Providers>,
  );
}

const cards = () => screen.getAllByTestId('task-card').map((c) => c.getAttribute('data-warning'));
const warningSelect = () => screen.getByLabelText('按预警筛选').closest('.ant-select') as HTMLElement;

// antd's first render in jsdom is slow on a busy machine: the test allows two minutes.
describe('AssignmentDetailPage: the task board filter comes from the URL', () => {
  afterEach(() => authStore.clear());

  it('opens filtered to 红色预警 from ?warning=red, and clearing the filter takes it out of the URL', async () => {
    renderBoard('/manage/assignments/a1?warning=red');
    expect(await screen.findByText('逾期者', {}, { timeout: 20_000 })).toBeTruthy();
    expect(cards()).toEqual(['red']);
    expect(within(warningSelect()).getByText('红色预警')).toBeTruthy();

    const clear = warningSelect().querySelector('.ant-select-clear') as HTMLElement;
    fireEvent.mouseDown(clear);
    fireEvent.click(clear);
    expect(await screen.findByText('按时者', {}, { timeout: 20_000 })).toBeTruthy();
    expect(cards()).toEqual(['red', 'none']);
    expect(screen.getByTestId('search').textContent).toBe('');
  }, 120_000);
});
