import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page, TestInfo } from '@playwright/test';
import { expect, signInAs, test, useDemoManual } from './fixtures';
import { ChatPage } from './pages/chat';

// Every page, at both widths, in a realistic state (data present, a dialog open where cheap):
// no serious or critical axe-core violation, one main landmark and a title of its own.

const TITLE = 'AC-400 service manual (accessibility test)';

/** What the pages show: a manual, a conversation with a cited answer, an escalated one, an invite. */
interface World {
  manualId: string;
  citedSessionId: string;
  escalatedSessionId: string;
  escalationId: string;
  inviteUrl: string;
  dispose: () => Promise<void>;
}

async function makeWorld(browser: Browser, baseURL: string): Promise<World> {
  const manual = await useDemoManual(browser, baseURL, TITLE);
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const origin = new URL(baseURL).origin;

  await signInAs(page, 'technician');
  const ask = async (message: string) => {
    const res = await page.request.post('/api/chat', { data: { message, machineModel: 'AC-400' }, headers: { origin } });
    expect(res.ok()).toBe(true);
    return /"sessionId":"([0-9a-f-]{36})"/.exec(await res.text())![1];
  };
  const citedSessionId = await ask('E07 discharge temperature high: what should I check?');
  const escalatedSessionId = await ask('The AC-400 trips with E07 after ten minutes.');
  const escalated = await page.request.post(`/api/sessions/${escalatedSessionId}/escalate`, {
    data: { urgency: 'high', note: 'Line 3 is down; cooler already cleaned.', phone: '+44 20 7946 0018' },
    headers: { origin },
  });
  expect(escalated.status()).toBe(201);
  const escalationId = ((await escalated.json()) as { escalation: { id: string } }).escalation.id;
  await context.clearCookies();

  await signInAs(page, 'admin');
  const invited = await page.request.post('/api/admin/users', {
    data: { email: `a11y-${Date.now().toString(36)}@example.com`, name: 'Ada Invite', role: 'technician', invite: true },
    headers: { origin },
  });
  expect(invited.status()).toBe(201);
  const inviteUrl = ((await invited.json()) as { invite: { url: string } }).invite.url;
  await context.close();

  return { manualId: manual.id, citedSessionId, escalatedSessionId, escalationId, inviteUrl, dispose: manual.dispose };
}

const titles = new Map<string, string>();

/** axe-core, the landmark and the title (one per route); then a screenshot at this project's width. */
async function check(page: Page, name: string, info: TestInfo, route = name.replace(/ \(.*\)$/, '')) {
  await page.waitForLoadState('networkidle');
  const axe = await new AxeBuilder({ page }).analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  // Soft: one run lists every page's problems, not only the first page's.
  expect.soft(serious.map((v) => `${name} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  expect.soft(await page.getByRole('main').count(), `${name} has one main landmark`).toBe(1);
  const title = await page.title();
  expect.soft(title, `${name} has a title of its own`).toMatch(/ · Fixline$/);
  const other = [...titles].find(([r, t]) => t === title && r !== route);
  expect.soft(other?.[0], `${name} shares its title "${title}"`).toBeUndefined();
  titles.set(route, title);
  // Kept with the run's results (test-results/), for looking at every page after a change.
  await page.screenshot({ path: info.outputPath(`${name.replace(/\W+/g, '-')}-${info.project.name}.png`) });
}

test.describe.configure({ timeout: 180_000 });

let world: World;

test.beforeAll(async ({ browser }, info) => {
  test.setTimeout(180_000);
  world = await makeWorld(browser, info.project.use.baseURL!);
});

test.afterAll(async () => {
  await world?.dispose();
});

test('signed-out pages: sign-in, invite, not found @both', async ({ page }, info) => {
  await page.goto('/sign-in');
  await check(page, 'sign-in', info);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await check(page, 'sign-in (errors)', info);

  await page.goto(world.inviteUrl);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await check(page, 'invite', info);

  await page.goto('/no-such-page');
  await check(page, 'not-found', info);
});

test("the technician's pages: chat, manual viewer, profile, forbidden @both", async ({ page, signIn }, info) => {
  await signIn('technician');
  const chat = new ChatPage(page);
  await chat.goto();
  await expect(chat.sessionItems.first()).toBeVisible();
  await check(page, 'chat (list)', info);
  await chat.startNew();
  await check(page, 'chat', info);

  await page.goto(`/chat/${world.citedSessionId}`);
  await expect(chat.lastAnswer().getByTestId('source').first()).toBeVisible();
  await check(page, 'chat-answer', info, 'conversation');

  await page.goto(`/chat/${world.escalatedSessionId}`);
  await expect(page.getByTestId('escalation-banner')).toBeVisible();
  await check(page, 'chat-escalated', info, 'conversation');
  await chat.openMenuItem('Delete');
  await expect(page.getByTestId('confirm-dialog')).toBeVisible();
  await check(page, 'chat-escalated (dialog)', info, 'conversation');

  await page.goto(`/manuals/${world.manualId}?page=3`);
  await expect(page.getByTestId('pdf-page').locator('canvas')).toBeVisible();
  await check(page, 'manual', info);

  await page.goto('/profile/tokens');
  await check(page, 'tokens', info);
  await page.goto('/profile/privacy');
  await check(page, 'privacy', info);

  await page.goto('/admin/users');
  await page.waitForURL(/\/forbidden/);
  await check(page, 'forbidden', info);
});

test("support's pages: the inbox and one escalation @both", async ({ page, signIn }, info) => {
  await signIn('support');
  await page.goto('/escalations');
  await expect(page.getByTestId('escalation-row').first()).toBeVisible();
  await check(page, 'escalations', info);
  await page.goto(`/escalations/${world.escalationId}`);
  await expect(page.getByTestId('escalation-title')).toBeVisible();
  await check(page, 'escalation', info);
});

test("the admin's pages: knowledge, analytics, users, audit, consents, outbox @both", async ({ page, signIn }, info) => {
  await signIn('admin');
  await page.goto('/knowledge');
  await expect(page.getByTestId('manual-row').first()).toBeVisible();
  await check(page, 'knowledge', info);
  await page.getByRole('button', { name: 'Re-index all' }).click();
  await expect(page.getByTestId('confirm-dialog')).toBeVisible();
  await check(page, 'knowledge (dialog)', info);
  await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Cancel' }).click();

  for (const [path, name] of [
    ['/admin', 'analytics'],
    ['/admin/users', 'users'],
    ['/admin/audit', 'audit'],
    ['/admin/consents', 'consents'],
    ['/admin/outbox', 'outbox'],
  ]) {
    await page.goto(path);
    await check(page, name, info);
  }
  await page.goto('/admin/users');
  await page.getByRole('button', { name: 'New user' }).click();
  await expect(page.getByTestId('create-user-dialog')).toBeVisible();
  await check(page, 'users (dialog)', info);
});
