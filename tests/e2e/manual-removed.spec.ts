import { expect, signInAs, test } from './fixtures';
import { ChatPage } from './pages/chat';

// A manual of its own (Markdown: indexed in a moment), cited in an answer, then deleted.
const guide = (title: string) =>
  `# ${title}\n\n## Error F3\n\nF3 on the P-30 pump means the impeller is blocked. Switch the pump off, open the inlet cover and remove the debris.\n`;

test('a citation of a deleted manual opens a page saying which manual it was @both', async ({ page, browser, signIn }, info) => {
  test.setTimeout(120_000);
  const title = `P-30 pump guide (${info.project.name})`;
  const machine = `P-30-${info.project.name}`;
  const adminContext = await browser.newContext({ baseURL: info.project.use.baseURL });
  const admin = await adminContext.newPage();
  await signInAs(admin, 'admin');
  const headers = { origin: new URL(info.project.use.baseURL!).origin };
  const uploaded = await admin.request.post('/api/knowledge', {
    headers,
    multipart: {
      file: { name: 'p30-guide.md', mimeType: 'text/markdown', buffer: Buffer.from(guide(title)) },
      version: '2.1',
      machineModels: machine,
    },
  });
  expect(uploaded.status()).toBe(201);
  const id = ((await uploaded.json()) as { documents: { id: string }[] }).documents[0].id;
  await expect
    .poll(
      async () => ((await (await admin.request.get(`/api/knowledge/${id}`)).json()) as { document: { status: string } }).document.status,
    )
    .toBe('ready');

  await signIn('technician');
  const chat = new ChatPage(page);
  await chat.startNew();
  await chat.setMachine(machine);
  await chat.send('The P-30 pump shows F3, the impeller seems blocked. What do I do?');
  await chat.waitForSessionId();
  await chat.expectAnswerStatus('complete');
  const source = chat.sources().filter({ hasText: title }).first();
  await expect(source).toBeVisible();

  expect((await admin.request.delete(`/api/knowledge/${id}`, { headers })).status()).toBe(204);
  await adminContext.close();

  // The answer keeps its source; opening it says what the manual was instead of failing.
  await page.reload();
  await expect(source).toBeVisible();
  const [viewer] = await Promise.all([page.context().waitForEvent('page'), source.getByRole('link').click()]);
  await viewer.waitForLoadState();
  const removed = viewer.getByTestId('manual-removed');
  await expect(removed).toBeVisible();
  await expect(removed).toContainText('This manual has been removed');
  await expect(removed).toContainText(title);
  await expect(removed).toContainText('(version 2.1)');
  await expect(removed).toContainText('p30-guide.md');
  await expect(removed).toContainText('was deleted on');
  await expect(viewer).toHaveTitle(new RegExp(`${title.replace(/[()]/g, '\\$&')} \\(removed\\)`));
  expect(await viewer.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await viewer.screenshot({ path: `tests/e2e/screenshots/manual-removed-${info.project.name}.png` });

  // The file itself answers 410 with the same facts.
  const file = await viewer.request.get(`/api/knowledge/${id}/file`);
  expect(file.status()).toBe(410);
  expect(((await file.json()) as { error: { code: string } }).error.code).toBe('gone');
  await viewer.close();
});
