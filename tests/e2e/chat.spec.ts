import { expect, signInAs, test } from './fixtures';
import { ChatPage } from './pages/chat';

// The e2e model server echoes the question token by token; a question containing "slowly"
// streams for about 8 s, long enough to stop it or reload the page in the middle.
const SLOW_QUESTION = 'Please answer slowly: E07 discharge temperature high, what should I check?';

test('a technician chats: the answer streams, stops, regenerates, survives a reload, is rated, renamed and deleted', async ({
  page,
  signIn,
}) => {
  await signIn('technician');
  const chat = new ChatPage(page);
  await chat.startNew();
  await expect(page.getByTestId('chat-empty')).toBeVisible();

  await chat.setMachine('AC-400', 'SN-1042');
  await chat.send(SLOW_QUESTION);
  await expect(page.getByTestId('user-message').last()).toHaveText(SLOW_QUESTION);
  const sessionId = await chat.waitForSessionId();

  // Tokens arrive one after another: the answer grows while we watch.
  await chat.expectAnswerGrowing();
  await expect(chat.lastAnswer()).toContainText('You asked:');

  // Stop: the partial answer stays, marked as stopped.
  await chat.stopButton.click();
  await chat.expectAnswerStatus('stopped', 10_000);
  await expect(chat.lastAnswer().getByTestId('answer-status')).toHaveText('Stopped');
  await expect(chat.sendButton).toBeVisible();

  // Regenerate replaces the stopped answer with a new one.
  await chat.lastAnswer().getByRole('button', { name: 'Regenerate' }).click();
  await expect(page.getByTestId('assistant-message')).toHaveCount(1);
  await chat.expectAnswerGrowing();

  // Reload in the middle: what was written is shown and the answer keeps coming.
  await page.reload();
  await expect(chat.lastAnswer()).toContainText('You asked:');
  await chat.expectAnswerGrowing();
  await expect(chat.stopButton).toBeVisible();
  await chat.expectAnswerStatus('complete', 25_000);
  await expect(chat.lastAnswer()).toContainText('E07 discharge temperature high');
  await expect(page.getByTestId('assistant-message')).toHaveCount(1);

  // Feedback: "not helpful" with a comment, stored on the answer.
  await chat.rateLastAnswer(false, 'The valve check is missing');
  const detail = await (await page.request.get(`/api/sessions/${sessionId}`)).json();
  const answer = detail.messages.filter((m: { role: string }) => m.role === 'assistant').pop();
  expect(answer).toMatchObject({ helpful: false, feedbackComment: 'The valve check is missing', status: 'complete' });
  expect(detail.session).toMatchObject({ machineModel: 'AC-400', serialNumber: 'SN-1042' });

  // Rename: the header and the list follow.
  await chat.rename('AC-400 discharge temperature');
  await expect(chat.sessionItems.filter({ hasText: 'AC-400 discharge temperature' })).toHaveCount(1);
  await page.screenshot({ path: 'tests/e2e/screenshots/chat-desktop.png' });

  // Delete: gone from the list and from the API.
  await chat.deleteConversation();
  await expect(chat.sessionItems.filter({ hasText: 'AC-400 discharge temperature' })).toHaveCount(0);
  expect((await page.request.get(`/api/sessions/${sessionId}`)).status()).toBe(404);
});

test('a first message from the empty chat keeps streaming while the address becomes the conversation', async ({ page, signIn }) => {
  await signIn('technician');
  const chat = new ChatPage(page);
  await chat.startNew();
  await page.getByTestId('example-prompt').first().click();
  await expect(chat.input).toHaveValue(/E07/);
  await chat.send('Please answer slowly: which fuse protects the fan?');
  const sessionId = await chat.waitForSessionId();
  await chat.expectAnswerGrowing();
  // The new conversation is in the list, marked as the open one.
  await expect(page.locator(`a[href="/chat/${sessionId}"][aria-current="page"]`)).toBeVisible();
  await chat.expectAnswerStatus('complete', 25_000);
  await chat.deleteConversation();
});

test('the chat works on a phone: list and conversation are separate screens @phone', async ({ page, signIn }) => {
  await signIn('technician');
  const chat = new ChatPage(page);
  await chat.startNew();
  await chat.send(SLOW_QUESTION);
  const sessionId = await chat.waitForSessionId();
  await chat.expectAnswerGrowing();

  await chat.stopButton.click();
  await chat.expectAnswerStatus('stopped', 10_000);
  await chat.lastAnswer().getByRole('button', { name: 'Regenerate' }).click();
  await chat.expectAnswerGrowing();
  await chat.expectAnswerStatus('complete', 25_000);
  await chat.rateLastAnswer(true);

  // Nothing is wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await page.screenshot({ path: 'tests/e2e/screenshots/chat-phone.png' });

  // Back to the list, then into the conversation again.
  await page.getByRole('link', { name: 'Back to conversations' }).click();
  await page.waitForURL((url) => url.pathname === '/chat');
  await expect(chat.input).toBeHidden();
  await page.locator(`a[href="/chat/${sessionId}"]`).click();
  await expect(chat.lastAnswer()).toHaveAttribute('data-status', 'complete');
  await expect(chat.lastAnswer().getByRole('button', { name: 'Helpful', exact: true })).toHaveAttribute('aria-pressed', 'true');

  await chat.rename('Phone check');
  await chat.deleteConversation();
  await expect(page.locator(`a[href="/chat/${sessionId}"]`)).toHaveCount(0);
});

