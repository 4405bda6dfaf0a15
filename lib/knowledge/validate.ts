import 'server-only';
import { AppError, type ErrorCode } from '@/lib/errors';
import { PdfError, type PdfErrorCode } from '@/lib/knowledge/ingest/extract';
import { MIME, readManual } from '@/lib/knowledge/ingest/read';
import { activeContent } from './active-content';

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

/**
 * Checks an upload completely before anything is stored. The pages read here come back too
 * (`extracted`), so ingestion in this process need not read the file again.
 */
export async function validateUpload(data: Uint8Array, fileName: string, maxPages: number) {
  refuseActiveContent(data, fileName);
  try {
    const result = await readManual(data, fileName, maxPages);
    return {
      extracted: result,
      kind: result.kind,
      mimeType: MIME[result.kind],
      pageCount: result.pageCount,
      title: result.info.title,
    };
  } catch (error) {
    if (error instanceof PdfError)
      throw new AppError(STATUS[error.code], `"${fileName}": ${error.message}`, { details: { reason: error.code } });
    throw error;
  }
}

/**
 * A manual is opened in the browser's own PDF viewer, which runs a PDF's scripts and actions:
 * a PDF that carries any is refused, with what was found.
 */
function refuseActiveContent(data: Uint8Array, fileName: string): void {
  const head = Buffer.from(data.buffer, data.byteOffset, Math.min(data.byteLength, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) return;
  const found = activeContent(data);
  if (!found.length) return;
  throw new AppError(
    'unprocessable',
    `"${fileName}" contains ${new Intl.ListFormat('en').format(found)}, which could run when the manual is opened. Save it as a new PDF without it (e.g. print it to PDF) and upload that.`,
    { details: { reason: 'active_content', found } },
  );
}
