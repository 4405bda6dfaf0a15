import crypto from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext } from '@playwright/test';
import { passageWords } from '@/lib/knowledge/passage-match';
import { expect, test, useDemoManual } from './fixtures';
import { ChatPage } from './pages/chat';
import { ViewerPage } from './pages/viewer';

const DEMO_PAGES = 45;
const UUID = '[0-9a-f-]{36}';

async function passageOf(request: APIRequestContext, chunkId: string) {
  const res = await request.get(`/api/knowledge/chunks/${chunkId}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { chunk: { documentId: string; pageStart: number; pageEnd: number; content: string } }).chunk;
}

const joined = (text: string) => passageWords(text).join('');

test.describe('the manual viewer', () => {
  let manual: Awaited<ReturnType<typeof useDemoManual>>;
  test.beforeAll(async ({ browser }, info) => {
    test.setTimeout(150_000);
    manual = await useDemoManual(browser, info.project.use.baseURL!, 'AC-400 service manual (viewer test)');
  });
  test.afterAll(async () => {
    await manual?.dispose();
  });

  test('a citation opens the manual in the app at the cited page, with the passage highlighted @both', async ({
    page,
    context,
    signIn,
  }, info) => {
    await signIn('technician');
    const chat = new ChatPage(page);
    await chat.startNew();
    await chat.setMachine('AC-400');
    await chat.send('E07 discharge temperature high: what should I check?');
    await chat.expectAnswerStatus('complete');
    const link = chat.lastAnswer().getByTestId('source').first().getByRole('link').first();
    await expect(link).toHaveAttribute('href', new RegExp(`^/manuals/${UUID}\\?page=\\d+&chunk=${UUID}$`));
    await expect(link).toHaveAttribute('target', '_blank');

    const problems: string[] = [];
    context.on('console', (message) => {
      if (/Content Security Policy|Refused to|pdf\.js|Warning:/i.test(message.text()) || message.type() === 'error')
        problems.push(message.text());
    });
    const [tab] = await Promise.all([context.waitForEvent('page'), link.click()]);
    const url = new URL(tab.url());
    const cited = Number(url.searchParams.get('page'));
    const chunk = await passageOf(tab.request, url.searchParams.get('chunk')!);
    expect(cited).toBeGreaterThanOrEqual(chunk.pageStart);
    expect(cited).toBeLessThanOrEqual(chunk.pageEnd);

    const viewer = new ViewerPage(tab);
    await expect(viewer.title).not.toBeEmpty();
    await viewer.expectRendered(cited, DEMO_PAGES);
    await expect(viewer.status).toHaveText('The cited passage is highlighted.');
    await expect(viewer.highlights.first()).toBeInViewport();
    const passage = joined(chunk.content);
    const texts = await viewer.highlights.allTextContents();
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(passage, `highlighted "${text}" is not in the passage`).toContain(joined(text));
    expect(texts.map(joined).join('').length, 'most of the passage on this page is highlighted').toBeGreaterThan(
      Math.min(passage.length / 4, 80),
    );

    // Accessibility of the whole viewer, pdf.js's text layer included.
    const axe = await new AxeBuilder({ page: tab }).analyze();
    const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await tab.screenshot({ path: `tests/e2e/screenshots/viewer-${info.project.name}.png` });

    // Leafing on and back: the address follows; the passage is highlighted again on its page.
    const other = cited < DEMO_PAGES ? cited + 1 : cited - 1;
    await viewer.turn(other > cited ? 'Next page' : 'Previous page');
    await viewer.expectRendered(other, DEMO_PAGES);
    await expect(tab).toHaveURL(new RegExp(`[?&]page=${other}(&|$)`));
    if (other < chunk.pageStart || other > chunk.pageEnd) await expect(viewer.highlights).toHaveCount(0);
    await tab.getByRole('button', { name: `Back to page ${chunk.pageStart}` }).click();
    await viewer.expectRendered(chunk.pageStart, DEMO_PAGES);
    await expect(viewer.highlights.first()).toBeVisible();

    // The original file is one click away.
    const original = await tab.getByTestId('open-original').getAttribute('href');
    expect(original).toBe(`/api/knowledge/${chunk.documentId}/file#page=${chunk.pageStart}`);
    const file = await tab.request.get(original!.split('#')[0]);
    expect(file.headers()['content-type']).toBe('application/pdf');
    expect(problems, 'console errors, CSP or pdf.js warnings').toEqual([]);
    await tab.close();
  });

  test('opens a page without a passage, clamps a page past the end, and says so when a passage is gone', async ({ page, signIn }) => {
    await signIn('support');
    const viewer = new ViewerPage(page);
    await viewer.goto(manual.id, { page: 999 });
    await viewer.expectRendered(DEMO_PAGES, DEMO_PAGES);
    await expect(viewer.highlights).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Next page' })).toBeDisabled();

    await viewer.goto(manual.id, { page: 2, chunk: crypto.randomUUID() });
    await viewer.expectRendered(2, DEMO_PAGES);
    await expect(viewer.status).toContainText('no longer in the index');

    // The file vanishes after the page was served (deleted meanwhile): a message, not raw JSON.
    await page.route('**/api/knowledge/*/file', (route) =>
      route.fulfill({ status: 404, contentType: 'application/json', body: '{"error":{"code":"not_found","message":"Manual not found."}}' }),
    );
    await viewer.goto(manual.id, { page: 3 });
    await expect(viewer.status).toHaveText('This manual is no longer available. It may have been deleted.');
    await expect(viewer.status).toHaveAttribute('role', 'alert');
    await expect(page.getByText('not_found')).toHaveCount(0);
  });

  test('a deleted or unknown manual gets a friendly page, not an error', async ({ page, signIn }) => {
    await signIn('technician');
    const res = await page.goto(`/manuals/${crypto.randomUUID()}?page=3`);
    expect(res?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'This manual is no longer available' })).toBeVisible();
    await page.goto('/manuals/not-a-manual');
    await expect(page.getByRole('heading', { name: 'This manual is no longer available' })).toBeVisible();
  });
});

test('the viewer needs a sign-in', async ({ page }) => {
  await page.goto(`/manuals/${crypto.randomUUID()}?page=1`);
  await expect(page).toHaveURL(/\/sign-in/);
});
