import 'server-only';
import { cleanPages } from './clean';
import { readPdfInThread } from '@/lib/knowledge/pdf/reader-pool';
import type { ReaderMessage } from '@/lib/knowledge/pdf/messages';
import { pageLines, type PageLine } from '@/lib/knowledge/pdf/page-lines';

export interface ExtractedPage {
  /** 1-based page index in the file (not the number printed on the page). */
  pageNumber: number;
  text: string;
}

export interface ExtractResult {
  pageCount: number;
  pages: ExtractedPage[];
  info: { title?: string };
  /** The pages after cleanPages (running headers and footers removed), when the check computed them. */
  cleaned?: ExtractedPage[];
}

export interface ExtractPdfOptions {
  /** Default 2000. */
  maxPages?: number;
  /** Hard limit for the whole parse; the reader thread is terminated when it is reached. */
  timeoutMs?: number;
  /** Heap limit of the reader thread. */
  memoryMb?: number;
  onPage?: (done: number, total: number) => void;
}

export type PdfErrorCode = 'not_pdf' | 'not_text' | 'encrypted' | 'corrupt' | 'too_many_pages' | 'no_text' | 'timeout' | 'empty';

/** A file that cannot be ingested (PDF or text), with a message an admin can act on. */
export class PdfError extends Error {
  constructor(
    readonly code: PdfErrorCode,
    message: string,
    readonly details: { pageCount?: number; maxPages?: number; reason?: string } = {},
  ) {
    super(message);
    this.name = 'PdfError';
  }
}

const EXTRACT_DEFAULTS = { maxPages: 2000, timeoutMs: 120_000, memoryMb: 1024, minCharsPerPage: 20 } as const;

const MESSAGES: Record<Exclude<PdfErrorCode, 'too_many_pages' | 'timeout'> | 'truncated', string> = {
  empty: 'The file is empty. Choose the manual file again.',
  not_text: 'This file is not a text file (it contains binary data). Upload Markdown or plain text as UTF-8.',
  not_pdf: 'This file is not a PDF (its content does not start with "%PDF-"). Upload the manual as a PDF, Markdown or plain-text file.',
  encrypted: 'This PDF is encrypted or password-protected. Save an unprotected copy (for example with qpdf --decrypt) and upload that.',
  corrupt: 'This PDF is damaged or incomplete and cannot be read. Download or export it again and upload the new copy.',
  truncated:
    'This PDF is incomplete (the file ends too early, as if a download or copy was cut off). Download or export it again and upload the new copy.',
  no_text: 'This PDF has no text layer (it looks scanned). Run it through OCR (for example ocrmypdf) and upload the result.',
};

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

export function isPdf(data: Uint8Array): boolean {
  return PDF_MAGIC.every((byte, i) => data[i] === byte);
}

/**
 * pdf.js recovers what it can from a file that was cut off, so a truncated upload would be
 * indexed with pages or parts missing; a complete PDF ends with "%%EOF" (readers allow trailing junk).
 */
function hasEndMarker(data: Uint8Array): boolean {
  const end = Buffer.from(data.buffer, data.byteOffset, data.byteLength).subarray(-4096);
  return end.includes('%%EOF', 0, 'latin1');
}

/**
 * Extracts the text of every page of a PDF in a reader thread that is stopped after the timeout.
 * Throws a PdfError for every kind of bad input, before any page text is returned.
 */