test('a technician escalates; the status and the support reply arrive live', async ({ page, browser, signIn }) => {
  await signIn('technician');
  const chat = new ChatPage(page);
  await chat.startNew();
  await chat.send('The compressor trips after two minutes');
  await chat.waitForSessionId();
  await chat.expectAnswerStatus('complete');

  await chat.openMenuItem('Escalate to support');
  const dialog = page.getByTestId('escalate-dialog');
  await dialog.getByText('High', { exact: true }).click();
  await dialog.getByLabel(/Note for support/).fill('Tried a reset twice.');
  await dialog.getByLabel(/Callback number/).fill('+1 555 0100');
  await dialog.getByRole('button', { name: 'Escalate' }).click();
  await expect(dialog).toBeHidden();
  const banner = page.getByTestId('escalation-banner');
  await expect(banner).toContainText(/Escalated to support — reference #\d+/);
  await expect(page.getByTestId('escalation-status')).toHaveText('Open');
  await expect(page.getByTestId('system-message').last()).toContainText('Support has been notified');
  const reference = Number(/#(\d+)/.exec((await banner.textContent()) ?? '')![1]);

  // Support works the escalation in another browser.
  const supportContext = await browser.newContext();
  const support = await supportContext.newPage();
  await signInAs(support, 'support');
  const list = await (await support.request.get('/api/escalations')).json();
  const escalation = list.escalations.find((e: { reference: number }) => e.reference === reference);
  const origin = new URL(page.url()).origin;
  expect(
    (await support.request.patch(`/api/escalations/${escalation.id}`, { data: { status: 'acknowledged' }, headers: { origin } })).ok(),
  ).toBe(true);
  await expect(page.getByTestId('escalation-status')).toHaveText('Acknowledged');

  expect(
    (
      await support.request.post(`/api/escalations/${escalation.id}/replies`, {
        data: { message: 'Check the **motor overload** relay first.' },
        headers: { origin },
      })
    ).ok(),
  ).toBe(true);
  const reply = page.getByTestId('support-message').last();
  await expect(reply).toContainText('Support ·');
  await expect(reply.locator('strong')).toHaveText('motor overload');
  await expect(page.getByTestId('support-mode-banner')).toBeVisible();
  await expect(chat.input).toHaveAttribute('placeholder', /support/);
  await supportContext.close();
});

test('problems are explained: offline, rate limited, busy, and a conversation that fails to load', async ({ page, context, signIn }) => {
  await signIn('technician');
  const chat = new ChatPage(page);
  await chat.startNew();

  await context.setOffline(true);
  await expect(page.getByTestId('offline-bar')).toHaveText('You are offline — messages will be sent when you reconnect');
  await chat.input.fill('Anything');
  await expect(chat.sendButton).toBeDisabled();
  await context.setOffline(false);
  await expect(page.getByTestId('offline-bar')).toBeHidden();
  await expect(chat.sendButton).toBeEnabled();

  const error = (status: number, code: string, headers: Record<string, string> = {}) => ({
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ error: { code, message: 'refused' } }),
  });
  await page.route('**/api/chat', (route) => route.fulfill(error(429, 'rate_limited', { 'retry-after': '30' })));
  await chat.send('Rate limited question');
  await expect(page.getByTestId('chat-notice')).toContainText(/You're sending messages quickly — try again in (30|29|28) s/);
  await expect(chat.input).toHaveValue('Rate limited question');
  await expect(chat.sendButton).toBeDisabled();
  await expect(page.getByTestId('user-message')).toHaveCount(0);

  await page.unroute('**/api/chat');
  await page.route('**/api/chat', (route) => route.fulfill(error(409, 'conflict')));
  await chat.startNew();
  await chat.send('Busy question');
  await expect(page.getByTestId('chat-notice')).toContainText('An answer is still being written in this conversation');
  await page.unroute('**/api/chat');

  // A conversation that cannot be loaded: a friendly message and a way to try again.
  await chat.send('A question to reload');
  const sessionId = await chat.waitForSessionId();
  await chat.expectAnswerStatus('complete');
  await page.route(`**/api/sessions/${sessionId}`, (route) =>
    route.request().method() === 'GET' ? route.fulfill(error(500, 'internal')) : route.fallback(),
  );
  await page.reload();
  await expect(page.getByTestId('conversation-error')).toContainText("We couldn't load this conversation");
  await page.unroute(`**/api/sessions/${sessionId}`);
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('user-message')).toHaveText('A question to reload');
  await chat.deleteConversation();
});
