import { expect, type Page } from '@playwright/test';

export class KnowledgePage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto('/knowledge');
  }

  async upload(file: string, fields: { title?: string; models?: string }) {
    await this.page.getByTestId('file-input').setInputFiles(file);
    if (fields.title) await this.page.getByLabel('Title').fill(fields.title);
    if (fields.models) await this.page.getByLabel('Machine models').fill(fields.models);
    await this.page.getByRole('button', { name: /^Upload/ }).click();
  }

  row(title: string) {
    return this.page.getByTestId('manual-row').filter({ hasText: title });
  }

  async expectReady(title: string, timeout = 60_000) {
    await expect(this.row(title).getByTestId('manual-status')).toHaveText('Ready', { timeout });
  }
}
