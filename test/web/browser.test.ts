import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFeedback } from '../../src/answer/feedback.ts';
import { runTerminalChat } from '../../src/terminal/chat.ts';
import { type Dashboard, member, startDashboard } from './dashboard-support.ts';
import { systemChromium } from './find-browser.ts';

/** Kept out of git (.gitignore); CI leaves them next to its other output. */
const SCREENSHOTS = resolve(import.meta.dirname, '../../.ci/out/screenshots');
const executablePath = systemChromium();
// In CI the browser is installed by .ci/run, so a missing one is a failure there, never a skip.
const skip = !executablePath && !process.env.CI;
if (skip) console.warn('Browser test skipped: no chromium found (apt-get install chromium, or set CHROMIUM_PATH).');

describe.skipIf(skip)('the dashboard in a real browser (system chromium)', () => {
  let d: Dashboard;
  let browser: Browser;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    if (!executablePath) throw new Error('CI needs chromium: .ci/run installs it with apt-get install chromium');
    mkdirSync(SCREENSHOTS, { recursive: true });
    d = await startDashboard();
    await d.as(member('ana'), '/privacy mentors:on');
    await d.as(member('ana'), '/profile set track:ml-platform goal:"<b>Ship</b> a model"');
    await d.as(member('ana'), '/project add name:"Churn model" url:https://github.com/ana/churn summary:"Served with FastAPI"');
    const rated = await d.as(member('ana'), 'How long does the switch to ML engineering take?');
    recordFeedback(d.app.db, { turnId: rated.turnId ?? -1, memberId: 'ana', helpful: false, at: d.clock.now });
    await d.as(member('ana'), 'Where is the best pizza in Rome?');
    await d.as(member('bob'), 'Where is the best <i>pizza</i> in Naples?');
    browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await d?.close();
  });

  /** The link exactly as a mentor gets it: typed into the terminal chat with --roles mentor. */
  async function linkFromTerminalChat(): Promise<string> {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => {
      printed += chunk.toString('utf8');
    });
    const chat = runTerminalChat(d.app, { memberId: 'mentor-1', roles: ['mentor'], input, output });
    input.end('/mentor dashboard\n');
    await chat;
    const link = printed.match(/http:\/\/\S+\/signin\/[\w-]+/)?.[0];
    if (!link) throw new Error(`no link printed: ${printed}`);
    return link;
  }

  it('signs in through the link from the terminal chat and shows each page as a mentor sees it', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const tab = await context.newPage();
    tab.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    const shot = (name: string) => tab.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

    await tab.goto(await linkFromTerminalChat());
    await tab.getByRole('button', { name: 'Sign in' }).click();
    await tab.waitForURL(/\/mentees$/);
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: 'pivot_session', httpOnly: true, sameSite: 'Strict' });
    expect(await tab.locator('h1').textContent()).toBe('Mentees (1)');
    const row = tab.locator('tbody tr').first();
    expect(await row.locator('td').first().textContent()).toBe('ana');
    expect(await row.locator('progress').getAttribute('max')).toBe('20');
    await shot('mentees');

    await tab.getByRole('link', { name: 'ana' }).click();
    expect(await tab.locator('h1').textContent()).toBe('ana');
    expect(await tab.locator('tr', { hasText: 'Goal' }).locator('td').textContent()).toBe('<b>Ship</b> a model');
    expect(await tab.locator('article.turn').count()).toBe(2);
    expect(await tab.locator('article.turn', { hasText: 'switch to ML' }).textContent()).toContain('👎');
    await tab.getByLabel(/Leave a note/).fill('Have a look at the portfolio guide <3');
    await tab.getByRole('button', { name: 'Send note' }).click();
    await tab.waitForURL(/noted=1$/);
    expect(await tab.getByRole('status').textContent()).toBe('Noted: they will see it with their next private reply.');
    expect(await tab.locator('li', { hasText: 'portfolio guide' }).locator('.text').textContent()).toBe('Have a look at the portfolio guide <3');
    await shot('mentee');

    await tab.getByRole('link', { name: 'Flagged' }).click();
    expect(await tab.locator('h1').textContent()).toBe('Flagged (2)');
    expect(await tab.content()).not.toContain('bob');
    await shot('flagged');

    await tab.getByRole('link', { name: 'Coverage gaps' }).click();
    expect(await tab.locator('h1').textContent()).toBe('Coverage gaps');
    expect(await tab.locator('tr', { hasText: 'pizza' }).locator('td').nth(2).textContent()).toBe('2');
    await shot('gaps');

    await tab.getByRole('button', { name: 'Sign out' }).click();
    expect(await tab.locator('h1').textContent()).toBe('Signed out');
    await tab.goto(`${d.web.url}/mentees`);
    expect(await tab.locator('h1').textContent()).toBe('Not signed in');
    expect(cspViolations).toEqual([]);
    await context.close();
  });

  it('refuses a link that was already used', async () => {
    const context = await browser.newContext();
    const tab = await context.newPage();
    const link = await linkFromTerminalChat();
    await tab.goto(link);
    await tab.getByRole('button', { name: 'Sign in' }).click();
    await tab.waitForURL(/\/mentees$/);
    const other = await browser.newContext();
    const second = await other.newPage();
    await second.goto(link);
    await second.getByRole('button', { name: 'Sign in' }).click();
    expect(await second.locator('h1').textContent()).toBe('Link not valid');
    await other.close();
    await context.close();
  });
});
