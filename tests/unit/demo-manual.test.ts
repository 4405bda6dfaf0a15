import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoManual } from '@/scripts/demo-manual/generate';

/** The text of every page, whitespace collapsed. */
async function pageTexts(bytes: Uint8Array): Promise<string[]> {
  // pdf.js may take over the buffer: give it a copy.
  const doc = await getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    stopAtErrors: true,
    verbosity: 0,
  }).promise;
  try {
    const texts: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      texts.push(
        content.items
          .map((item) => ('str' in item ? item.str : ''))
          .join(' ')
          .replace(/\s+/g, ' ')
          .trim(),
      );
      page.cleanup();
    }
    return texts;
  } finally {
    await doc.destroy();
  }
}

describe('demo manual', () => {
  let dir: string;
  let result: { pages: number; bytes: number };
  let bytes: Uint8Array;
  let pages: string[];

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'fixline-demo-manual-'));
    result = await generateDemoManual(path.join(dir, 'first.pdf'));
    bytes = new Uint8Array(await fs.readFile(path.join(dir, 'first.pdf')));
    pages = await pageTexts(bytes);
  }, 60_000);

  afterAll(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('has at least 22 pages and reports its size', () => {
    expect(pages.length).toBeGreaterThanOrEqual(22);
    expect(result.pages).toBe(pages.length);
    expect(result.bytes).toBe(bytes.length);
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  });

  it('has extractable text on every page, with the page number in the footer', () => {
    pages.forEach((text, i) => {
      expect(text.length, `page ${i + 1}`).toBeGreaterThan(40);
      expect(text).toContain(`Page ${i + 1} of ${pages.length}`);
    });
    expect(pages[0]).toContain('Aerotech AC-400 Rotary Screw Air Compressor — Service Manual');
    expect(pages[1]).toContain('Contents');
  });

  it('lists the fault codes in a table, including E07', () => {
    const all = pages.join(' ');
    expect(all).toMatch(/E07 Discharge temperature high \(>110 °C\) Air\/oil temperature at the airend outlet above 110 °C/);
    for (const row of [
      'E01 Motor overload',
      'E12 Phase sequence fault',
      'E15 Oil pressure low',
      'E21 Pressure sensor fault',
      'W03 Air filter service due',
    ]) {
      expect(all).toContain(row);
    }
  });

  it('keeps page-specific facts on one page (the oil capacity is only in the oil change procedure)', () => {
    const withCapacity = pages.filter((text) => /9\.5 L\b/.test(text));
    expect(withCapacity).toHaveLength(1);
    expect(withCapacity[0]).toContain('Oil change');
    expect(withCapacity[0]).toContain('AeroLube S-46');
  });

  it('gives identical bytes when generated twice', async () => {
    const second = path.join(dir, 'second.pdf');
    await generateDemoManual(second);
    const again = await fs.readFile(second);
    expect(again.length).toBe(bytes.length);
    expect(Buffer.compare(again, Buffer.from(bytes))).toBe(0);
  }, 60_000);
});
