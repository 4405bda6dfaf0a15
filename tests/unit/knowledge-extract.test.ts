import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractPdf, extractText, PdfError, renderPages, type ExtractResult, type PdfErrorCode } from '@/lib/knowledge/ingest/extract';
import type { RawTextItem } from '@/lib/knowledge/pdf/messages';
import { pageLines } from '@/lib/knowledge/pdf/page-lines';

const manual = (name: string) => new Uint8Array(readFileSync(path.resolve(__dirname, '../../../shared/manuals', name)));
const HP = 'hp-250-g3-notebook-maintenance-service-guide.pdf';
const MKS = 'mks-servo42c-v1.1.2-user-manual.pdf';

/** A PDF written out by hand: numbered objects, a correct cross-reference table and trailer. */
function handWrittenPdf(objects: string[], trailer = ''): Uint8Array {
  let out = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((at) => `${String(at).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

const onePageWithoutContent = [
  '<< /Type /Catalog /Pages 2 0 R >>',
  '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
];

// Standard security handler, revision 2: the /U entry does not match the empty user password,
// so the file cannot be opened without one.
const encrypted = handWrittenPdf(
  [...onePageWithoutContent, `<< /Filter /Standard /V 1 /R 2 /O <${'ab'.repeat(32)}> /U <${'cd'.repeat(32)}> /P -44 >>`],
  `/Encrypt 4 0 R /ID [<${'01'.repeat(16)}> <${'01'.repeat(16)}>]`,
);

async function failure(promise: Promise<unknown>): Promise<PdfError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PdfError);
  return error as PdfError;
}

describe('extractPdf on real manuals', () => {
  let hp: ExtractResult;
  let mks: ExtractResult;
  const progress: [number, number][] = [];

  beforeAll(async () => {
    [hp, mks] = await Promise.all([
      extractPdf(manual(HP), { maxPages: 2000, onPage: (done, total) => progress.push([done, total]) }),
      extractPdf(manual(MKS), { maxPages: 2000 }),
    ]);
  }, 60_000);

  it('returns every page of the HP guide, numbered from 1', () => {
    expect(hp.pageCount).toBe(134);
    expect(hp.pages.map((p) => p.pageNumber)).toEqual(Array.from({ length: 134 }, (_, i) => i + 1));
    expect(progress).toHaveLength(134);
    expect(progress.at(-1)).toEqual([134, 134]);
  });

  it('takes the title from the cover when the document properties have none', () => {
    expect(hp.info).toEqual({ title: 'HP 250 G3 Notebook PC HP 256 G3 Notebook PC' });
    expect(mks.info).toEqual({ title: 'MKS SERVO42C V1.1.2 USER MANUAL' });
  });

  it('finds the Battery section on PDF page 43, as a heading', () => {
    const page = hp.pages[42].text;
    expect(page).toMatch(/^#+ Battery$/m);
    expect(page).toContain('4-cell, 41-Whr, 2.8-Ah Li-ion battery 740715-001');
    expect(page).toContain('Slide the battery lock latch (1), and then slide the battery release latch (2) to release the battery.');
  });

  it('keeps the indicator lights on pages 15-17', () => {
    expect(hp.pages[14].text).toContain('(3) AC adapter light');
    expect(hp.pages[15].text).toContain('(10) Hard drive light Blinking white: The hard drive is being accessed.');
    expect(hp.pages[16].text).toContain('(1) Caps lock light On: Caps lock is on');
  });

  it('rebuilds table rows of the MKS manual line by line (p. 33)', () => {
    expect(mks.pageCount).toBe(33);
    const page = mks.pages[32].text;
    for (const message of [
      '5 Magnet Loss！ The magnet is not installed.',
      '6 Magnet Error! Check magnet and motor shaft',
      '9 Wrong Protect！ Locked-rotor protection',
    ]) {
      expect(page).toContain(message);
    }
    // Split runs inside a word ("m" + "otor") are joined without a space.
    expect(page).toContain('2. Don’t hot plug motor cable and data cable.');
  });

  it('moves a page number drawn first in the content stream to the end of the page', () => {
    expect(mks.pages[32].text.split('\n').at(-1)).toBe('33');
  });
});

describe('extractPdf on bad input', () => {
  const cases: [string, () => Promise<unknown>, PdfErrorCode][] = [
    ['an empty file', () => extractPdf(new Uint8Array(), { maxPages: 10 }), 'empty'],
    [
      'HTML renamed to .pdf',
      () => extractPdf(new TextEncoder().encode('<!doctype html><title>manual</title>'), { maxPages: 10 }),
      'not_pdf',
    ],
    [
      'the first 30% of a real PDF',
      () => extractPdf(manual(MKS).subarray(0, Math.floor(manual(MKS).length * 0.3)), { maxPages: 100 }),
      'corrupt',
    ],
    [
      'a PDF header followed by garbage',
      () => extractPdf(new TextEncoder().encode(`%PDF-1.7\n${'x7#'.repeat(2000)}\n%%EOF\n`), { maxPages: 10 }),
      'corrupt',
    ],
    ['an encrypted PDF', () => extractPdf(encrypted, { maxPages: 10 }), 'encrypted'],
    ['a page with no text layer', () => extractPdf(handWrittenPdf(onePageWithoutContent), { maxPages: 10 }), 'no_text'],
    ['more pages than allowed', () => extractPdf(manual(MKS), { maxPages: 10 }), 'too_many_pages'],
    ['a parse that outlives the timeout', () => extractPdf(manual(HP), { maxPages: 2000, timeoutMs: 50 }), 'timeout'],
  ];

  for (const [name, run, code] of cases) {
    it(`refuses ${name} with code ${code}`, async () => {
      const error = await failure(run());
      expect(error.code).toBe(code);
      expect(error.message.length).toBeGreaterThan(20);
    }, 30_000);
  }

  it('says what to do about a scan', async () => {
    const error = await failure(extractPdf(handWrittenPdf(onePageWithoutContent), { maxPages: 10 }));
    expect(error.message).toMatch(/no text layer.*OCR/);
  });

  it('names the page count and the limit', async () => {
    const error = await failure(extractPdf(manual(MKS), { maxPages: 10 }));
    expect(error.message).toContain('33 pages; the limit is 10');
    expect(error.details).toMatchObject({ pageCount: 33, maxPages: 10 });
  });
});

describe('page layout', () => {
  const item = (str: string, x: number, y: number, size = 10, eol = false): RawTextItem => [str, x, y, str.length * size * 0.5, size, eol];

  it('joins runs on one baseline, with a space only where there is a gap', () => {
    const [line] = pageLines([item('conn', 10, 700), item('ection', 30, 700), item('ok', 70, 700)]);
    expect(line.text).toBe('connection ok');
  });

  it('starts a new line on an end-of-line mark or a new baseline, and a block after a wide gap', () => {
    const lines = pageLines([item('First line', 10, 700, 10, true), item('second line', 10, 688), item('New paragraph', 10, 660)]);
    expect(renderPages([lines])[0].text).toBe('First line\nsecond line\n\nNew paragraph');
  });

  it('marks short lines set larger than the body text as headings', () => {
    const body = (y: number) => item('Body text that is long enough to be the most common size here.', 10, y);
    const pages = [0, 1, 2].map((p) => pageLines([item(`Section ${p}`, 10, 720, 16), body(700), body(688)]));
    expect(renderPages(pages)[1].text.split('\n')[0]).toBe('# Section 1');
  });
});

describe('extractText', () => {
  const encode = (text: string) => new TextEncoder().encode(text);

  it('reads a short Markdown file as one page and keeps its headings', () => {
    const result = extractText(encode('\uFEFF# Compressor CX-200\r\n\r\n## Error codes\r\n\r\nE04: oil pressure low.\r\n'), 'md');
    expect(result).toEqual({
      pageCount: 1,
      pages: [{ pageNumber: 1, text: '# Compressor CX-200\n\n## Error codes\n\nE04: oil pressure low.' }],
      info: { title: 'Compressor CX-200' },
    });
  });

  it('splits on form feeds', () => {
    const result = extractText(encode('Page one\fPage two\f'), 'txt');
    expect(result.pages).toEqual([
      { pageNumber: 1, text: 'Page one' },
      { pageNumber: 2, text: 'Page two' },
    ]);
  });

  it('cuts a long file into pages at headings, never inside a code fence', () => {
    const section = (n: number) => `## Section ${n}\n\n${'Some words about the machine. '.repeat(30)}\n\n\`\`\`\n# not a heading\n\n\`\`\``;
    const result = extractText(encode(Array.from({ length: 6 }, (_, i) => section(i + 1)).join('\n\n')), 'md', { pageChars: 2000 });
    expect(result.pageCount).toBeGreaterThan(1);
    for (const page of result.pages) {
      expect(page.text.startsWith('## Section')).toBe(true);
      expect(page.text.split('```').length % 2).toBe(1);
    }
  });

  it('refuses binary data and empty text', () => {
    expect(() => extractText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), 'txt')).toThrow(
      expect.objectContaining({ code: 'not_text' }),
    );
    expect(() => extractText(encode(' \n\t\n'), 'md')).toThrow(expect.objectContaining({ code: 'empty' }));
    expect(() => extractText(new Uint8Array(), 'md')).toThrow(expect.objectContaining({ code: 'empty' }));
  });

  it('falls back to Windows-1252 for text that is not UTF-8', () => {
    expect(extractText(new Uint8Array([0x32, 0x30, 0xb0, 0x43]), 'txt').pages[0].text).toBe('20°C');
  });
});
