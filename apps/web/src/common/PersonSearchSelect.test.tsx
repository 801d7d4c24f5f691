import { QueryClient } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Form } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, type Schemas } from '../api/client';
import { Providers } from '../app/App';
import { PersonSearchSelect, SEARCH_DEBOUNCE_MS, type Person } from './PersonSearchSelect';

const person = (id: string, displayName: string, extra: Partial<Person> = {}): Person => ({ id, username: `u-${id}`, displayName, role: 'member', unitId: 'unit-1', active: true, ...extra });
const EVERYONE = [person('a', '党员甲'), person('a1', '党员甲一', { active: false }), person('b', '党员乙'), person('o', '支部书记甲', { role: 'organiser' })];

type UserQuery = { q?: string; unitId?: string };

/** GET /users answered like the api: `q` matches the name or username; returns the queries asked. */
function fakeUsers() {
  const asked: UserQuery[] = [];
  vi.spyOn(api, 'GET').mockImplementation(((path: string, init: { params: { query: UserQuery } }) => {
    expect(path).toBe('/api/v1/users');
    const { q, unitId } = init.params.query;
    asked.push({ q, unitId });
    const items = EVERYONE.filter((u) => !q || u.displayName.includes(q) || u.username.includes(q));
    const body: Schemas['UserPageDto'] = { items, total: items.length };
    return Promise.resolve({ data: body, response: new Response(null, { status: 200 }) });
  }) as never);
  return asked;
}

function renderInForm(select: React.ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  let form: ReturnType<typeof Form.useForm<{ who: string | string[] }>>[0] | undefined;
  function Harness() {
    [form] = Form.useForm<{ who: string | string[] }>();
    return (
      <Form form={form}>
        <Form.Item label="人员" name="who">
          {select}
        </Form.Item>
      </Form>
    );
  }
  render(
    <Providers client={client}>
      <Harness />
    </Providers>,
  );
  return { value: () => form!.getFieldValue('who') as unknown };
}

/** Types into the select the way a person does: one change per keystroke, quicker than the debounce. */
function type(text: string) {
  const box = screen.getByLabelText('人员');
  fireEvent.mouseDown(box);
  for (let i = 1; i <= text.length; i++) fireEvent.change(box, { target: { value: text.slice(0, i) } });
}

/** The dropdown's option `label` (the selected tags carry the same title), once it is shown. */
const option = (label: string) =>
  waitFor(
    () => {
      const found = screen.queryAllByTitle(label).find((el) => el.classList.contains('ant-select-item-option'));
      if (!found) throw new Error(`no option ${label}`);
      return found;
    },
    { timeout: 5_000 },
  );

// The first antd render in a fresh jsdom takes seconds on a loaded machine.
describe('PersonSearchSelect', { timeout: 30_000 }, () => {
  afterEach(() => vi.restoreAllMocks());

  it('searches once typing pauses, not on every keystroke, and gives the form the ids picked (multiple)', async () => {
    const asked = fakeUsers();
    const form = renderInForm(<PersonSearchSelect multiple />);
    await waitFor(() => expect(asked).toEqual([{ q: undefined, unitId: undefined }]));
    type('党员乙');
    // The keystrokes came quicker than the debounce: one search, for the whole name; its answer replaces the list.
    await waitFor(() => expect(asked).toHaveLength(2), { timeout: 5_000 });
    expect(asked[1]).toEqual({ q: '党员乙', unitId: undefined });
    await waitFor(() => expect(screen.queryByTitle('党员甲（u-a）')).toBeNull());
    fireEvent.click(await option('党员乙（u-b）'));
    expect(form.value()).toEqual(['b']);
    await new Promise((r) => setTimeout(r, 2 * SEARCH_DEBOUNCE_MS));
    expect(asked).toHaveLength(2);
    type('支部');
    fireEvent.click(await option('支部书记甲（u-o）'));
    expect(form.value()).toEqual(['b', 'o']);
  });

  it('offers only the people the filter lets through, searches within the unit, and hands over the person picked (single)', async () => {
    const asked = fakeUsers();
    const picked = vi.fn();
    renderInForm(<PersonSearchSelect unitId="unit-1" filter={(u) => u.active && u.role === 'member'} onChange={picked} />);
    type('甲');
    await option('党员甲（u-a）');
    await new Promise((r) => setTimeout(r, SEARCH_DEBOUNCE_MS));
    expect(screen.queryByTitle('党员甲一（u-a1）')).toBeNull(); // not active
    expect(screen.queryByTitle('支部书记甲（u-o）')).toBeNull(); // not a member
    expect(asked.at(-1)).toEqual({ q: '甲', unitId: 'unit-1' });
    expect(asked.every((a) => a.unitId === 'unit-1')).toBe(true);
    fireEvent.click(await option('党员甲（u-a）'));
    expect(picked).toHaveBeenCalledWith('a', EVERYONE[0]);
  });
});
