import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { Caller, Seed, SEED_PASSWORD, seedOrg } from '../support/seed';
import { createTestApp, TestApp } from '../support/test-app';

const root = resolve(__dirname, '../..');
export const WEB_DIST = join(root, 'apps/web/dist');
/**
 * Every run takes the screenshots; they replace the README's (docs/screenshots) only with
 * UPDATE_SCREENSHOTS=1, so that a test run leaves the checkout clean.
 */
export const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? join(root, 'docs/screenshots') : join(tmpdir(), 'qf-screenshots');

/** Debian's Chromium (`which chromium`), or CHROMIUM_PATH; null when none can be had. */
export function chromiumPath(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, whichChromium(), '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => Boolean(p) && existsSync(p!)) ?? null;
}

function whichChromium(): string | undefined {
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * `describe` for browser flows. Without a Chromium the suite fails with what to install, rather than
 * passing unseen: `.ci/run` installs Debian's chromium, so a missing one is a broken machine.
 */
export function describeInBrowser(name: string, fn: () => void): void {
  if (chromiumPath()) return describe(name, fn);
  describe(name, () => {
    it('needs Chromium', () => {
      throw new Error("no Chromium found: install Debian's `chromium` (apt-get install -y chromium fonts-noto-cjk, as .ci/run does) or set CHROMIUM_PATH");
    });
  });
}

/** The real api + worker listening on a port with the built web app, the seeded org, and Chromium. */
export interface BrowserApp {
  t: TestApp;
  seed: Seed;
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startBrowserApp(): Promise<BrowserApp> {
  ensureWebBuild();
  const t = await createTestApp({ worker: true, env: { WEB_DIST_DIR: WEB_DIST } });
  const seed = await seedOrg(t);
  await t.app.listen(0, '127.0.0.1');
  const base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  const browser = await launchChromium();
  return {
    t,
    seed,
    base,
    browser,
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

/** The api as `caller`, for setting up what a flow needs. */
export function apiAs(app: Pick<BrowserApp, 't' | 'seed'>, caller: Caller) {
  const auth = app.seed.auth(caller);
  return {
    post: (path: string, body: object) => app.t.http().post(`/api/v1${path}`).set('Authorization', auth).send(body),
    get: (path: string) => app.t.http().get(`/api/v1${path}`).set('Authorization', auth),
  };
}

/** Fills the login form on the page it is shown on. */
export async function logIn(page: Page, username: string): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(SEED_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
}

/** A fresh browser context (cookies, storage) on `url`, logged in there as `who`. */
export async function pageAs(app: Pick<BrowserApp, 'browser' | 'base' | 'seed'>, who: Caller, url: string, device: typeof DESKTOP | typeof PHONE = DESKTOP): Promise<Page> {
  const ctx = await app.browser.newContext(device);
  const page = await ctx.newPage();
  await page.goto(`${app.base}${url}`);
  await logIn(page, app.seed.users[who].username);
  await page.waitForURL(`**${url}`);
  return page;
}

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((f) => newestMtime(join(path, f))));
}

/** Builds apps/web/dist when it is missing or older than its sources (once, even with parallel workers). */
export function ensureWebBuild(): void {
  const index = join(WEB_DIST, 'index.html');
  const sources = ['apps/web/src', 'apps/web/index.html', 'apps/web/vite.config.mts', 'libs/common/src/char-count.ts'].map((p) => join(root, p));
  const stale = () => !existsSync(index) || Math.max(...sources.map(newestMtime)) > statSync(index).mtimeMs;
  if (!stale()) return;
  const lock = join(root, 'apps/web/.build-lock');
  for (let waited = 0; ; waited += 500) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (waited > 300_000) throw new Error(`web build lock ${lock} held for 5 minutes; remove it if no build runs`);
      execFileSync('sleep', ['0.5']);
    }
  }
  try {
    if (stale()) {
      execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(root, 'apps/web/vite.config.mts'), '--logLevel', 'warn'], {
        cwd: root,
        // Jest sets NODE_ENV=test, which would make a development bundle.
        env: { ...process.env, NODE_ENV: 'production' },
        stdio: 'inherit',
      });
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Chromium with the flags that work as root without network, on a fresh profile. */
export async function launchChromium(): Promise<Browser> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chromium } = require('playwright-core') as typeof import('playwright-core');
  // Playwright gives every launch a fresh temporary profile (--user-data-dir) and removes it on close.
  return chromium.launch({
    executablePath: chromiumPath()!,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export const PHONE = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' };
export const DESKTOP = { viewport: { width: 1280, height: 800 }, locale: 'zh-CN' };

export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Drawers, modals and dropdowns slide and fade in: let every finite animation end (≤ 1.5 s) so the
  // picture shows the screen as people see it, not mid-transition.
  // (A string: this project's Node types know no DOM.)
  await page.evaluate(`Promise.race([
    Promise.all(document.getAnimations()
      .filter((a) => a.effect && a.effect.getTiming().iterations !== Infinity)
      .map((a) => a.finished.catch(() => undefined))),
    new Promise((resolve) => setTimeout(resolve, 1500)),
  ])`);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** Polls `read` until `ok` holds of its value (10 s), else fails with the last value. */
export async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Picks an option of an antd Select by typing its label (or `search`, for a select that asks the api,
 * such as the person search), and waits until the Select shows it. Under load a click can land while
 * the dropdown is still opening or its options re-render; then it tries again.
 */
export async function chooseOption(page: Page, combobox: ReturnType<Page['getByLabel']>, label: string, search = label): Promise<void> {
  const select = combobox.locator('xpath=ancestor::*[contains(concat(" ", @class, " "), " ant-select ")][1]');
  for (let attempt = 1; ; attempt++) {
    await combobox.click();
    await combobox.fill(search);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label }).first().click();
    try {
      await until(() => select.innerText(), (text) => text.includes(label), 3_000);
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}
