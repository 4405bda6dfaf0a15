import type { APIRequestContext, Page } from '@playwright/test';
import { expect, signInAs, test } from './fixtures';
import { ChatPage } from './pages/chat';
import { EscalationsPage } from './pages/escalations';

const originOf = (page: Page) => new URL(page.url()).origin;

/** A conversation with one answer, made through the API as the technician; escalated when asked. */
async function conversationByApi(request: APIRequestContext, origin: string, message: string, escalate = false) {
  const chat = await request.post('/api/chat', { data: { message }, headers: { origin } });
  expect(chat.ok()).toBe(true);
  const sessionId = /"sessionId":"([0-9a-f-]{36})"/.exec(await chat.text())![1];
  if (!escalate) return { sessionId, escalation: null };
  const res = await request.post(`/api/sessions/${sessionId}/escalate`, { data: { urgency: 'normal' }, headers: { origin } });
  expect(res.status()).toBe(201);
  return { sessionId, escalation: (await res.json()).escalation as { id: string; reference: number } };
}

/** Records the browser notifications the page makes; permission starts as "not asked yet". */
function recordNotifications(page: Page) {
  return page.addInitScript(() => {
    const shown: { title: string; body?: string }[] = [];
    (window as unknown as { shownNotifications: typeof shown }).shownNotifications = shown;
    // The answer to the permission request lasts across reloads, as in a real browser.
    class RecordedNotification {
      static get permission(): NotificationPermission {
        return sessionStorage.getItem('notification-permission') === 'granted' ? 'granted' : 'default';
      }
      static async requestPermission() {
        sessionStorage.setItem('notification-permission', 'granted');
        return 'granted' as const;
      }
      onclick: (() => void) | null = null;
      constructor(title: string, options?: { body?: string }) {
        shown.push({ title, body: options?.body });
      }
      close() {}
    }
    Object.defineProperty(window, 'Notification', { value: RecordedNotification, configurable: true, writable: true });
  });
}

test('a support reply to a conversation the technician is not looking at shows a badge, a nav count and a notification; opening it clears them @both', async ({
  page,
  browser,
  signIn,
}, info) => {
  await recordNotifications(page);
  await signIn('technician');
  await page.goto('/chat');
  const origin = originOf(page);
  const { sessionId: escalatedId, escalation } = await conversationByApi(page.request, origin, 'Unread check: the AC-400 fan hums', true);
  const { sessionId: otherId } = await conversationByApi(page.request, origin, 'Unread check: another question');

  // The technician works in the other conversation; permission is asked only from the control.
  await page.goto(`/chat/${otherId}`);
  const phone = info.project.name === 'phone';
  if (phone) await page.goto('/chat'); // on a phone the list is its own screen
  const enable = page.getByTestId('enable-notifications');
  await expect(enable).toBeVisible();
  await enable.click();
  await expect(enable).toBeHidden();
  if (!phone) await expect(page.getByTestId('conversation-pane')).toContainText('another question');

  // Replies left unread by other specs count in the nav too.
  const before = ((await (await page.request.get('/api/sessions/unread')).json()) as { total: number }).total;
  const label = (n: number) => `${n} unread ${n === 1 ? 'reply' : 'replies'} from support`;

  const supportContext = await browser.newContext();
  const supportPage = await supportContext.newPage();
  await signInAs(supportPage, 'support');
  const sent = await supportPage.request.post(`/api/escalations/${escalation!.id}/replies`, {
    data: { message: 'Sam here: is the **fan fuse F3** intact?' },
    headers: { origin: originOf(supportPage) },
  });
  expect(sent.status()).toBe(201);

  const item = page.locator(`a[href="/chat/${escalatedId}"]`);
  const badge = item.getByTestId('unread-badge');
  await expect(badge.locator('[aria-hidden]')).toHaveText('1');
  await expect(badge.locator('.sr-only')).toHaveText('1 unread reply from support');
  const navCount = page.getByTestId(phone ? 'mobile-nav' : 'main-nav').getByTestId('nav-unread');
  await expect(navCount).toContainText(label(before + 1));
  await expect(page.getByTestId('unread-announcement')).toContainText('New reply from support');
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { shownNotifications: { title: string; body?: string }[] }).shownNotifications))
    .toEqual([{ title: expect.stringContaining('Support replied'), body: expect.stringContaining('is the fan fuse F3 intact?') }]);
  await page.screenshot({ path: `tests/e2e/screenshots/unread-reply-${info.project.name}.png` });

  // Survives a reload (stored), then opening the conversation reads it.
  await page.reload();
  await expect(badge).toBeVisible();
  await expect(enable).toHaveCount(0);
  await item.click();
  await expect(page.getByTestId('support-message').last()).toContainText('fan fuse F3');
  if (before) await expect(navCount).toContainText(label(before));
  else await expect(navCount).toHaveCount(0);
  if (phone) await page.goto('/chat');
  await expect(item.getByTestId('unread-badge')).toHaveCount(0);
  const counts = await (await page.request.get('/api/sessions/unread')).json();
  expect(counts.sessions[escalatedId]).toBeUndefined();

  // A reply while the technician is looking at it is read at once: no badge, no notification.
  if (phone) await page.goto(`/chat/${escalatedId}`);
  await supportPage.request.post(`/api/escalations/${escalation!.id}/replies`, {
    data: { message: 'Thanks, looking at the photo.' },
    headers: { origin: originOf(supportPage) },
  });
  await expect(page.getByTestId('support-message').last()).toContainText('looking at the photo');
  await expect.poll(async () => (await (await page.request.get('/api/sessions/unread')).json()).sessions[escalatedId]).toBeUndefined();
  // (The record starts again with the reload above.)
  expect(await page.evaluate(() => (window as unknown as { shownNotifications: unknown[] }).shownNotifications.length)).toBe(0);
  await supportContext.close();
});

