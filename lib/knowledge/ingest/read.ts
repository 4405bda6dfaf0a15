import 'server-only';
import { extractPdf, extractText, isPdf, PdfError, type ExtractResult } from './extract';

export type UploadKind = 'pdf' | 'md' | 'txt';

export const MIME: Record<UploadKind, string> = { pdf: 'application/pdf', md: 'text/markdown', txt: 'text/plain' };
export const KIND_OF_MIME: Record<string, UploadKind> = { 'application/pdf': 'pdf', 'text/markdown': 'md', 'text/plain': 'txt' };

function kindOf(data: Uint8Array, fileName: string): UploadKind {
  if (isPdf(data)) return 'pdf';
  if (/\.(md|markdown)$/i.test(fileName)) return 'md';
  if (/\.txt$/i.test(fileName)) return 'txt';
  throw new PdfError(
    'not_pdf',
    'This file is not a PDF (its content does not start with "%PDF-"). Upload the manual as a PDF, Markdown or plain-text file.',
  );
}

/** Reads a file into pages, the same way at upload and at ingestion; a file that cannot be indexed throws a PdfError. */
export async function readManual(
  data: Uint8Array,
  fileName: string,
  maxPages: number,
  onPage?: (done: number, total: number) => void,
): Promise<ExtractResult & { kind: UploadKind }> {
  const kind = kindOf(data, fileName);
  const result = kind === 'pdf' ? await extractPdf(data, { maxPages, onPage }) : extractText(data, kind);
  if (result.pageCount > maxPages)
    throw new PdfError('too_many_pages', `This file has ${result.pageCount} pages; the limit is ${maxPages}.`);
  return { ...result, kind };
}
