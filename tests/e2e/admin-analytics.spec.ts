import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext } from '@playwright/test';
import { expect, signInAs, test } from './fixtures';
import { AdminAnalyticsPage } from './pages/admin-analytics';

const MACHINE = 'ZX-77';

/** A turn through the chat API as the signed-in technician; the answer's text arrives before this returns. */
async function ask(request: APIRequestContext, origin: string, message: string, sessionId?: string) {
  const res = await request.post('/api/chat', {
    data: { message, ...(sessionId ? { sessionId } : { machineModel: MACHINE }) },
    headers: { origin },
  });
  expect(res.ok()).toBe(true);
  return /"sessionId":"([0-9a-f-]{36})"/.exec(await res.text())![1];
}

test('the dashboard shows the charts and figures of seeded activity, and a table downloads as CSV @both', async ({
  page,
  browser,
  baseURL,
}, info) => {
  // Activity: a technician asks two questions about a machine no manual covers, rates the answer
  // "not helpful" and escalates; another conversation is asked about the same machine.
  const techContext = await browser.newContext({ baseURL });
  const tech = await techContext.newPage();
  await signInAs(tech, 'technician');
  const origin = new URL(baseURL!).origin;
  const sessionId = await ask(tech.request, origin, `How do I replace the drive belt on the ${MACHINE}?`);
  await ask(tech.request, origin, 'Where is the belt tensioner?', sessionId);
  const { messages } = (await (await tech.request.get(`/api/sessions/${sessionId}`)).json()) as {
    messages: { id: string; role: string }[];
  };
  const answer = messages.filter((m) => m.role === 'assistant').pop()!;
  expect((await tech.request.post(`/api/messages/${answer.id}/feedback`, { data: { helpful: false }, headers: { origin } })).ok()).toBe(
    true,
  );
  const escalated = await tech.request.post(`/api/sessions/${sessionId}/escalate`, { data: { urgency: 'normal' }, headers: { origin } });
  expect(escalated.status()).toBe(201);
  await ask(tech.request, origin, `Replacing the drive belt of a ${MACHINE}`);
  await techContext.close();

  // The admin's dashboard, last 7 days.
  await signInAs(page, 'admin');
  const dashboard = new AdminAnalyticsPage(page);
  await dashboard.goto();
  await dashboard.choosePreset(7);
  await expect(page).toHaveURL(/\/admin\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
  await dashboard.expectChartsDrawn(4);
  expect(Number(await dashboard.kpi('conversations').textContent())).toBeGreaterThanOrEqual(2);
  await expect(dashboard.kpi('escalation')).toHaveText(/^\d+(\.\d)? %$/);
  // The escalation keeps the reason of the assistant's offer before it (no answer in the manuals), if there was one.
  await expect(dashboard.section('escalations').getByRole('table')).toContainText(/No answer in the manuals|Asked for support/);
  await expect(dashboard.section('machine-models')).toContainText(MACHINE);
  // Both questions about the drive belt of the uncovered machine are one gap.
  const gap = dashboard.gapRows.filter({ hasText: `How do I replace the drive belt on the ${MACHINE}?` });
  await expect(gap).toHaveCount(1);
  await expect(gap).toContainText(MACHINE);
  // The figures behind the daily chart are in a table for screen readers.
  await expect(page.getByRole('table', { name: 'Conversations, messages and escalations per day' })).toBeAttached();

  const { download, text } = await dashboard.downloadCsv('gaps');
  expect(download.suggestedFilename()).toMatch(/^fixline-analytics-gaps-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = text.trimEnd().split('\n');
  expect(lines[0]).toBe('machine model,manual,question words,occurrences,declined,no passage,not helpful,last seen,examples');
  expect(lines.some((l) => l.startsWith(`${MACHINE},`) && l.includes('drive belt'))).toBe(true);

  const axe = await new AxeBuilder({ page }).analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  if (info.project.name === 'phone') {
    await dashboard.scrollToTop();
    await page.screenshot({ path: 'tests/e2e/screenshots/admin-analytics-phone.png' });
    await dashboard.section('gaps').scrollIntoViewIfNeeded();
    await dashboard.section('gaps').screenshot({ path: 'tests/e2e/screenshots/admin-analytics-phone-gaps.png' });
    await dashboard.screenshotWhole('tests/e2e/screenshots/admin-analytics-phone-full.png');
  } else {
    await dashboard.screenshotWhole('tests/e2e/screenshots/admin-analytics-desktop.png');
  }
});

test('a range that cannot be shown says why and shows the last 30 days', async ({ page, signIn }) => {
  await signIn('admin');
  const dashboard = new AdminAnalyticsPage(page);
  await dashboard.goto('from=2026-05-01&to=2026-04-01');
  await expect(page.getByTestId('range-error')).toContainText('`from` must be on or before `to`.');
  await expect(page.getByTestId('preset-30')).toHaveAttribute('aria-current', 'page');
});
