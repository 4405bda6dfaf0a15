import { expect, type Locator, type Page } from '@playwright/test';

/** The technician's chat: conversation list, messages, composer and the conversation menu. */
export class ChatPage {
  readonly input: Locator;
  readonly sendButton: Locator;
  readonly stopButton: Locator;
  readonly sessionItems: Locator;
  readonly title: Locator;
  /** The assistant's offer to escalate to support, under an answer. */
  readonly offer: Locator;

  constructor(private readonly page: Page) {
    this.input = page.getByTestId('composer-input');
    this.sendButton = page.getByRole('button', { name: 'Send' });
    this.stopButton = page.getByRole('button', { name: 'Stop' });
    this.sessionItems = page.getByTestId('session-item');
    this.title = page.getByTestId('conversation-title');
    this.offer = page.getByTestId('escalation-offer');
  }

  async goto() {
    await this.page.goto('/chat');
  }

  /** Opens an empty conversation (on a phone `/chat` is the list). */
  async startNew() {
    await this.page.goto('/chat?new=1');
    await expect(this.input).toBeVisible();
  }

  async setMachine(model: string, serial?: string) {
    await this.page.getByTestId('machine-model').fill(model);
    if (serial) await this.page.getByTestId('machine-serial').fill(serial);
  }

  async send(text: string) {
    await this.input.fill(text);
    await this.input.press('Enter');
  }

  /** The sources listed under an answer (the last one by default). */
  sources(answer: Locator = this.lastAnswer()): Locator {
    return answer.getByTestId('source');
  }

  /** The pages the sources under an answer open the manual at. */
  async sourcePages(answer: Locator = this.lastAnswer()): Promise<number[]> {
    const hrefs = await this.sources(answer)
      .getByRole('link')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    return hrefs.map((href) => Number(new URL(href, 'http://x').searchParams.get('page')));
  }

  /** The id in `/chat/<id>` once the first message has created the conversation. */
  async waitForSessionId(): Promise<string> {
    await this.page.waitForURL(/\/chat\/[0-9a-f-]{36}$/);
    return new URL(this.page.url()).pathname.split('/').pop()!;
  }

  lastAnswer(): Locator {
    return this.page.getByTestId('assistant-message').last();
  }

  async answerLength(): Promise<number> {
    const answer = this.lastAnswer();
    return (await answer.count()) ? (await answer.innerText()).length : 0;
  }

  /** The last answer is being written and keeps getting longer. */
  async expectAnswerGrowing() {
    await expect(this.lastAnswer()).toHaveAttribute('data-status', 'streaming');
    await expect.poll(() => this.answerLength(), { timeout: 10_000 }).toBeGreaterThan(40);
    const before = await this.answerLength();
    await expect.poll(() => this.answerLength(), { timeout: 5_000 }).toBeGreaterThan(before);
  }

  async expectAnswerStatus(status: 'streaming' | 'complete' | 'stopped' | 'interrupted' | 'failed', timeout = 20_000) {
    await expect(this.lastAnswer()).toHaveAttribute('data-status', status, { timeout });
  }

  async openMenuItem(name: string) {
    await this.page.getByRole('button', { name: 'Conversation options' }).click();
    await this.page.getByRole('menuitem', { name }).click();
  }

  async rename(title: string) {
    await this.title.click();
    const input = this.page.getByTestId('title-input');
    await input.fill(title);
    await input.press('Enter');
    await expect(this.title).toHaveText(title);
  }

  async deleteConversation() {
    await this.openMenuItem('Delete');
    const dialog = this.page.getByTestId('confirm-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await this.page.waitForURL((url) => url.pathname === '/chat');
  }

  async rateLastAnswer(helpful: boolean, comment?: string) {
    const answer = this.lastAnswer();
    const button = answer.getByRole('button', { name: helpful ? 'Helpful' : 'Not helpful', exact: true });
    await button.click();
    await expect(button).toHaveAttribute('aria-pressed', 'true');
    if (!helpful && comment) {
      await answer.getByPlaceholder('What was wrong or missing? (optional)').fill(comment);
      await answer.getByRole('button', { name: 'Send comment' }).click();
      await expect(answer.getByTestId('feedback-thanks')).toHaveText('Thanks — your comment was sent.');
    }
  }
}
