import type { BrowserContext, Page } from 'playwright-core';
import { apiAs, BrowserApp, chooseOption, DESKTOP, describeInBrowser, logIn, PHONE, screenshot, startBrowserApp } from './browser';

/**
 * 督查督办 and 整改清单 in Chromium against the real api: an organiser assigns an item to a member
 * with its 13710 due date; the member, on a phone, opens it from the notification, accepts it and
 * reports it done; the organiser closes it (销号). A member opening the organiser-only report sees
 * 无权访问. Then a rectification campaign: the member files a list and marks an entry done.
 */
describeInBrowser('web app: supervision items and rectification lists (Chromium)', () => {
  let app: BrowserApp;
  let organiser: BrowserContext;
  let member: BrowserContext;
  let desk: Page;
  let phone: Page;
  const title = '落实巡察反馈意见第三条整改';

  beforeAll(async () => {
    app = await startBrowserApp();
    organiser = await app.browser.newContext(DESKTOP);
    member = await app.browser.newContext(PHONE);
    desk = await organiser.newPage();
    phone = await member.newPage();
  }, 240_000);

  afterAll(async () => {
    await app?.close();
  });

  /** Opens a page, logging in first when the session has none (each test runs on its own too). */
  async function open(page: Page, path: string, username: string): Promise<void> {
    await page.goto(`${app.base}${path}`);
    await page.getByLabel('用户名').or(page.getByTestId('notification-bell')).first().waitFor();
    if (await page.getByLabel('用户名').isVisible()) await logIn(page, username);
  }

  it('organiser assigns an item with its 13710 due date; the member opens it from the notification on a phone, accepts and reports; the organiser closes it', async () => {
    const { base, seed } = app;
    const memberA = seed.users.memberA;

    // The organiser creates the item from 督查督办, choosing 3 working days.
    await desk.goto(`${base}/supervision`);
    await logIn(desk, seed.users.organiserA.username);
    await desk.getByRole('button', { name: '新建督办' }).click();
    const modal = desk.getByRole('dialog');
    await modal.getByLabel('事项', { exact: true }).fill(title);
    await modal.getByLabel('具体要求').fill('对照巡察反馈意见，建立整改台账，逐项销号。');
    await modal.getByLabel('来源').fill('党委会决定事项');
    await chooseOption(desk, modal.getByLabel('责任人'), `党员甲（${memberA.username}）`, '党员甲');
    await modal.getByText('3 个工作日', { exact: true }).click();
    const preview = modal.getByTestId('due-preview');
    await preview.filter({ hasText: /截止 \d{4}-\d{2}-\d{2} 18:00/ }).waitFor();
    const shownDue = /截止 (\d{4}-\d{2}-\d{2} 18:00)/.exec((await preview.textContent()) ?? '')![1];
    await screenshot(desk, 'supervision-create-desktop');
    await modal.getByRole('button', { name: '交办' }).click();

    // The item page, with the due date the modal announced.
    await desk.waitForURL(/\/supervision\/items\/[\w-]+$/);
    const id = desk.url().split('/').pop()!;
    await desk.getByText('支部书记甲 交办给 党员甲').waitFor();
    const item = (await apiAs(app, 'organiserA').get(`/supervision/items/${id}`).expect(200)).body;
    expect(item).toMatchObject({ title, ownerId: memberA.id, timeLimitDays: 3, status: 'assigned' });
    await desk.getByText(shownDue).first().waitFor();
    expect(await desk.getByTestId('supervisor-panel').count()).toBe(0); // nothing to review yet

    // The member, on a phone, opens the notification.
    await phone.goto(`${base}/notifications`);
    await logIn(phone, memberA.username);
    await phone.getByText(`督办事项：${title}`).click();
    await phone.waitForURL(`${base}/supervision/items/${id}`);
    await phone.getByRole('button', { name: '签收' }).click();
    await phone.getByTestId('item-timeline').getByText('签收', { exact: true }).waitFor();
    // Reporting needs a note.
    await phone.getByRole('button', { name: '报告办结' }).click();
    await phone.getByText('请先填写办理情况').waitFor();
    await phone.getByLabel('办理情况').fill('已建立整改台账，五项问题全部整改到位。');
    await phone.getByRole('button', { name: '报告办结' }).click();
    await phone.getByText('已报告办结，等待督办人销号。').waitFor();
    expect((await apiAs(app, 'memberA').get(`/supervision/items/${id}`).expect(200)).body.status).toBe('reported');
    expect(await phone.getByTestId('supervisor-panel').count()).toBe(0);
    await screenshot(phone, 'supervision-item-phone', true);
    await phone.goto(`${base}/supervision`);
    await phone.getByTestId('supervision-item').filter({ hasText: title }).waitFor();
    await screenshot(phone, 'supervision-list-phone');

    // The organiser closes it (销号) with a comment; a return without a comment is refused first.
    await desk.reload();
    const review = desk.getByTestId('supervisor-panel');
    await review.getByRole('button', { name: '退回' }).click();
    await desk.getByText('退回须填写审核意见').waitFor();
    await review.getByLabel('审核意见').fill('整改到位，同意销号。');
    await review.getByRole('button', { name: '销号' }).click();
    await desk.getByTestId('item-timeline').getByText('整改到位，同意销号。').waitFor();
    expect((await apiAs(app, 'organiserA').get(`/supervision/items/${id}`).expect(200)).body).toMatchObject({ status: 'closed', late: false });
    await screenshot(desk, 'supervision-item-desktop', true);

    // The list, filtered by status in the URL, and the report.
    await desk.goto(`${base}/supervision?status=closed`);
    await desk.getByTestId('supervision-item').filter({ hasText: title }).waitFor();
    await screenshot(desk, 'supervision-list-desktop');
    await desk.goto(`${base}/supervision/report`);
    await desk.getByRole('row', { name: /第一党支部/ }).waitFor();
    await screenshot(desk, 'supervision-report-desktop');
  }, 360_000);

  it('a member opening the organiser-only supervision report sees 无权访问, and has no such menu entry', async () => {
    await open(phone, '/supervision/report', app.seed.users.memberA.username);
    await phone.getByText('无权访问').waitFor();
    expect(await phone.getByRole('table').count()).toBe(0);
    await phone.getByRole('button', { name: '菜单' }).click();
    await phone.getByRole('menuitem', { name: /督查督办/ }).waitFor();
    expect(await phone.getByRole('menuitem', { name: /督办考核/ }).count()).toBe(0);
    await phone.keyboard.press('Escape');
  }, 120_000);

  it('a member files their 整改清单 from the notification and marks an entry done; the organiser sees who filed', async () => {
    const { base, seed } = app;
    const listDueAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const campaign = (
      await apiAs(app, 'organiserA').post('/rectification/campaigns', { title: '2026年作风巡查问题整改', unitIds: [seed.units.branchA], listDueAt }).expect(201)
    ).body;

    await open(phone, '/notifications', seed.users.memberA.username);
    await phone.getByText('请填报整改清单：2026年作风巡查问题整改').click();
    await phone.waitForURL(`${base}/rectification/campaigns/${campaign.id}`);
    const mine = phone.getByTestId('my-list');
    await mine.getByLabel('存在问题').fill('理论学习不够深入');
    await mine.getByLabel('整改措施').fill('每周精读一篇理论文章，写学习笔记');
    const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await mine.getByLabel('完成时限').click();
    await mine.getByLabel('完成时限').fill(`${due} 18:00`);
    await phone.locator('.ant-picker-dropdown:visible .ant-picker-ok button').click(); // Enter would submit the form
    await screenshot(phone, 'rectification-file-phone', true);
    await mine.getByRole('button', { name: '提交清单' }).click();
    const entry = phone.getByTestId('my-entry').filter({ hasText: '理论学习不够深入' });
    await entry.waitFor();
    await entry.getByRole('button', { name: '标记完成' }).click();
    await entry.getByLabel('完成情况').fill('已精读八篇，笔记一万字');
    await entry.getByRole('button', { name: '提交完成情况' }).click();
    await entry.getByText('已报结').waitFor();
    await screenshot(phone, 'rectification-list-phone', true);
    const items = (await apiAs(app, 'memberA').get(`/rectification/campaigns/${campaign.id}/my-list`).expect(200)).body.items;
    expect(items).toEqual([expect.objectContaining({ title: '理论学习不够深入', status: 'reported', kind: 'rectification' })]);

    await open(desk, `/rectification/campaigns/${campaign.id}`, seed.users.organiserA.username);
    const summary = desk.getByTestId('campaign-summary');
    await summary.getByText('理论学习不够深入').waitFor();
    await summary.getByText('党员甲一').waitFor(); // not filed yet
    await screenshot(desk, 'rectification-campaign-desktop', true);
  }, 240_000);
});
