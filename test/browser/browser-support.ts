/// <reference lib="dom" />
import { expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { projectRoot } from '../../src/paths.js';

/** What every console browser test shares: Chromium, README screenshots, the accessibility pass, login. */

function findChromium(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}
export const chromiumPath = findChromium();
const shots = join(projectRoot(), 'docs', 'screenshots');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export async function launchChromium(): Promise<Browser> {
  mkdirSync(shots, { recursive: true });
  return chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--headless'] });
}

/** A browser context as a civil servant in Vietnam has it: Vietnamese, Vietnam time, the given screen. */
export function newContext(browser: Browser, width: number, height: number): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width, height }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
}

/** README screenshots: written when missing, or refreshed with SCREENSHOTS=1 (so a test run does not churn tracked PNGs). */
export async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  const path = join(shots, name);
  if (process.env.SCREENSHOTS === '1' || !existsSync(path)) await page.screenshot({ path, fullPage });
}

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

/** axe-core over the page as it is (dialogs included): no serious or critical violation. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource);
  const result = (await page.evaluate(() => (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> } }).axe.run(document, { resultTypes: ['violations'] }))) as AxeResult;
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(bad, `accessibility of ${what}`).toEqual([]);
}

/** Signs in with a simulator account (password "simulator"). */
export async function login(page: Page, base: string, username: string, shotName?: string): Promise<void> {
  await page.goto(`${base}/admin/`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill('simulator');
  if (shotName) await shot(page, shotName);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.locator('#whoami').waitFor();
}

/**
 * expect.poll with a longer default wait: with the whole suite running on two cores a login (scrypt) or a
 * publish can take longer than poll's default second; a real failure still fails, just later.
 */
export function eventually<T>(fn: () => T, options: { timeout?: number } = {}) {
  return expect.poll(fn, { timeout: 8000, ...options });
}

export const flash = (page: Page) => page.locator('#flash').textContent();
export const dialog = (page: Page) => page.getByRole('dialog');