test('the offer to escalate is still there after a reload, until dismissed or the technician writes again', async ({ page, signIn }) => {
  await signIn('technician');
  const chat = new ChatPage(page);
  // No manual covers it (as in the grounding spec): the assistant offers escalation.
  await chat.startNew();
  await chat.send('Offer check: how do I pair the AC-400 controller with my iPhone over Bluetooth?');
  const sessionId = await chat.waitForSessionId();
  await chat.expectAnswerStatus('complete');
  await expect(chat.offer).toBeVisible();

  await page.reload();
  await expect(chat.offer).toBeVisible();
  await expect(chat.offer).toContainText('Would you like to escalate');
  await chat.offer.getByRole('button', { name: 'No thanks' }).click();
  await expect(chat.offer).toHaveCount(0);
  await expect
    .poll(async () => (await (await page.request.get(`/api/sessions/${sessionId}`)).json()).session.escalationOffer)
    .toBeUndefined();
  await page.reload();
  await expect(chat.lastAnswer()).toBeVisible();
  await expect(chat.offer).toHaveCount(0);

  // Writing again moves on from the offer, after a reload too.
  await chat.startNew();
  await chat.send('Offer check: can the AC-400 controller play music over Bluetooth?');
  await chat.waitForSessionId();
  await chat.expectAnswerStatus('complete');
  await expect(chat.offer).toBeVisible();
  await chat.send('Offer check: and it is loud');
  // The second answer (whether the model writes it or the manuals decline it again) is done.
  await expect(page.getByTestId('assistant-message')).toHaveCount(2);
  await chat.expectAnswerStatus('complete');
  await expect(chat.offer).toHaveCount(0);
  await page.reload();
  // Exact: a declining answer quotes the question back.
  await expect(page.getByText('Offer check: and it is loud', { exact: true })).toBeVisible();
  await expect(page.getByTestId('assistant-message')).toHaveCount(2);
  await expect(chat.offer).toHaveCount(0);
});

test('support reopens a resolved escalation; the technician sees it open again', async ({ page, browser, signIn }) => {
  await signIn('technician');
  await page.goto('/chat');
  const { sessionId, escalation } = await conversationByApi(page.request, originOf(page), 'Reopen check: the AC-400 trips again', true);

  const supportContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const supportPage = await supportContext.newPage();
  await signInAs(supportPage, 'support');
  const resolved = await supportPage.request.patch(`/api/escalations/${escalation!.id}`, {
    data: { status: 'resolved', resolutionNote: 'Breaker reset.' },
    headers: { origin: originOf(supportPage) },
  });
  expect(resolved.status()).toBe(200);

  await page.goto(`/chat/${sessionId}`);
  await expect(page.getByTestId('escalation-status')).toHaveText('Resolved');

  const inbox = new EscalationsPage(supportPage);
  await supportPage.goto(`/escalations/${escalation!.id}`);
  await expect(supportPage.getByTestId('resolution')).toContainText('Breaker reset.');
  await supportPage.getByRole('button', { name: 'Reopen' }).click();
  await expect(inbox.statusBadge).toHaveText('Open');
  await expect(supportPage.getByRole('button', { name: 'Acknowledge' })).toBeVisible();
  await expect(inbox.transcript).toContainText(`reopened this (reference #${escalation!.reference})`);
  await supportPage.screenshot({ path: 'tests/e2e/screenshots/escalation-reopened-desktop.png' });

  // Live in the technician's chat: the status and the note.
  await expect(page.getByTestId('escalation-status')).toHaveText('Open');
  await expect(page.getByTestId('system-message').last()).toContainText('reopened this');
  await supportContext.close();
});
