'use client';

import { useEffect } from 'react';
import { PdfPage, type PageResult } from './pdf-page';
import { usePdf } from './use-pdf';

export type DocumentState = { state: 'loading' } | { state: 'ready'; pageCount: number } | { state: 'failed'; message: string };

/**
 * The PDF side of the viewer, browser only (loaded with `ssr: false`, so pdf.js and its worker
 * stay out of the server bundle): opens the file once, then shows one page of it.
 */
export default function PdfView({
  url,
  pageNumber,
  passage,
  waitForPassage,
  label,
  onDocument,
  onResult,
}: {
  url: string;
  pageNumber: number;
  passage: string | null;
  waitForPassage: boolean;
  label: string;
  onDocument: (state: DocumentState) => void;
  onResult: (result: PageResult) => void;
}) {
  const doc = usePdf(url);
  const pageCount = doc.state === 'ready' ? doc.pdf.numPages : 0;
  const message = doc.state === 'failed' ? doc.message : '';
  useEffect(() => {
    if (doc.state === 'ready') onDocument({ state: 'ready', pageCount });
    else if (doc.state === 'failed') onDocument({ state: 'failed', message });
  }, [doc.state, pageCount, message, onDocument]);

  if (doc.state !== 'ready' || waitForPassage || pageNumber > pageCount) return null;
  return <PdfPage pdf={doc.pdf} pageNumber={pageNumber} passage={passage} label={label} onResult={onResult} />;
}