export async function extractPdf(data: Uint8Array, opts: ExtractPdfOptions = {}): Promise<ExtractResult> {
  if (data.byteLength === 0) throw new PdfError('empty', MESSAGES.empty);
  if (!isPdf(data)) throw new PdfError('not_pdf', MESSAGES.not_pdf);
  if (!hasEndMarker(data)) throw new PdfError('corrupt', MESSAGES.truncated, { reason: 'no %%EOF at the end' });
  const { maxPages, timeoutMs, memoryMb } = { ...EXTRACT_DEFAULTS, ...opts };
  const pages: PageLine[][] = [];
  let pageCount = 0;
  let metaTitle: string | null = null;
  let failure: PdfError | undefined;

  const onMessage = (message: ReaderMessage): boolean => {
    if (message.type === 'meta') {
      pageCount = message.pageCount;
      metaTitle = message.title;
      if (pageCount === 0) failure = new PdfError('empty', 'This PDF has no pages.');
      else if (pageCount > maxPages) failure = tooManyPages(pageCount, maxPages);
    } else if (message.type === 'page') {
      pages.push(pageLines(message.items));
      opts.onPage?.(pages.length, pageCount);
    } else if (message.type === 'fail') {
      failure = fromPdfjsError(message.name, message.message);
    }
    return !failure;
  };

  const outcome = await readPdfInThread(data, { onMessage, timeoutMs, memoryMb });
  if (failure) throw failure;
  if (outcome === 'timeout') {
    const limit = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`;
    throw new PdfError(
      'timeout',
      `Reading this PDF took longer than ${limit}, so it was stopped. It may be damaged or unusually complex; try exporting it again.`,
    );
  }
  if (outcome === 'out_of_memory')
    throw new PdfError(
      'corrupt',
      'This PDF needs more memory to read than allowed. It may be damaged or unusually complex; try exporting it again.',
      { reason: 'out of memory' },
    );
  if (pages.length !== pageCount) throw new PdfError('corrupt', MESSAGES.corrupt, { reason: `read ${pages.length} of ${pageCount} pages` });
  const texts = renderPages(pages);
  const cleaned = assertHasText(texts);
  const title = usableTitle(metaTitle) ?? coverTitle(pages[0] ?? []);
  return { pageCount, pages: texts, info: title ? { title } : {}, cleaned };
}

/** Document properties often hold an authoring tool's placeholder rather than a title. */
function usableTitle(title: string | null): string | undefined {
  const t = title?.replace(/\s+/g, ' ').trim();
  return t && !/^(microsoft word|untitled)\b|\.(docx?|pdf|indd|rtf)$/i.test(t) ? t : undefined;
}

/** The largest text on the first page, when it is set larger than the rest: the cover title. */
function coverTitle(lines: PageLine[]): string | undefined {
  const largest = Math.max(...lines.map((l) => l.size));
  const rest = lines.filter((l) => l.size < largest * 0.93);
  if (!rest.length || Math.max(...rest.map((l) => l.size)) > largest / 1.15) return undefined;
  const title = lines
    .filter((l) => l.size >= largest * 0.93)
    .slice(0, 3)
    .map((l) => l.text)
    .join(' ');
  return title.length <= 150 ? title : undefined;
}

function tooManyPages(pageCount: number, maxPages: number): PdfError {
  return new PdfError(
    'too_many_pages',
    `This PDF has ${pageCount} pages; the limit is ${maxPages}. Split it into smaller files and upload those.`,
    { pageCount, maxPages },
  );
}

function fromPdfjsError(name: string, reason: string): PdfError {
  if (name === 'PasswordException') return new PdfError('encrypted', MESSAGES.encrypted, { reason });
  return new PdfError('corrupt', MESSAGES.corrupt, { reason: `${name}: ${reason}` });
}

/** Counted without running headers and footers: scanners and archives often stamp those as text. */
function assertHasText(pages: ExtractedPage[]): ExtractedPage[] {
  const cleaned = cleanPages(pages, { runningLines: true });
  const chars = cleaned.reduce((sum, p) => sum + p.text.replace(/[\s#]+/g, '').length, 0);
  if (chars < pages.length * EXTRACT_DEFAULTS.minCharsPerPage) throw new PdfError('no_text', MESSAGES.no_text);
  return cleaned;
}

/**
 * Page text with a blank line where the vertical gap or the font size says a new block starts.
 * Short lines set clearly larger than the body text become Markdown headings ("## Battery"),
 * ranked by size across the document, so the chunker can find sections without font data.
 */
export function renderPages(pages: PageLine[][]): ExtractedPage[] {
  const level = headingLevels(pages);
  return pages.map((lines, p) => {
    const out: string[] = [];
    lines.forEach((line, i) => {
      if (i > 0 && startsBlock(lines[i - 1], line)) out.push('');
      const depth = line.text.length <= 120 && /\p{L}.*\p{L}/u.test(line.text) ? level(line.size) : 0;
      // Body text that happens to start like a heading ("# of cycles") is escaped, as Markdown does.
      out.push(depth ? `${'#'.repeat(depth)} ${line.text}` : line.text.replace(/^(?=#{1,6} )/, '\\'));
    });
    return { pageNumber: p + 1, text: out.join('\n') };
  });
}

/**
 * Maps a font size to a heading depth (1–3), or 0 for body text and anything smaller. Sizes seen
 * on one page only (a cover) do not get a depth of their own.
 */
function headingLevels(pages: PageLine[][]): (size: number) => number {
  const chars = new Map<number, number>();
  const seenOn = new Map<number, Set<number>>();
  pages.forEach((lines, p) => {
    for (const l of lines) {
      const size = Math.round(l.size * 2) / 2;
      chars.set(size, (chars.get(size) ?? 0) + l.text.length);
      seenOn.set(size, (seenOn.get(size) ?? new Set()).add(p));
    }
  });
  const body = [...chars].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
  const minPages = pages.length > 2 ? 2 : 1;
  const tiers: number[] = [];
  for (const size of [...chars.keys()].filter((s) => s >= body * 1.15 && seenOn.get(s)!.size >= minPages).sort((a, b) => b - a)) {
    if (!tiers.length || size < tiers[tiers.length - 1] * 0.93) tiers.push(size);
  }
  return (size) => {
    if (size < body * 1.15) return 0;
    const tier = tiers.findIndex((t) => size >= t * 0.93);
    return Math.min(3, (tier < 0 ? tiers.length - 1 : tier) + 1) || 1;
  };
}

function startsBlock(prev: PageLine, line: PageLine): boolean {
  const size = Math.max(prev.size, line.size, 1);
  const drop = prev.y - line.y;
  if (drop < -size * 0.5) return true; // moved up: a new column, box or margin line
  if (drop > size * 1.6) return true;
  return Math.abs(prev.size - line.size) > Math.min(prev.size, line.size) * 0.15;
}

/**
 * Reads a Markdown or plain-text manual as pages: form feeds separate pages when the file has
 * them; otherwise a short file is one page and a long one is cut into pages of about `pageChars`
 * at headings or blank lines, so citations still point at a small part of the file.
 */
export function extractText(data: Uint8Array, kind: 'md' | 'txt', opts: { pageChars?: number } = {}): ExtractResult {
  if (data.byteLength === 0) throw new PdfError('empty', MESSAGES.empty);
  const text = decodeText(data)
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n');
  if (!text.trim()) throw new PdfError('empty', 'The file contains no text.');
  const parts = text.includes('\f') ? text.replace(/\f\s*$/, '').split('\f') : splitLongText(text, kind, opts.pageChars ?? 6000);
  const pages = parts.map((part, i) => ({ pageNumber: i + 1, text: part.replace(/^\n+|\s+$/g, '') }));
  const title = kind === 'md' ? /^#[ \t]+(.+?)[ \t#]*$/m.exec(text)?.[1]?.trim() : undefined;
  return { pageCount: pages.length, pages, info: title ? { title } : {} };
}

function decodeText(data: Uint8Array): string {
  if (data.includes(0)) throw new PdfError('not_text', MESSAGES.not_text);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    // Not valid UTF-8: older manuals are often saved as Windows-1252.
    return new TextDecoder('windows-1252').decode(data);
  }
}

function splitLongText(text: string, kind: 'md' | 'txt', pageChars: number): string[] {
  if (text.length <= pageChars) return [text];
  const pages: string[] = [];
  let page = '';
  let inFence = false;
  for (const block of text.split(/\n(?=[ \t]*\n)/)) {
    const isHeading = kind === 'md' && /^\s*#{1,6}\s/.test(block);
    const breakHere = !inFence && (page.length >= pageChars || (isHeading && page.length >= pageChars / 2));
    if (breakHere && page.trim()) {
      pages.push(page);
      page = '';
    }
    page += (page ? '\n' : '') + block;
    if (kind === 'md') inFence = ((block.match(/^\s*(```|~~~)/gm)?.length ?? 0) % 2 === 1) !== inFence;
  }
  if (page.trim()) pages.push(page);
  return pages;
}
