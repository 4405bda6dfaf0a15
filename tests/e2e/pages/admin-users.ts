import { expect, type Page } from '@playwright/test';

export class AdminUsersPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto('/admin/users');
    await expect(this.page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
  }

  row(email: string) {
    return this.page.getByTestId('user-row').filter({ hasText: email });
  }

  async search(text: string) {
    await this.page.getByLabel('Search by name or email').fill(text);
  }

  /** Creates a user and returns the one-time password or invite link the dialog shows once. */
  async create(user: { name: string; email: string; role: 'Technician' | 'Support' | 'Admin' }, credentials: 'password' | 'invite') {
    await this.page.getByRole('button', { name: 'New user' }).click();
    const dialog = this.page.getByTestId('create-user-dialog');
    await dialog.getByLabel('Name', { exact: true }).fill(user.name);
    await dialog.getByLabel('Email', { exact: true }).fill(user.email);
    await dialog.getByLabel('Role', { exact: true }).selectOption({ label: user.role });
    if (credentials === 'invite') await dialog.getByLabel(/Send an invite link/).check();
    await dialog.getByRole('button', { name: 'Create user' }).click();
    const secret = dialog.getByTestId(credentials === 'invite' ? 'invite-link' : 'one-time-password').getByTestId('secret-value');
    await expect(secret).toBeVisible();
    return secret.inputValue();
  }

  async closeDialog() {
    await this.page.getByRole('button', { name: 'Done' }).click();
  }

  async manage(name: string) {
    await this.page.getByRole('button', { name: `Manage ${name}` }).click();
    return this.page.getByTestId('manage-user-dialog');
  }

  async changeRole(name: string, role: 'Technician' | 'Support' | 'Admin') {
    const dialog = await this.manage(name);
    await dialog.getByLabel('Role').selectOption({ label: role });
    await dialog.getByRole('button', { name: 'Change role' }).click();
    await expect(dialog.getByTestId('manage-notice')).toContainText(`Role changed to ${role}`);
    await dialog.getByRole('button', { name: 'Close' }).click();
  }

  async disable(name: string) {
    const dialog = await this.manage(name);
    await dialog.getByRole('button', { name: 'Disable…' }).click();
    await dialog.getByRole('button', { name: 'Disable account' }).click();
    await expect(dialog.getByTestId('manage-notice')).toHaveText('Account disabled.');
    await dialog.getByRole('button', { name: 'Close' }).click();
  }
}
