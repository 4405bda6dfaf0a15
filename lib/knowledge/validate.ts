import 'server-only';
import { AppError, type ErrorCode } from '@/lib/errors';
import { PdfError, type PdfErrorCode } from '@/lib/knowledge/ingest/extract';
import { MIME, readManual } from '@/lib/knowledge/ingest/read';

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
