import type { APIRequestContext, Page } from '@playwright/test';
import { expect, signInAs, test } from './fixtures';
import { ChatPage } from './pages/chat';
import { EscalationsPage } from './pages/escalations';

/** A conversation with one answer and an escalation, made through the API as the technician. */
async function escalateByApi(
  request: APIRequestContext,
  origin: string,
  { message, urgency, note }: { message: string; urgency: 'low' | 'normal' | 'high'; note?: string },
) {
  const chat = await request.post('/api/chat', { data: { message, machineModel: 'AC-400', serialNumber: 'SN-2207' }, headers: { origin } });
  expect(chat.ok()).toBe(true);
  const sessionId = /"sessionId":"([0-9a-f-]{36})"/.exec(await chat.text())![1];
  const res = await request.post(`/api/sessions/${sessionId}/escalate`, {
    data: { urgency, ...(note ? { note } : {}), phone: '+44 20 7946 0018' },
    headers: { origin },
  });
  expect(res.status()).toBe(201);
  return { sessionId, escalation: (await res.json()).escalation as { id: string; reference: number } };
}

const originOf = (page: Page) => new URL(page.url()).origin;

test('a technician escalates with a note; support replies from the inbox and the reply appears live; resolving shows in the chat', async ({
  page,
  browser,
  signIn,
}) => {
  // The technician asks, then escalates from the conversation menu.
  await signIn('technician');
  const chat = new ChatPage(page);
  await chat.startNew();
  await chat.setMachine('AC-400', 'SN-4711');
  await chat.send('The AC-400 trips with E07 after ten minutes. What should I check?');
  await chat.waitForSessionId();
  await chat.expectAnswerStatus('complete');
  await chat.openMenuItem('Escalate to support');
  const dialog = page.getByTestId('escalate-dialog');
  await dialog.getByText('High', { exact: true }).click();
  await dialog.getByLabel(/Note for support/).fill('Customer line 3 is down; cooler already cleaned.');
  await dialog.getByLabel(/Callback number/).fill('+49 170 5550100');
  await dialog.getByRole('button', { name: 'Escalate' }).click();
  await expect(dialog).toBeHidden();
  const banner = page.getByTestId('escalation-banner');
  await expect(banner).toContainText(/Escalated to support — reference #\d+/);
  await expect(page.getByTestId('escalation-status')).toHaveText('Open');
  const reference = Number(/#(\d+)/.exec((await banner.textContent()) ?? '')![1]);
  await expect(page.getByTestId('system-message').last()).toContainText(`Support has been notified — reference #${reference}`);

  // Support signs in in a second browser and finds it, unread and urgent, at the top of the inbox.
  const supportContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const supportPage = await supportContext.newPage();
  await signInAs(supportPage, 'support');
  await expect(supportPage).toHaveURL(/\/escalations$/);
  const inbox = new EscalationsPage(supportPage);
  const row = inbox.row(reference);
  await expect(row).toBeVisible();
  await expect(row).toHaveAttribute('data-unread', 'true');
  await expect(row.getByTestId('urgency-badge')).toHaveText('High');
  await expect(row).toContainText('Terry Technician');
  await expect(row).toContainText('AC-400');
  await supportPage.screenshot({ path: 'tests/e2e/screenshots/escalations-inbox-desktop.png' });

  // The escalation: details, the note, and the conversation.
  await inbox.open(reference);
  await expect(supportPage.getByTestId('escalation-note')).toHaveText('Customer line 3 is down; cooler already cleaned.');
  await expect(supportPage.getByTestId('technician-phone')).toHaveText('+49 170 5550100');
  await expect(inbox.transcript.getByTestId('transcript-user').first()).toContainText('trips with E07');
  await expect(inbox.transcript.getByTestId('transcript-assistant').first()).toBeVisible();
  await expect(supportPage.getByTestId('escalation-summary')).not.toBeEmpty();

  // Acknowledge: the technician sees the new status without reloading.
  await inbox.acknowledge();
  await expect(page.getByTestId('escalation-status')).toHaveText('Acknowledged');

  // Reply: it appears in the technician's open chat, marked as coming from support.
  await inbox.reply('Hi, Sam here. Please check the fan fuse **F3** and tell me what you see.');
  const reply = page.getByTestId('support-message').last();
  await expect(reply).toContainText('Support · Sam Support');
  await expect(reply.locator('strong')).toHaveText('F3');
  await expect(page.getByTestId('support-mode-banner')).toBeVisible();

  // The technician answers; support sees it without reloading.
  await chat.send('F3 was blown. Replaced it and the fan runs.');
  await expect(inbox.transcript.getByTestId('transcript-user').last()).toContainText('F3 was blown', { timeout: 15_000 });
  await supportPage.screenshot({ path: 'tests/e2e/screenshots/escalation-detail-desktop.png' });

  // Resolve with a note: the technician sees the status and the note, and the assistant is back.
  await inbox.resolve('Fan fuse F3 replaced on site; fan and compressor run normally.');
  await expect(page.getByTestId('escalation-status')).toHaveText('Resolved');
  await expect(page.getByTestId('system-message').last()).toContainText('Fan fuse F3 replaced on site');
  await expect(page.getByTestId('support-mode-banner')).toBeHidden();
  await expect(supportPage.getByTestId('resolution')).toContainText('Resolved by Sam Support');

  // The inbox shows it under Resolved.
  await inbox.gotoInbox();
  await expect(inbox.row(reference)).toHaveCount(0);
  await inbox.tab('Resolved');
  await expect(inbox.row(reference)).toBeVisible();
  await supportContext.close();
});

test('support filters the inbox, assigns and hands a conversation back', async ({ page, browser, signIn }) => {
  await signIn('technician');
  await page.goto('/chat');
  const { escalation: low } = await escalateByApi(page.request, originOf(page), {
    message: 'Which oil for the AC-400 gearbox?',
    urgency: 'low',
  });
  const { escalation: high, sessionId } = await escalateByApi(page.request, originOf(page), {
    message: 'Belt squeals at start-up',
    urgency: 'high',
    note: 'Noise started after service.',
  });

  const supportContext = await browser.newContext();
  const supportPage = await supportContext.newPage();
  await signInAs(supportPage, 'support');
  const inbox = new EscalationsPage(supportPage);
  await inbox.filter('Urgency', 'High');
  await expect(inbox.row(high.reference)).toBeVisible();
  await expect(inbox.row(low.reference)).toHaveCount(0);
  await expect(supportPage).toHaveURL(/urgency=high/);
  await inbox.filter('Urgency', 'Any urgency');
  await expect(inbox.row(low.reference)).toBeVisible();

  await inbox.open(high.reference);
  await inbox.assignToMe();
  await expect(supportPage.getByLabel('Assigned to')).toHaveValue(/[0-9a-f-]{36}/);
  await inbox.reply('Looking at it now.');
  await expect(supportPage.getByText('The assistant is paused while support handles this conversation.')).toBeVisible();
  await inbox.handBack();
  await expect(supportPage.getByText(/The assistant answers the technician/)).toBeVisible();
  const detail = await (await page.request.get(`/api/sessions/${sessionId}`)).json();
  expect(detail.session.mode).toBe('assistant');

  await inbox.gotoInbox();
  await inbox.filter('Assigned to', 'Assigned to me');
  await expect(inbox.row(high.reference)).toBeVisible();
  await expect(inbox.row(low.reference)).toHaveCount(0);
  await supportContext.close();
});

test('technicians cannot reach the inbox or its API; support cannot reach the outbox', async ({ page, browser, signIn }) => {
  await signIn('technician');
  await page.goto('/escalations');
  await expect(page).toHaveURL(/\/forbidden/);
  expect((await page.request.get('/api/escalations')).status()).toBe(403);

  const supportContext = await browser.newContext();
  const supportPage = await supportContext.newPage();
  await signInAs(supportPage, 'support');
  await supportPage.goto('/admin/outbox');
  await expect(supportPage).toHaveURL(/\/forbidden/);
  expect((await supportPage.request.get('/api/admin/outbox')).status()).toBe(403);
  await supportContext.close();
});

test('an admin sees every email in the outbox, written as .eml files without SMTP', async ({ page, browser, signIn }) => {
  await signIn('technician');
  await page.goto('/chat');
  const { escalation } = await escalateByApi(page.request, originOf(page), {
    message: 'Outbox check: pressure switch chatter',
    urgency: 'normal',
  });

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAs(admin, 'admin');
  await admin.goto('/admin/outbox');
  await expect(admin.getByTestId('outbox-mode')).toContainText('No SMTP server is configured');
  const row = admin.getByTestId('outbox-row').filter({ hasText: `[Fixline #${escalation.reference}] NORMAL` });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Sent', { timeout: 15_000 });
  await expect(row).toContainText('.eml');
  await row.getByRole('button', { name: 'View' }).click();
  await expect(admin.getByTestId('outbox-body')).toContainText(`/escalations/${escalation.id}`);
  await admin.screenshot({ path: 'tests/e2e/screenshots/admin-outbox-desktop.png', fullPage: true });
  const eml = await admin.request.get(
    `/api/admin/outbox/${(await (await admin.request.get('/api/admin/outbox')).json()).emails[0].id}/eml`,
  );
  expect(eml.status()).toBe(200);
  expect(await eml.text()).toMatch(/Message-ID:/i);
  await adminContext.close();
});

test('the inbox and an escalation work on a phone @phone', async ({ page, browser, signIn }) => {
  await signIn('technician');
  await page.goto('/chat');
  const { escalation } = await escalateByApi(page.request, originOf(page), {
    message: 'Phone check: the AC-400 shows E12 and the display flickers',
    urgency: 'high',
    note: 'Display flickers only when the fan starts.',
  });

  const supportContext = await browser.newContext();
  const supportPage = await supportContext.newPage();
  await signInAs(supportPage, 'support');
  const inbox = new EscalationsPage(supportPage);
  await expect(inbox.row(escalation.reference)).toBeVisible();
  expect(await supportPage.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await supportPage.screenshot({ path: 'tests/e2e/screenshots/escalations-inbox-phone.png' });

  await inbox.open(escalation.reference);
  await inbox.acknowledge();
  await inbox.reply('Please send a photo of the display.');
  expect(await supportPage.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await supportPage.screenshot({ path: 'tests/e2e/screenshots/escalation-detail-phone.png' });
  await supportPage.screenshot({ path: 'tests/e2e/screenshots/escalation-detail-phone-full.png', fullPage: true });
  await supportContext.close();
});
