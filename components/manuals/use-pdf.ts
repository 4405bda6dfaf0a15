'use client';

import { useEffect, useState } from 'react';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { openPdf } from './pdf';

export type PdfState = { state: 'loading' } | { state: 'ready'; pdf: PDFDocumentProxy } | { state: 'failed'; message: string };

/** The PDF at `url`, opened once and kept while the page is shown (turning pages reuses it). */
export function usePdf(url: string | null): PdfState {
  const [result, setResult] = useState<{ url: string; value: PdfState } | null>(null);
  useEffect(() => {
    if (!url) return;
    let cancelled = false;
    let opened: PDFDocumentProxy | undefined;
    openPdf(url).then(
      (pdf) => {
        opened = pdf;
        if (cancelled) void pdf.destroy();
        else setResult({ url, value: { state: 'ready', pdf } });
      },
      (error: Error) => {
        if (!cancelled) setResult({ url, value: { state: 'failed', message: error.message } });
      },
    );
    return () => {
      cancelled = true;
      void opened?.destroy();
    };
  }, [url]);
  return url && result?.url === url ? result.value : { state: 'loading' };
}
