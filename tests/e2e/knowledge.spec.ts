import path from 'node:path';
import { expect, test, useDemoManual } from './fixtures';
import { ChatPage } from './pages/chat';
import { KnowledgePage } from './pages/knowledge';

const DEMO = path.resolve(__dirname, '../../assets/demo-manual/aerotech-ac-400-service-manual.pdf');
const TITLE = 'AC-400 service manual (browser test)';

test('an admin uploads a manual and watches it index; a technician asks and opens the cited page', async ({ browser }) => {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  const { signInAs } = await import('./fixtures');
  await signInAs(admin, 'admin');
  const knowledge = new KnowledgePage(admin);
  await knowledge.goto();
  await knowledge.upload(DEMO, { title: TITLE, models: 'AC-400' });
  await expect(admin.getByTestId('upload-list')).toContainText('Uploaded — indexing in the background.');
  await knowledge.expectReady(TITLE);
  await expect(knowledge.row(TITLE)).toContainText('45 pages');
  await admin.screenshot({ path: 'tests/e2e/screenshots/knowledge-desktop.png' });

  // Uploading the same file again is refused with an offer to replace it.
  await knowledge.upload(DEMO, {});
  await expect(admin.getByRole('alert').filter({ hasText: 'already in the knowledge base' })).toBeVisible();
  await expect(admin.getByRole('button', { name: `Replace “${TITLE}”` })).toBeVisible();
  await adminContext.close();

  const techContext = await browser.newContext();
  const tech = await techContext.newPage();
  await signInAs(tech, 'technician');
  const chat = new ChatPage(tech);
  await chat.goto();
  await chat.startNew();
  await chat.setMachine('AC-400');
  await chat.send('E07 discharge temperature high: what should I check?');
  await chat.expectAnswerStatus('complete');
  const source = chat.lastAnswer().getByTestId('source').first();
  await expect(source).toContainText(TITLE);
  await expect(source).toContainText(/p\. \d+/);

  // The citation opens the manual in the app's viewer at that page (tests/e2e/viewer.spec.ts has the rest).
  const [viewer] = await Promise.all([techContext.waitForEvent('page'), source.getByRole('link').first().click()]);
  await viewer.waitForURL(/\/manuals\/[0-9a-f-]{36}\?page=\d+&chunk=[0-9a-f-]{36}$/);
  await expect(viewer.getByTestId('pdf-page').locator('canvas')).toBeVisible();
  const original = await viewer.getByTestId('open-original').getAttribute('href');
  expect(original).toMatch(/^\/api\/knowledge\/[0-9a-f-]{36}\/file#page=\d+$/);
  const response = await tech.request.get(original!.split('#')[0]);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');
  await techContext.close();
});

test('re-indexing shows its progress and its end, for one manual and for all; Delete and Re-index all ask in the app @both', async ({
  page,
  browser,
  baseURL,
  signIn,
}, info) => {
  const manual = await useDemoManual(browser, baseURL!, TITLE);
  // The browser's own confirm() would show up here; the page must use its dialog instead.
  const nativeDialogs: string[] = [];
  page.on('dialog', (d) => {
    nativeDialogs.push(d.message());
    void d.dismiss();
  });
  await signIn('admin');
  const knowledge = new KnowledgePage(page);
  await knowledge.goto();
  const row = page.getByTestId('manual-row').filter({ has: page.locator(`a[href="/api/knowledge/${manual.id}/file"]`) });
  await expect(row.getByTestId('manual-status')).toHaveText('Ready');

  // One manual: the row shows a progress bar while the job reads it again, then says it is done.
  await row.getByRole('button', { name: 'Re-index' }).click();
  await expect(row.getByTestId('ingest-progress')).toBeVisible();
  await expect(row.getByTestId('manual-status')).toHaveText('Re-indexing');
  await expect(row.getByRole('progressbar')).toHaveAttribute('aria-valuemax', '100');
  await expect(row.getByTestId('manual-status')).toHaveText('Ready', { timeout: 60_000 });
  await expect(row.getByTestId('reindexed')).toContainText('from 45 pages');

  // Re-index all asks first; Cancel queues nothing.
  await page.getByRole('button', { name: 'Re-index all' }).click();
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading')).toHaveText('Re-index every manual?');
  await page.screenshot({ path: `tests/e2e/screenshots/knowledge-reindex-dialog-${info.project.name}.png` });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('reindex-summary')).toHaveCount(0);
  await expect(row.getByTestId('manual-status')).toHaveText('Ready');

  await page.getByRole('button', { name: 'Re-index all' }).click();
  await dialog.getByRole('button', { name: 'Re-index all' }).click();
  await expect(dialog).toBeHidden();
  const summary = page.getByTestId('reindex-summary');
  await expect(summary).toContainText(/Re-indexing \d+ manuals?: \d+ done/);
  await page.screenshot({ path: `tests/e2e/screenshots/knowledge-reindexing-${info.project.name}.png` });
  await expect(summary).toContainText(/Re-indexed (\d+) of \1 manuals?\./, { timeout: 90_000 });
  await expect(row.getByTestId('manual-status')).toHaveText('Ready');

  // Delete asks in the same dialog: Cancel keeps the manual, confirming removes it.
  const extra = await page.request.post('/api/knowledge', {
    headers: { origin: new URL(baseURL!).origin },
    multipart: {
      file: {
        name: `delete-me-${info.project.name}.md`,
        mimeType: 'text/markdown',
        buffer: Buffer.from(`# Delete me ${Date.now()}\n\nA page to delete.\n`),
      },
      title: `Delete me (${info.project.name})`,
    },
  });
  expect(extra.status()).toBe(201);
  await page.reload();
  const doomed = knowledge.row(`Delete me (${info.project.name})`);
  await doomed.getByRole('button', { name: 'Delete' }).click();
  await expect(dialog.getByRole('heading')).toHaveText(`Delete “Delete me (${info.project.name})”?`);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(doomed).toBeVisible();
  await doomed.getByRole('button', { name: 'Delete' }).click();
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(doomed).toHaveCount(0);

  expect(nativeDialogs).toEqual([]);
  await manual.dispose();
});
