import { expect, signInAs, test } from './fixtures';

// The e2e model quotes what it is given: the summary it writes repeats the answer, which repeats
// the question, Markdown and all. The escalation page shows that Markdown rendered.
test('the escalation page shows the summary rendered, not its Markdown marks', async ({ page, browser, signIn }) => {
  await signIn('technician');
  const origin = new URL(page.url()).origin;
  const chat = await page.request.post('/api/chat', {
    data: { message: 'The display shows **E07** and the fan stops after ten minutes.', machineModel: 'AC-400' },
    headers: { origin },
  });
  expect(chat.ok()).toBe(true);
  const sessionId = /"sessionId":"([0-9a-f-]{36})"/.exec(await chat.text())![1];
  const res = await page.request.post(`/api/sessions/${sessionId}/escalate`, { data: { urgency: 'normal' }, headers: { origin } });
  expect(res.status()).toBe(201);
  const { id } = (await res.json()).escalation as { id: string };

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const support = await context.newPage();
  await signInAs(support, 'support');
  const stored = (await (await support.request.get(`/api/escalations/${id}`)).json()) as { escalation: { summary: string } };
  expect(stored.escalation.summary).toContain('**E07**');
  await support.goto(`/escalations/${id}`);
  const shown = support.getByTestId('escalation-summary');
  await expect(shown.locator('strong', { hasText: 'E07' })).toBeVisible();
  await expect(shown).not.toContainText('**');
  await shown.screenshot({ path: 'tests/e2e/screenshots/escalation-summary-desktop.png' });
  await context.close();
});
