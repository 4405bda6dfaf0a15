import { expect, type Locator, type Page } from '@playwright/test';

/** The consent card in the chat, above the closed message box. */
export class ConsentCard {
  readonly card: Locator;
  readonly accept: Locator;

  constructor(page: Page) {
    this.card = page.getByTestId('consent-card');
    this.accept = this.card.getByRole('button', { name: 'Accept and start' });
  }
}

/** Profile › Privacy & data: consent, the download and deleting the account. */
export class PrivacyPage {
  readonly consentState: Locator;
  readonly exportLink: Locator;
  readonly deleteDialog: Locator;

  constructor(private readonly page: Page) {
    this.consentState = page.getByTestId('consent-state');
    this.exportLink = page.getByTestId('export-link');
    this.deleteDialog = page.getByTestId('delete-account-dialog');
  }

  async goto() {
    await this.page.goto('/profile/privacy');
    await expect(this.page.getByRole('heading', { name: 'Privacy & data' })).toBeVisible();
  }

  /** Downloads the export and returns it parsed. */
  async download(): Promise<Record<string, unknown>> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.exportLink.click()]);
    expect(download.suggestedFilename()).toMatch(/^fixline-export-\d{4}-\d{2}-\d{2}\.json$/);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
  }

  async openDelete() {
    await this.page.getByRole('button', { name: 'Delete my account…' }).click();
    await expect(this.deleteDialog).toBeVisible();
  }

  get confirmInput() {
    return this.deleteDialog.getByLabel('Your email address');
  }

  get confirmButton() {
    return this.deleteDialog.getByRole('button', { name: 'Delete my account' });
  }
}

/** Admin › Consents. */
export class ConsentsAdminPage {
  readonly rows: Locator;
  readonly search: Locator;

  constructor(private readonly page: Page) {
    this.rows = page.getByTestId('consent-row');
    this.search = page.getByLabel('Search by name or email');
  }

  async goto() {
    await this.page.goto('/admin/consents');
    await expect(this.page.getByRole('heading', { name: 'Consents', level: 1 })).toBeVisible();
  }
}
