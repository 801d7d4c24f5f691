import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ReflectionWarningsService } from '@qf/reflections';
import { auditFactories } from '../audit/audit-scenario';
import { changeEvery, collected, createAssignment, ESSAY_A, taskOf, waitOpen } from '../reflections/reflection-fixtures';
import type { TestApp } from '../support/test-app';
import type { Caller, Seed } from '../support/seed';
import { apiAs, BrowserApp, chooseOption, DESKTOP, describeInBrowser, pageAs as openAs, PHONE, screenshot, startBrowserApp, until } from './browser';

const ZONE = 'Asia/Shanghai';

/**
 * Organiser and auditor pages in Debian's Chromium against the real api, worker, PostgreSQL and Redis:
 * the Friday calendar (a weekly series with a skipped date and its reason, publish from the calendar),
 * an essay returned with a comment that the member then reads, and the attendance dashboard (chart
 * drawn, XLSX downloaded and read back, chain verified).
 */
describeInBrowser('web app: organiser calendar, essay review, audit dashboard (Chromium)', () => {
  let t: TestApp;
  let seed: Seed;
  let base: string;
  let browser: Browser;
  let _desktop: BrowserContext;
  let _phone: BrowserContext;

  let app: BrowserApp;
  const api = (caller: Caller) => apiAs({ t, seed }, caller);

  const pageAs = (who: Caller, url: string, device: typeof DESKTOP | typeof PHONE = DESKTOP) => openAs({ browser, base, seed }, who, url, device);

  beforeAll(async () => {
    app = await startBrowserApp();
    ({ t, seed, base, browser } = app);
    _desktop = await browser.newContext(DESKTOP);
    _phone = await browser.newContext(PHONE);
  }, 240_000);

  afterAll(async () => {
    await app?.close();
  });

  it('organiser plans a weekly series from a menu in the calendar, skipping a date with its reason, and publishes one from the calendar', async () => {
    const kinds = [
      ['习近平新时代中国特色社会主义思想学习纲要（第三章）', 'theory'],
      ['红船精神的故事', 'history'],
      ['《没有共产党就没有新中国》', 'song'],
      ['《零容忍》第二集', 'warning_film'],
    ] as const;
    const items = [];
    for (const [title, kind] of kinds) items.push((await api('organiserA').post('/catalog', { title, kind }).expect(201)).body.id);
    await api('organiserA')
      .post('/menus', { name: '十二月集中学习套餐', items: items.map((catalogItemId, i) => ({ catalogItemId, course: i < 3 ? 'main' : 'side' })) })
      .expect(201);

    // The Fridays of the next four weeks (org time); the second is skipped.
    const today = DateTime.now().setZone(ZONE).startOf('day');
    const from = today.plus({ days: 1 });
    const last = from.plus({ days: 27 });
    const fridays: string[] = [];
    for (let d = from; d <= last; d = d.plus({ days: 1 })) if (d.weekday === 5) fridays.push(d.toISODate()!);
    const skip = fridays[1];

    const page = await pageAs('organiserA', '/manage/calendar');
    await page.getByRole('button', { name: '按周安排' }).click();
    const dlg = page.getByRole('dialog');
    await chooseOption(page, dlg.getByLabel('单位'), '第一党支部');
    await chooseOption(page, dlg.getByLabel('学习套餐'), '十二月集中学习套餐');
    await dlg.getByPlaceholder('开始日期').fill(from.toISODate()!);
    await dlg.getByPlaceholder('结束日期').fill(last.toISODate()!);
    await dlg.getByPlaceholder('结束日期').press('Enter');
    await until(() => dlg.getByPlaceholder('开始日期').inputValue(), (v) => v === from.toISODate());
    await until(() => dlg.getByPlaceholder('结束日期').inputValue(), (v) => v === last.toISODate());
    await dlg.getByLabel('地点').fill('三楼党员活动室');
    await dlg.getByRole('button', { name: '添加跳过日期' }).click();
    await dlg.getByPlaceholder('请选择日期').fill(skip);
    await dlg.getByPlaceholder('请选择日期').press('Enter');
    await until(() => dlg.getByPlaceholder('请选择日期').inputValue(), (v) => v === skip);
    await dlg.getByPlaceholder('原因，如：元旦放假').fill('支部换届选举');
    await dlg.getByRole('button', { name: '生成草稿' }).click();

    const result = page.getByTestId('series-result');
    await result.getByText(`已创建 ${fridays.length - 1} 场草稿`).waitFor({ timeout: 10_000 }).catch(async (e) => {
      const shot = join(tmpdir(), `series-failure-${Date.now()}.png`);
      await page.screenshot({ path: shot });
      console.error(`series result missing; screenshot ${shot}`);
      throw e;
    });
    const skippedRow = page.getByTestId('series-skipped').locator('tr', { hasText: skip });
    expect(await skippedRow.textContent()).toContain('支部换届选举');
    const sessions = await api('organiserA').get(`/sessions?unitId=${seed.units.branchA}&from=${from.toISODate()}&to=${last.toISODate()}`).expect(200);
    expect(sessions.body.items.map((s: { startsAt: string }) => DateTime.fromISO(s.startsAt).setZone(ZONE).toISODate())).toEqual(fridays.filter((d) => d !== skip));
    expect(sessions.body.items.every((s: { status: string; menu: unknown[] }) => s.status === 'draft' && s.menu.length === 4)).toBe(true);
    await page.getByRole('button', { name: '完成' }).click();

    // Publish the first one from the calendar (it may sit in next month's page).
    const first = sessions.body.items[0];
    if (DateTime.fromISO(first.startsAt).setZone(ZONE).month !== today.month) await page.getByRole('button', { name: /下个?月|Next month/ }).first().click().catch(() => undefined);
    await page.getByTestId('calendar-session').first().waitFor();
    await page.getByTestId('calendar-session').first().click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByRole('button', { name: '发布' }).click();
    await drawer.getByTestId('drawer-status').filter({ hasText: '已发布' }).waitFor();
    await drawer.getByRole('button', { name: '投屏签到' }).waitFor();
    await drawer.getByRole('button', { name: /close|关闭/i }).first().click();
    await page.locator('.ant-drawer-content-wrapper-hidden').waitFor({ state: 'attached' });
    await page.waitForTimeout(400);
    await page.locator('[data-testid="calendar-session"][data-status="published"]').first().waitFor();
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 });
    await screenshot(page, 'organiser-calendar', true);

    const onPhone = await pageAs('organiserA', '/manage/calendar', PHONE);
    await onPhone.getByTestId('organiser-calendar').waitFor();
    await onPhone.getByTestId('calendar-list').waitFor();
    await screenshot(onPhone, 'organiser-calendar-phone', true);
    await onPhone.context().close();
    await page.context().close();
  }, 180_000);

  it('menu builder says which main courses are missing; a session edit refused by the api shows its 400 in Chinese beside the api’s words', async () => {
    const integrity = (await api('organiserA').post('/catalog', { title: '廉洁文化进机关', kind: 'integrity' }).expect(201)).body.id;
    await api('organiserA').post('/menus', { name: '廉政专题套餐', requiredKinds: ['integrity'], items: [{ catalogItemId: integrity, course: 'main' }] }).expect(201);
    const friday = (await api('organiserA').get('/menus').expect(200)).body.items.find((m: { name: string }) => m.name === '十二月集中学习套餐');
    const start = new Date(Date.now() + 10 * 60_000);
    start.setSeconds(0, 0);
    await api('organiserA')
      .post('/sessions', {
        unitId: seed.units.branchA,
        title: '临时加开集中学习',
        kind: 'friday_study',
        menuId: friday.id,
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
      })
      .expect(201);

    const page = await pageAs('organiserA', '/manage/menus');
    const missing = page.getByTestId('menu-missing');
    await missing.filter({ hasText: '还缺少必点主菜：理论经典、党史故事、红色歌曲' }).waitFor();
    expect(await page.getByRole('button', { name: '保存套餐' }).isDisabled()).toBe(true);
    await chooseOption(page, page.getByLabel('第 1 道'), '红船精神的故事');
    await missing.filter({ hasText: '还缺少必点主菜：理论经典、红色歌曲' }).waitFor();

    await page.goto(`${base}/manage/calendar`);
    await page.getByTestId('calendar-list').locator('.ant-list-item', { hasText: '临时加开集中学习' }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByRole('button', { name: '编辑' }).click();
    const dlg = page.getByRole('dialog', { name: '编辑活动' });
    await chooseOption(page, dlg.getByLabel('更换学习套餐'), '廉政专题套餐');
    await dlg.getByRole('button', { name: '保存' }).click();
    const error = dlg.locator('.ant-alert-error');
    await error.waitFor();
    const text = await error.textContent();
    expect(text).toContain('还缺少必点主菜：理论经典、党史故事、红色歌曲');
    expect(text).toContain('（服务器：a friday_study menu must have a main course of each required kind (theory, history, song); missing: theory, history, song）');
    await page.context().close();
  }, 120_000);

  it('organiser reviews an essay beside the most similar one, returns it with a comment; the member sees the comment', async () => {
    const assignmentId = await createAssignment(t, seed, 'organiserA', {
      title: '观看警示教育片《零容忍》心得体会',
      minChars: 100,
      audience: { userIds: [seed.users.memberA.id, seed.users.memberA1.id] },
    });
    await waitOpen(t, assignmentId);
    const taskA = await taskOf(t, assignmentId, seed.users.memberA.id);
    const taskA1 = await taskOf(t, assignmentId, seed.users.memberA1.id);
    await api('memberA').post(`/reflection-tasks/${taskA}/submit`, { body: ESSAY_A }).expect(200);
    await collected(t, taskA);
    await api('memberA1').post(`/reflection-tasks/${taskA1}/submit`, { body: changeEvery(ESSAY_A, 12) }).expect(200);
    await collected(t, taskA1);
    const similarity = (await api('organiserA').get(`/reflection-tasks/${taskA1}`).expect(200)).body.similarity;
    expect(similarity.similarTaskId).toBe(taskA);

    const page = await pageAs('organiserA', '/manage/assignments');
    await page.getByRole('link', { name: '观看警示教育片《零容忍》心得体会' }).click();
    await page.waitForURL(`**/manage/assignments/${assignmentId}`);
    await until(() => page.getByTestId('task-card').count(), (n) => n === 2);
    await page.getByTestId('task-card').filter({ hasText: '党员甲一' }).getByRole('button', { name: '审阅' }).click();
    await page.waitForURL(`**/manage/review/${taskA1}`);

    // The essay beside the most similar one, with the shared passages marked in both.
    await page.getByTestId('similar-essay').waitFor();
    expect(await page.getByTestId('similarity').textContent()).toContain('疑似雷同');
    expect(await page.getByTestId('essay').getByTestId('shared-passage').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('similar-essay').getByTestId('shared-passage').count()).toBeGreaterThan(0);
    await screenshot(page, 'organiser-review', true);

    // Returning needs a comment.
    await page.getByRole('button', { name: '退回修改' }).click();
    await page.getByText('退回须填写意见').waitFor();
    const comment = '与他人心得雷同较多，请结合本人岗位实际重写。';
    await page.getByLabel('审阅意见').fill(comment);
    await page.getByRole('button', { name: '退回修改' }).click();
    await page.getByTestId(`status-${taskA1}`).filter({ hasText: '已退回' }).waitFor();
    expect((await api('organiserA').get(`/reflection-tasks/${taskA1}`).expect(200)).body).toMatchObject({ status: 'returned', reviewComment: comment });
    await page.context().close();

    // The board on a phone: the returned task is coloured by its warning and filterable.
    const board = await pageAs('organiserA', `/manage/assignments/${assignmentId}`, PHONE);
    await until(() => board.getByTestId('task-card').count(), (n) => n === 2);
    await screenshot(board, 'organiser-task-board-phone', true);
    await board.context().close();

    const member = await pageAs('memberA1', `/reflections/${taskA1}`, PHONE);
    await member.getByTestId('review-comment').filter({ hasText: comment }).waitFor();
    expect(await member.getByTestId('task-status').textContent()).toBe('已退回');
    await member.context().close();
  }, 180_000);

  it('the red-warning digest opens the task board filtered to 红色预警; the filter lives in the URL, so back and forward restore it', async () => {
    const title = '学习《中国共产党纪律处分条例》心得体会';
    const assignmentId = await createAssignment(t, seed, 'organiserA', { title, minChars: 100, audience: { userIds: [seed.users.memberA.id, seed.users.memberA1.id] } });
    await waitOpen(t, assignmentId);
    // memberA is overdue (red); memberA1 was given three more days (no colour); the assignment is past due.
    await t.db.query(`UPDATE reflection_assignments SET due_at = now() - interval '1 minute' WHERE id = $1`, [assignmentId]);
    await t.db.query(`UPDATE reflection_tasks SET due_at = now() - interval '1 hour' WHERE assignment_id = $1`, [assignmentId]);
    await t.db.query(`UPDATE reflection_tasks SET due_at = now() + interval '3 days' WHERE id = $1`, [await taskOf(t, assignmentId, seed.users.memberA1.id)]);
    await t.worker!.get(ReflectionWarningsService).run();
    const digest = (await api('organiserA').get('/me/notifications?limit=100').expect(200)).body.items.find((n: { title: string }) => n.title.endsWith(title));
    expect(digest.link).toBe(`/reflections/assignments/${assignmentId}/tasks?warning=red`);

    const page = await pageAs('organiserA', '/notifications', PHONE);
    await page.getByText(`心得体会逾期未交 1 人：${title}`).click();
    await page.waitForURL(`**/manage/assignments/${assignmentId}?warning=red`);
    const warningSelect = page.locator('.ant-select', { has: page.getByLabel('按预警筛选') });
    const shown = async () => ({
      filter: (await warningSelect.textContent())?.trim(),
      cards: await page.getByTestId('task-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-warning'))),
    });
    expect(await until(shown, (v) => v.cards.length === 1)).toEqual({ filter: '红色预警', cards: ['red'] });
    expect(await page.getByTestId('task-card').getByText('党员甲', { exact: true }).count()).toBe(1);
    await screenshot(page, 'organiser-task-board-red-phone', true);

    // Another colour goes into the URL; back and forward walk the filters.
    await page.getByLabel('按预警筛选').click();
    await page.locator('.ant-select-item-option', { hasText: '正常' }).click();
    await page.waitForURL(`**/manage/assignments/${assignmentId}?warning=none`);
    expect(await until(shown, (v) => v.cards[0] === 'none')).toEqual({ filter: '正常', cards: ['none'] });
    await page.goBack();
    await page.waitForURL(`**/manage/assignments/${assignmentId}?warning=red`);
    expect(await until(shown, (v) => v.cards[0] === 'red')).toEqual({ filter: '红色预警', cards: ['red'] });
    await page.goForward();
    await page.waitForURL(`**/manage/assignments/${assignmentId}?warning=none`);
    expect(await until(shown, (v) => v.cards[0] === 'none')).toEqual({ filter: '正常', cards: ['none'] });
    await page.context().close();
  }, 120_000);

  it('auditor sees the attendance chart drawn, downloads the XLSX export (read back with exceljs) and verifies the chain', async () => {
    const f = auditFactories(t, seed);
    const people: Caller[] = ['organiserA', 'memberA', 'memberA1'];
    const statuses = [
      ['present', 'present', 'absent'],
      ['present', 'late', 'absent'],
      ['late', 'present', 'absent'],
    ] as const;
    for (const [i, daysAgo] of [70, 40, 10].entries()) {
      const start = DateTime.now().setZone(ZONE).minus({ days: daysAgo }).set({ hour: 15, minute: 0, second: 0, millisecond: 0 });
      const s = await f.session('branchA', start.toUTC().toISO()!, `集中学习（${start.toISODate()}）`);
      for (const [k, who] of people.entries()) {
        const status = statuses[i][k];
        await f.record(s.id, who, status, status === 'present' || status === 'late' ? { checkedInAt: start.plus({ minutes: status === 'late' ? 10 : -5 }).toUTC().toISO()! } : {});
        await f.log(s.id, who, 'roster', null, 'expected', start.minus({ days: 7 }).toJSDate(), { actor: 'organiserA' });
        await f.log(s.id, who, status === 'absent' ? 'completion' : 'check_in', 'expected', status, start.toJSDate(), { actor: status === 'absent' ? null : who });
      }
    }

    const page = await pageAs('auditor', '/audit');
    const canvas = page.getByTestId('chart-by-month').locator('canvas');
    await canvas.waitFor();
    // Drawn: the canvas has a size and coloured pixels (ECharts animates; give it a moment).
    const colouredPixels = (testId: string) =>
      page.evaluate<number>(`(() => {
        const c = document.querySelector('[data-testid="${testId}"] canvas');
        if (!c || !c.width || !c.height) return 0;
        const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let coloured = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && !(data[i] > 240 && data[i + 1] > 240 && data[i + 2] > 240)) coloured++;
        return coloured;
      })()`);
    await until(() => colouredPixels('chart-by-month'), (n) => n > 500);
    await until(() => colouredPixels('chart-by-unit'), (n) => n > 500);
    expect(await page.getByText('党员甲一').count()).toBeGreaterThan(0);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^考勤_.+\.xlsx$/);
    const file = join(mkdtempSync(join(tmpdir(), 'qf-xlsx-')), download.suggestedFilename());
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(file) as never);
    const sheet = workbook.worksheets[0];
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String((v as string | number | null) ?? ''))));
    expect(rows[0]).toEqual(expect.arrayContaining(['日期', '学习会', '姓名', '状态']));
    expect(rows).toHaveLength(1 + 9);
    expect(rows.filter((r) => r.includes('党员甲一') && r.includes('缺席'))).toHaveLength(3);
    await page.getByText('多次缺席').waitFor();

    await page.getByRole('button', { name: '校验哈希链' }).click();
    await page.getByTestId('chain-result').filter({ hasText: '校验通过' }).waitFor();
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 });
    await screenshot(page, 'audit-dashboard', true);

    const small = await pageAs('auditor', '/audit', PHONE);
    await small.getByTestId('chart-by-month').locator('canvas').waitFor();
    await small.waitForTimeout(1200);
    await screenshot(small, 'audit-dashboard-phone', true);
    await small.context().close();
    await page.context().close();
  }, 180_000);

  it('organiser completes a session on the roster; a mark after completion needs a reason and lands in the log', async () => {
    const f = auditFactories(t, seed);
    const start = DateTime.now().minus({ minutes: 30 }).set({ second: 0, millisecond: 0 });
    const s = await f.session('branchA', start.toUTC().toISO(), '十二月警示教育会', 'published');
    for (const who of ['memberA', 'memberA1'] as const) {
      await f.record(s.id, who, 'expected');
      await f.log(s.id, who, 'roster', null, 'expected', start.minus({ days: 1 }).toJSDate(), { actor: 'organiserA' });
    }

    const page = await pageAs('organiserA', `/manage/sessions/${s.id}/roster`);
    await page.getByRole('button', { name: '结束活动' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '结束' }).click();
    await page.getByTestId('roster-session-status').filter({ hasText: '已结束' }).waitFor();
    await page.locator('tr', { hasText: '党员甲一' }).getByText('缺席').waitFor();

    await page.getByLabel('标记 党员甲', { exact: true }).click();
    await page.locator('.ant-select-item-option', { hasText: '已签到' }).click();
    const dlg = page.getByRole('dialog');
    await dlg.getByRole('button', { name: '确定' }).click();
    await dlg.getByText('活动结束后更改考勤须填写原因').waitFor();
    await dlg.getByLabel('原因').fill('现场签到表有本人签名，系统漏签');
    await dlg.getByRole('button', { name: '确定' }).click();
    await page.locator('tr', { hasText: /^党员甲已签到/ }).waitFor();
    const log = await api('auditor').get(`/audit/attendance/log?sessionId=${s.id}&userId=${seed.users.memberA.id}`).expect(200);
    expect(log.body.items.at(-1)).toMatchObject({ fromStatus: 'absent', toStatus: 'present', reason: '现场签到表有本人签名，系统漏签', actorId: seed.users.organiserA.id });
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 });
    await screenshot(page, 'organiser-roster', true);
    await page.context().close();
  }, 120_000);

  it('admin imports users from CSV with the bad lines listed, and opens Bull Board with the login cookie', async () => {
    const page = await pageAs('admin', '/system');
    await page.getByRole('tab', { name: '单位' }).waitFor();
    await page.getByTestId('unit-tree').getByText('第一党小组').waitFor();
    await page.getByRole('tab', { name: '用户' }).click();
    await page.locator('tr', { hasText: '党员甲一' }).waitFor();
    await screenshot(page, 'admin-users');
    await page.getByRole('tab', { name: '批量导入' }).click();
    await page.getByLabel('CSV 内容').fill(
      [
        'username,displayName,role,unit,password',
        'web-import-1,导入党员一,member,第一党支部,initial-pass-2026',
        'web-import-2,导入党员二,chairman,第一党支部,initial-pass-2026',
        'web-import-3,导入党员三,member,不存在的支部,initial-pass-2026',
      ].join('\n'),
    );
    await page.getByRole('button', { name: '导入' }).click();
    const result = page.getByTestId('import-result');
    await result.getByText(/新建 1 人，跳过 0 人.*2 行有错误/).waitFor();
    const lines = await result.locator('tbody tr').allTextContents();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^3/);
    expect(lines[1]).toMatch(/^4/);
    const users = await api('admin').get('/users?q=web-import').expect(200);
    expect(users.body.items.map((u: { username: string }) => u.username)).toEqual(['web-import-1']);

    const [queues] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: '队列监控' }).click()]);
    const response = await queues.waitForResponse((r) => r.url().includes('/admin/queues'));
    expect(response.status()).toBe(200);
    await queues.waitForLoadState();
    expect(await queues.content()).not.toContain('a valid bearer token is required');
    await page.context().close();
  }, 120_000);

  it('the header fits a 1280 and a 1440 px desktop for an organiser and an admin (groups as dropdowns), and the phone drawer lists every entry under its group', async () => {
    /** How far the header's links reach beyond their room (0: they fit), and the texts shown. */
    const header = async (page: Page) => {
      const nav = page.getByRole('navigation', { name: '主菜单' });
      await nav.getByRole('link', { name: '首页' }).waitFor();
      // The links are laid out in a row, measured, and grouped when they do not fit (the groups' chunk loads then).
      const read = () => nav.evaluate((el) => ({ overflow: el.scrollWidth - el.clientWidth, texts: [...el.children].map((c) => c.textContent) }));
      const { overflow, texts } = await until(read, (v) => v.overflow === 0, 5_000).catch(read);
      const account = await page.getByTestId('account-menu').boundingBox();
      return { overflow, texts, accountInView: account !== null && account.x + account.width <= page.viewportSize()!.width };
    };
    for (const who of ['organiserA', 'admin'] as const) {
      for (const width of [1280, 1440]) {
        const page = await pageAs(who, '/', { ...DESKTOP, viewport: { width, height: 800 } });
        const shown = await header(page);
        expect(shown).toMatchObject({ overflow: 0, accountInView: true });
        expect(shown.texts).toEqual(expect.arrayContaining(['首页', '学习 ▾', '监督 ▾', '廉政 ▾']));
        expect(shown.texts.length).toBeLessThanOrEqual(8);
        if (width === 1280) {
          // A group opens on hover (its dropdown loads then) and leads to its pages.
          await page.getByRole('button', { name: '廉政', exact: true }).hover();
          await page.getByRole('menuitem', { name: '节日提醒' }).click();
          await page.waitForURL(`${base}/manage/reminders`);
          await page.getByRole('button', { name: '廉政', exact: true }).and(page.locator('[aria-current="page"]')).waitFor();
          await page.getByRole('button', { name: '新建提醒' }).waitFor();
          await page.getByRole('button', { name: '学习', exact: true }).click();
          await page.getByRole('menuitem', { name: '活动日历' }).waitFor();
          await page.waitForTimeout(400); // the dropdown's fade-in, for the screenshot
          await screenshot(page, `header-${who}-1280`);
        }
        await page.context().close();
      }
    }
    // A member's ten links fit in a row at 1280.
    const member = await pageAs('memberA', '/', DESKTOP);
    const shown = await header(member);
    expect(shown).toMatchObject({ overflow: 0, accountInView: true });
    expect(shown.texts).toContain('心得体会');
    await screenshot(member, 'header-member-1280');
    await member.context().close();

    const phone = await pageAs('admin', '/', PHONE);
    await phone.getByRole('button', { name: '菜单' }).click();
    const drawer = phone.locator('.ant-drawer');
    await drawer.getByRole('menuitem', { name: /节日提醒/ }).waitFor();
    for (const group of ['学习', '监督', '廉政']) await drawer.getByText(group, { exact: true }).waitFor();
    await phone.waitForTimeout(400); // the drawer's slide-in, for the screenshot
    await screenshot(phone, 'header-admin-drawer-phone');
    await drawer.getByRole('menuitem', { name: /节日提醒/ }).click();
    await phone.waitForURL(`${base}/manage/reminders`);
    await phone.context().close();
  }, 120_000);
});
