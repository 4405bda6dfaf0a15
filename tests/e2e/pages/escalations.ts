import { expect, type Locator, type Page } from '@playwright/test';

/** The support inbox and one escalation: transcript, actions, reply box. */
export class EscalationsPage {
  readonly rows: Locator;
  readonly transcript: Locator;
  readonly replyInput: Locator;
  readonly statusBadge: Locator;

  constructor(private readonly page: Page) {
    this.rows = page.getByTestId('escalation-row');
    this.transcript = page.getByTestId('transcript');
    this.replyInput = page.getByTestId('reply-input');
    this.statusBadge = page.getByTestId('escalation-badges').getByTestId('status-badge');
  }

  async gotoInbox() {
    await this.page.goto('/escalations');
  }

  row(reference: number): Locator {
    return this.rows.filter({ hasText: `#${reference} ` });
  }

  async open(reference: number) {
    await this.row(reference).click();
    await this.page.waitForURL(/\/escalations\/[0-9a-f-]{36}$/);
    await expect(this.page.getByTestId('escalation-title')).toContainText(`#${reference}`);
  }

  async filter(label: 'Urgency' | 'Machine model' | 'Assigned to', option: string) {
    await this.page.getByLabel(label).selectOption({ label: option });
  }

  async tab(name: 'Active' | 'Open' | 'Acknowledged' | 'Resolved' | 'All') {
    await this.page
      .getByTestId('status-tabs')
      .getByRole('button', { name: new RegExp(`^${name}`) })
      .click();
  }

  async acknowledge() {
    await this.page.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(this.statusBadge).toHaveText('Acknowledged');
  }

  async assignToMe() {
    await this.page.getByRole('button', { name: 'Assign to me' }).click();
  }

  async reply(text: string) {
    await this.replyInput.fill(text);
    await this.page.getByRole('button', { name: 'Send reply' }).click();
    await expect(this.replyInput).toHaveValue('');
    // Shown as Markdown: **bold** loses its stars.
    await expect(this.page.getByTestId('transcript-support').last()).toContainText(text.replace(/\*\*/g, ''));
  }

  async handBack() {
    await this.page.getByRole('button', { name: 'Hand back to the assistant' }).click();
  }

  async resolve(note: string) {
    await this.page.getByRole('button', { name: 'Resolve…' }).click();
    await this.page.getByLabel(/Resolution note/).fill(note);
    await this.page.getByRole('button', { name: 'Resolve', exact: true }).click();
    await expect(this.statusBadge).toHaveText('Resolved');
  }
}
