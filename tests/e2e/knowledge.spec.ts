import path from 'node:path';
import { expect, test } from './fixtures';
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
