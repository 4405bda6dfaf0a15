import { expect, type Locator, type Page } from '@playwright/test';

/** The manual viewer a citation opens: one rendered page, its controls and the highlighted passage. */
export class ViewerPage {
  readonly sheet: Locator;
  readonly canvas: Locator;
  readonly highlights: Locator;
  readonly pageIndicator: Locator;
  readonly status: Locator;
  readonly title: Locator;

  constructor(readonly page: Page) {
    this.sheet = page.getByTestId('pdf-page');
    this.canvas = this.sheet.locator('canvas');
    this.highlights = page.getByTestId('pdf-highlight');
    this.pageIndicator = page.getByTestId('page-indicator');
    this.status = page.getByTestId('viewer-status');
    this.title = page.getByTestId('manual-title');
  }

  async goto(documentId: string, { page, chunk }: { page: number; chunk?: string }) {
    await this.page.goto(`/manuals/${documentId}?page=${page}${chunk ? `&chunk=${chunk}` : ''}`);
  }

  /** The page is drawn (a canvas with pixels, as wide as the sheet) and labelled "Page n of N". */
  async expectRendered(pageNumber: number, pageCount: number) {
    await expect(this.pageIndicator).toHaveText(`Page ${pageNumber} of ${pageCount}`);
    await expect(this.sheet).toHaveAttribute('data-page', String(pageNumber));
    await expect(this.canvas).toBeVisible();
    await expect(this.status).not.toHaveText(/Loading/);
    const drawn = await this.canvas.evaluate((canvas: HTMLCanvasElement) => {
      const ctx = canvas.getContext('2d')!;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let ink = 0;
      for (let i = 0; i < data.length; i += 4 * 97) if (data[i] < 128) ink += 1;
      return { ink, width: canvas.getBoundingClientRect().width, sheet: canvas.parentElement!.getBoundingClientRect().width };
    });
    expect(drawn.ink, 'dark pixels on the rendered page').toBeGreaterThan(20);
    expect(Math.abs(drawn.width - drawn.sheet)).toBeLessThan(2);
  }

  async turn(direction: 'Previous page' | 'Next page') {
    await this.page.getByRole('button', { name: direction }).click();
  }
}
