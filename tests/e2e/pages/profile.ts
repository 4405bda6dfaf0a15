import { expect, type Page } from '@playwright/test';

export class TokensPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto('/profile');
    await this.page.waitForURL(/\/profile\/tokens$/);
    await expect(this.page.getByRole('heading', { name: 'API tokens', level: 1 })).toBeVisible();
  }

  row(name: string) {
    return this.page.getByTestId('token-row').filter({ hasText: name });
  }

  /** Creates a token and returns it as the page shows it, this once. */
  async create(name: string, days: number) {
    await this.page.getByLabel('Name').fill(name);
    await this.page.getByLabel('Expires after').selectOption(String(days));
    await this.page.getByRole('button', { name: 'Create token' }).click();
    const value = this.page.getByTestId('new-token').getByTestId('secret-value');
    await expect(value).toHaveValue(/^flt_/);
    return value.inputValue();
  }

  async revoke(name: string) {
    await this.page.getByRole('button', { name: `Revoke ${name}` }).click();
    const dialog = this.page.getByTestId('confirm-dialog');
    await dialog.getByRole('button', { name: 'Revoke token' }).click();
    await expect(dialog).toBeHidden();
    await expect(this.row(name)).toContainText('Revoked');
  }
}
