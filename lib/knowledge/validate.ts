import { AppError, type ErrorCode } from '@/lib/errors';
import { detectLanguage } from '@/lib/knowledge/ingest/chunk';
import { extractPdf, extractText, isPdf, PdfError, type ExtractResult, type PdfErrorCode } from '@/lib/knowledge/ingest/extract';

const STATUS: Record<PdfErrorCode, ErrorCode> = {
  empty: 'validation_error',
  not_pdf: 'unsupported_media_type',
  not_text: 'unsupported_media_type',
  encrypted: 'unprocessable',
  corrupt: 'unprocessable',
  no_text: 'unprocessable',
  timeout: 'unprocessable',
  too_many_pages: 'payload_too_large',
};

const ISO: Record<string, string> = { english: 'en', german: 'de', french: 'fr', spanish: 'es', italian: 'it', dutch: 'nl', portuguese: 'pt' };

export type UploadKind = 'pdf' | 'md' | 'txt';

export function kindOf(data: Uint8Array, fileName: string): UploadKind {
  if (isPdf(data)) return 'pdf';
  if (/\.(md|markdown)$/i.test(fileName)) return 'md';
  if (/\.txt$/i.test(fileName)) return 'txt';
  throw new PdfError('not_pdf', 'This file is not a PDF (its content does not start with "%PDF-"). Upload the manual as a PDF, Markdown or plain-text file.');
}

export const MIME: Record<UploadKind, string> = { pdf: 'application/pdf', md: 'text/markdown', txt: 'text/plain' };

/** Reads the file the way ingestion will; any reason it cannot be indexed becomes a clear API error. */
export async function readManual(data: Uint8Array, fileName: string, maxPages: number, onPage?: (done: number, total: number) => void): Promise<ExtractResult & { kind: UploadKind }> {
  const kind = kindOf(data, fileName);
  const result = kind === 'pdf' ? await extractPdf(data, { maxPages, onPage }) : extractText(data, kind);
  if (result.pageCount > maxPages) throw new PdfError('too_many_pages', `This file has ${result.pageCount} pages; the limit is ${maxPages}.`);
  return { ...result, kind };
}

/**
 * Checks an upload completely before anything is stored. The pages read here come back too
 * (`extracted`), so ingestion in this process need not read the file again.
 */
export async function validateUpload(data: Uint8Array, fileName: string, maxPages: number) {
  try {
    const result = await readManual(data, fileName, maxPages);
    const sample = result.pages.slice(0, 5).map((p) => p.text).join('\n').slice(0, 20_000);
    return {
      extracted: result,
      kind: result.kind,
      mimeType: MIME[result.kind],
      pageCount: result.pageCount,
      title: result.info.title,
      language: ISO[detectLanguage(sample)] ?? 'en',
    };
  } catch (error) {
    if (error instanceof PdfError) throw new AppError(STATUS[error.code], `"${fileName}": ${error.message}`, { details: { reason: error.code } });
    throw error;
  }
}
