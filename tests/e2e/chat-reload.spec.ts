import { expect, test } from './fixtures';
import { ChatPage } from './pages/chat';

// A question containing "slowly" streams for about 8 s (see tests/e2e/server.ts).
const SLOW_QUESTION = 'Please answer slowly: F12 condenser fan stays off, what should I check?';

test('reloading while the first answer is written returns to the conversation and the answer goes on', async ({ page, signIn }) => {
  await signIn('technician');
  const chat = new ChatPage(page);
  await chat.startNew();
  await chat.send(SLOW_QUESTION);
  const sessionId = await chat.waitForSessionId();
  await chat.expectAnswerGrowing();
  const before = await chat.answerLength();

  await page.reload();
  expect(new URL(page.url()).pathname).toBe(`/chat/${sessionId}`);
  await expect(page.getByTestId('user-message')).toHaveText([SLOW_QUESTION]);
  await expect(chat.lastAnswer()).toContainText('You asked:');
  expect(await chat.answerLength()).toBeGreaterThanOrEqual(before);
  await chat.expectAnswerGrowing();
  await chat.expectAnswerStatus('complete', 25_000);
  await expect(chat.lastAnswer()).toContainText('F12 condenser fan stays off');
  await expect(page.getByTestId('assistant-message')).toHaveCount(1);

  // A link to the conversation opened elsewhere shows the same conversation.
  const other = await page.context().newPage();
  await other.goto(`/chat/${sessionId}`);
  await expect(other.getByTestId('user-message')).toHaveText([SLOW_QUESTION]);
  await expect(other.getByTestId('assistant-message')).toHaveAttribute('data-status', 'complete');
  await other.close();
  await chat.deleteConversation();
});

test('back and forward after starting a conversation return to it, with the answer', async ({ page, signIn }) => {
  await signIn('technician');
  const chat = new ChatPage(page);
  await chat.goto();
  await page.getByTestId('new-conversation').click();
  await page.waitForURL((url) => url.pathname === '/chat' && url.searchParams.has('new'));
  await chat.send(SLOW_QUESTION);
  const first = await chat.waitForSessionId();
  await chat.expectAnswerGrowing();

  // A second new conversation, then Back: the first one is there, its answer still being written.
  await page.getByTestId('new-conversation').click();
  await page.waitForURL((url) => url.pathname === '/chat' && url.searchParams.has('new'));
  await expect(page.getByTestId('chat-empty')).toBeVisible();
  await page.goBack();
  await page.waitForURL(`**/chat/${first}`);
  await expect(page.getByTestId('user-message')).toHaveText([SLOW_QUESTION]);
  await expect(chat.lastAnswer()).toContainText('You asked:');
  await chat.expectAnswerStatus('complete', 25_000);

  // Back to the list, then Forward: the conversation again, not an empty one.
  await page.goBack();
  await page.waitForURL((url) => url.pathname === '/chat' && !url.searchParams.has('new'));
  await page.goForward();
  await page.waitForURL(`**/chat/${first}`);
  await expect(page.getByTestId('user-message')).toHaveText([SLOW_QUESTION]);
  await expect(chat.lastAnswer()).toHaveAttribute('data-status', 'complete');
  await expect(page.getByTestId('chat-empty')).toHaveCount(0);
  await chat.deleteConversation();
});
