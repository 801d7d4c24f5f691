import type { Browser, Page } from 'playwright-core';
import type { Caller, Seed } from '../support/seed';
import type { TestApp } from '../support/test-app';
import { apiAs, BrowserApp, chooseOption, DESKTOP, describeInBrowser, pageAs as openAs, PHONE, screenshot, startBrowserApp } from './browser';

/**
 * 廉政 pages in Debian's Chromium against the real api, worker, PostgreSQL and Redis: an organiser records
 * an integrity talk with a follow-up and a talk plan, and the member sees the talk on a phone; an
 * organiser sends a holiday integrity reminder to their branch; a member on a phone opens it from the
 * notifications and acknowledges it; the organiser sees the progress go up; a member files a declaration
 * and the organiser finds it to confirm; an auditor opens the member's dossier; another member opening
 * that dossier's URL sees 无权访问.
 */
describeInBrowser('web app: integrity talks, holiday reminders, declarations and the dossier (Chromium)', () => {
  let app: BrowserApp;
  let t: TestApp;
  let seed: Seed;
  let base: string;
  let browser: Browser;
  let reminderId: string;
  const api = (caller: Caller) => apiAs({ t, seed }, caller);
  const title = '元旦春节期间廉政提醒';

  const pageAs = (who: Caller, url: string, device: typeof DESKTOP | typeof PHONE = DESKTOP) => openAs({ browser, base, seed }, who, url, device);

  beforeAll(async () => {
    app = await startBrowserApp();
    ({ t, seed, base, browser } = app);
  }, 240_000);
  afterAll(async () => {
    await app?.close();
  });

  it('organiser records a talk with a follow-up and a talk plan covering their branch; the member sees the talk and the follow-up on a phone', async () => {
    const organiser = await pageAs('organiserA', '/manage/talks');
    await organiser.getByRole('button', { name: '记录谈话' }).click();
    const dlg = organiser.getByRole('dialog');
    await chooseOption(organiser, dlg.getByLabel('谈话对象'), `党员甲（${seed.users.memberA.username}）`, '党员甲');
    await dlg.getByLabel('地点').fill('党支部办公室');
    await dlg.getByLabel('谈话内容', { exact: true }).fill('提醒严守廉洁纪律，节日期间不收受礼品礼金。');
    await dlg.getByLabel('本人表态').fill('坚决做到，请组织监督。');
    await dlg.getByRole('button', { name: '添加跟踪事项' }).click();
    await dlg.getByPlaceholder('如：一周内提交书面说明').fill('一周内提交个人有关事项说明');
    await screenshot(organiser, 'integrity-talk-record-desktop');
    await dlg.getByRole('button', { name: '保存' }).click();
    await organiser.getByText('已记录，1 项跟踪事项已交办').waitFor();
    await expectVisible(organiser.getByRole('row', { name: /党员甲.*支部书记甲.*1 项/ }));
    const talks = (await api('organiserA').get(`/talks?talkeeId=${seed.users.memberA.id}`).expect(200)).body.items;
    expect(talks).toEqual([expect.objectContaining({ kind: 'secretary_member', place: '党支部办公室', talkerName: '支部书记甲' })]);

    // A plan for the year over the branch: the talk just recorded counts.
    await organiser.getByRole('tab', { name: '谈话计划' }).click();
    await organiser.getByRole('button', { name: '新建谈话计划' }).click();
    const plan = organiser.getByRole('dialog');
    await plan.getByLabel('单位（含下级单位全体人员）').click();
    await organiser.locator('.ant-select-tree-title', { hasText: '第一党支部' }).click();
    await plan.getByRole('button', { name: '创建' }).click();
    await organiser.getByText(/已创建：应谈 \d+ 人，已谈 1 人/).waitFor();
    await organiser.locator('.ant-table-row').getByText(/年度廉政谈话全覆盖/).click();
    const coverage = organiser.getByTestId('coverage');
    await expectVisible(coverage.getByText('已谈'));
    await expectVisible(coverage.getByText('党员甲一')); // not talked to yet
    expect(await coverage.getByText('党员甲', { exact: true }).count()).toBe(0);
    await screenshot(organiser, 'integrity-talk-plan-desktop');
    await organiser.context().close();

    const member = await pageAs('memberA', '/talks', PHONE);
    await expectVisible(member.getByText('提醒严守廉洁纪律，节日期间不收受礼品礼金。'));
    await expectVisible(member.getByText(/谈话人 支部书记甲 · 党支部办公室/));
    await expectVisible(member.getByText('一周内提交个人有关事项说明'));
    await screenshot(member, 'integrity-my-talks-phone', true);
    await member.context().close();
  }, 120_000);

  it('organiser creates a reminder to their branch; it is sent; a member on a phone opens it from the notifications and acknowledges; the progress goes up', async () => {
    const organiser = await pageAs('organiserA', '/manage/reminders');
    await organiser.getByRole('button', { name: '新建提醒' }).click();
    const dlg = organiser.getByRole('dialog');
    await dlg.getByLabel('标题').fill(title);
    await dlg.getByLabel('提醒内容').fill('严禁用公款购买、赠送节礼，严禁违规收受礼品礼金。');
    await dlg.getByLabel('单位（含下级单位全体人员）').click();
    await organiser.locator('.ant-select-tree-title', { hasText: '第一党支部' }).click();
    await screenshot(organiser, 'integrity-reminder-create-desktop');
    await dlg.getByRole('button', { name: '创建' }).click();
    await organiser.waitForURL(/\/reminders\/[0-9a-f-]{36}$/);
    reminderId = organiser.url().split('/').pop()!;

    // The worker sends it (sendAt = now): memberA, memberA1 and organiserA are its people.
    for (let i = 0; i < 60; i++) {
      if ((await api('organiserA').get(`/reminders/${reminderId}`).expect(200)).body.sentAt) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    await organiser.reload();
    await expectText(organiser.getByTestId('ack-count'), '0');
    await expectVisible(organiser.getByText('党员甲'));

    const member = await pageAs('memberA', '/notifications', PHONE);
    await member.getByText(title).first().click();
    await member.waitForURL(`**/reminders/${reminderId}`);
    await expectVisible(member.getByText('严禁用公款购买、赠送节礼，严禁违规收受礼品礼金。'));
    await screenshot(member, 'integrity-reminder-phone');
    await member.getByRole('button', { name: '已阅知晓' }).click();
    await expectVisible(member.getByTestId('reminder-acknowledged'));
    await screenshot(member, 'integrity-reminder-acknowledged-phone');

    await organiser.reload();
    await expectText(organiser.getByTestId('ack-count'), '1');
    await screenshot(organiser, 'integrity-reminder-progress-desktop');
    await organiser.goto(`${base}/manage/reminders`);
    await expectVisible(organiser.getByTestId(`reminder-row-progress-${reminderId}`).getByText('1 / 3 人'));
    await screenshot(organiser, 'integrity-reminders-desktop');
    const phone = await pageAs('organiserA', '/manage/reminders', PHONE);
    await expectVisible(phone.getByText(title));
    await screenshot(phone, 'integrity-reminders-phone');
  }, 360_000);

  it('a member files a wedding declaration on a phone; the organiser sees it among those to confirm', async () => {
    const member = await pageAs('memberA', '/declarations', PHONE);
    await member.getByLabel('日期').click();
    // Every day up to today is disabled; the picker opens on tomorrow's month.
    await member.locator('.ant-picker-dropdown:visible td.ant-picker-cell-in-view:not(.ant-picker-cell-disabled)').first().click();
    const eventDate = await member.getByLabel('日期').inputValue();
    expect(eventDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await member.getByLabel('地点').fill('县城迎宾酒店');
    await member.getByLabel('人数').fill('80');
    await member.getByLabel('桌数').fill('8');
    await member.getByRole('button', { name: '提交报备' }).click();
    await member.getByText('已报备，待组织员确认').waitFor();
    await expectVisible(member.getByRole('link', { name: `婚事 · ${eventDate} · 县城迎宾酒店` }));
    await screenshot(member, 'integrity-declaration-phone', true);
    await member.context().close();

    const organiser = await pageAs('organiserA', '/manage/declarations');
    const row = organiser.getByRole('row', { name: new RegExp(`党员甲 婚事 ${eventDate} 县城迎宾酒店`) });
    await expectVisible(row);
    await expectVisible(row.getByText('待确认'));
    await screenshot(organiser, 'integrity-declarations-desktop');
    await row.getByRole('link', { name: '党员甲' }).click();
    await organiser.waitForURL(/\/declarations\/[0-9a-f-]{36}$/);
    await expectVisible(organiser.getByText('县城迎宾酒店'));
    await organiser.context().close();
  }, 90_000);

  it('an auditor finds a member and opens their dossier; another member opening that URL sees 无权访问', async () => {
    const auditor = await pageAs('auditor', '/dossier');
    await auditor.getByLabel('查询人员').fill('党员甲');
    await auditor.getByRole('button', { name: '查询' }).click();
    await auditor.getByRole('link', { name: '党员甲', exact: true }).click();
    await auditor.waitForURL(`**/dossier/${seed.users.memberA.id}`);
    await expectVisible(auditor.getByText('廉政档案：党员甲'));
    await expectVisible(auditor.getByTestId('dossier-summary'));
    // The reminder of the first flow is in it, acknowledged.
    await expectVisible(auditor.getByText(title));
    await screenshot(auditor, 'integrity-dossier-desktop', true);
    const log = (await api('memberA').get(`/people/${seed.users.memberA.id}/dossier/access-log`).expect(200)).body;
    expect(log.map((r: { viewerId: string }) => r.viewerId)).toContain(seed.users.auditor.id);

    const other = await pageAs('memberB', `/dossier/${seed.users.memberA.id}`, PHONE);
    await expectVisible(other.getByText('无权访问'));
    await expect(other.getByText('廉政档案：党员甲').count()).resolves.toBe(0);
    await screenshot(other, 'integrity-dossier-forbidden-phone');

    const own = await pageAs('memberA', '/dossier/me', PHONE);
    await expectVisible(own.getByText('廉政档案：党员甲'));
    await screenshot(own, 'integrity-dossier-phone');
  }, 180_000);
});

async function expectVisible(locator: ReturnType<Page['getByText']>): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout: 20_000 });
}

async function expectText(locator: ReturnType<Page['getByText']>, text: string): Promise<void> {
  await locator.filter({ hasText: new RegExp(`^${text}$`) }).waitFor({ state: 'visible', timeout: 20_000 });
}
