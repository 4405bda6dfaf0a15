import { chunkPages, detectLanguage } from './chunk';
import { cleanPages } from './clean';
import { readManual, type UploadKind } from './validate';
import { uploadLimits } from './limits';

const KIND_OF_MIME: Record<string, UploadKind> = { 'application/pdf': 'pdf', 'text/markdown': 'md', 'text/plain': 'txt' };

/** From a stored file to cleaned pages and chunks with page numbers and headings. */
export async function processManual(data: Uint8Array, mimeType: string, { onPage }: { onPage?: (done: number, total: number) => void } = {}) {
  const kind = KIND_OF_MIME[mimeType] ?? 'pdf';
  const fileName = `manual.${kind}`;
  const extracted = await readManual(data, fileName, uploadLimits().maxPages, onPage);
  const pages = cleanPages(extracted.pages, { runningLines: kind === 'pdf' });
  const chunks = chunkPages(pages);
  const tsConfig = detectLanguage(pages.slice(0, 10).map((p) => p.text).join('\n').slice(0, 50_000));
  return { pageCount: extracted.pageCount, pages, chunks, tsConfig };
}
