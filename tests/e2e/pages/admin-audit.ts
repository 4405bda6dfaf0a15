import { expect, type Page } from '@playwright/test';

export class AdminAuditPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto('/admin/audit');
    await expect(this.page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
  }

  get rows() {
    return this.page.getByTestId('audit-row');
  }

  async filter(values: { actor?: string; action?: string; from?: string; to?: string }) {
    if (values.actor !== undefined) await this.page.getByLabel('Actor').fill(values.actor);
    if (values.action !== undefined) await this.page.getByLabel('Action').selectOption(values.action);
    if (values.from !== undefined) await this.page.getByLabel(/^From\b/).fill(values.from);
    if (values.to !== undefined) await this.page.getByLabel(/^To\b/).fill(values.to);
    const loaded = this.page.waitForResponse((r) => r.url().includes('/api/admin/audit-logs') && r.request().method() === 'GET');
    await this.page.getByRole('button', { name: 'Apply filters' }).click();
    expect((await loaded).status()).toBe(200);
  }

  /** Clicks "Download CSV" and returns the file's name and text. */
  async downloadCsv() {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return {
      fileName: download.suggestedFilename(),
      text: Buffer.concat(chunks)
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
    };
  }
}
