import 'server-only';
import { chunkPages, detectLanguage, type Chunk, type TsConfig } from './chunk';
import { cleanPages } from './clean';
import type { ExtractedPage, ExtractResult } from './extract';
import { uploadLimits } from '@/lib/knowledge/limits';
import { KIND_OF_MIME, readManual, type UploadKind } from './read';

/** A manual ready to index: cleaned pages and chunks with page numbers and headings. */
export interface ProcessedManual {
  pageCount: number;
  pages: ExtractedPage[];
  chunks: Chunk[];
  /** The text search configuration of its language, detected once from the first cleaned pages. */
  tsConfig: TsConfig;
}

/** From extracted pages to cleaned pages and chunks. */
export function prepareManual(extracted: ExtractResult, kind: UploadKind): ProcessedManual {
  const runningLines = kind === 'pdf';
  // A PDF's text-layer check has cleaned the pages the same way already.
  const pages = runningLines && extracted.cleaned ? extracted.cleaned : cleanPages(extracted.pages, { runningLines });
  const chunks = chunkPages(pages);
  const tsConfig = detectLanguage(
    pages
      .slice(0, 10)
      .map((p) => p.text)
      .join('\n')
      .slice(0, 50_000),
  );
  return { pageCount: extracted.pageCount, pages, chunks, tsConfig };
}

/** From a stored file to cleaned pages and chunks with page numbers and headings. */
export async function processManual(
  data: Uint8Array,
  mimeType: string,
  { onPage }: { onPage?: (done: number, total: number) => void } = {},
): Promise<ProcessedManual> {
  const kind = KIND_OF_MIME[mimeType] ?? 'pdf';
  const extracted = await readManual(data, `manual.${kind}`, uploadLimits().maxPages, onPage);
  return prepareManual(extracted, kind);
}
