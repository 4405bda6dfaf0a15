import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** The admin's analytics dashboard: range presets, key figures, charts and the tables with their CSV downloads. */
export class AdminAnalyticsPage {
  readonly charts: Locator;
  readonly gapRows: Locator;

  constructor(private readonly page: Page) {
    this.charts = page.getByTestId('chart');
    this.gapRows = page.getByTestId('gap-row').filter({ visible: true });
  }

  async goto(query = '') {
    await this.page.goto(`/admin${query ? `?${query}` : ''}`);
    await expect(this.page.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible();
  }

  async choosePreset(days: 7 | 30 | 90 | 365) {
    await this.page.getByTestId(`preset-${days}`).click();
    await expect(this.page.getByTestId(`preset-${days}`)).toHaveAttribute('aria-current', 'page');
  }

  kpi(name: string): Locator {
    return this.page.getByTestId(`kpi-${name}`);
  }

  section(id: string): Locator {
    return this.page.getByTestId(`section-${id}`);
  }

  /** Every chart drawn, as an SVG with at least one path. */
  async expectChartsDrawn(atLeast: number) {
    await expect.poll(async () => this.charts.locator('svg.recharts-surface').count()).toBeGreaterThanOrEqual(atLeast);
  }

  async downloadCsv(table: string): Promise<{ download: Download; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId(`csv-${table}`).click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { download, text: Buffer.concat(chunks).toString('utf8') };
  }

  /** The whole dashboard in one picture: the page scrolls inside the app's shell, so the window is made as tall as the page. */
  async screenshotWhole(path: string) {
    const size = this.page.viewportSize()!;
    const height = await this.page.evaluate(() => Math.max(...[...document.querySelectorAll('main, main *')].map((el) => el.scrollHeight)));
    await this.page.setViewportSize({ width: size.width, height: Math.min(height + 80, 6000) });
    await this.page.screenshot({ path });
    await this.page.setViewportSize(size);
  }

  /** Back to the top of the page (it scrolls inside the app's shell). */
  async scrollToTop() {
    await this.page.evaluate(() => {
      for (const el of [document.scrollingElement, ...document.querySelectorAll('main, main *')]) if (el?.scrollTop) el.scrollTop = 0;
    });
  }
}
