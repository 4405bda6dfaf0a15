'use client';

import type { PDFDocumentProxy } from 'pdfjs-dist';

type Pdfjs = typeof import('pdfjs-dist');

let loading: Promise<Pdfjs> | undefined;

/**
 * pdf.js, loaded on demand in the browser only. Its worker is bundled and served from our own
 * origin (the CSP allows no other), one for the tab, shared by every document opened.
 */
export function loadPdfjs(): Promise<Pdfjs> {
  loading ??= import('pdfjs-dist').then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerPort ??= new Worker(new URL('pdfjs-dist/build/pdf.worker.min.mjs', import.meta.url), {
      type: 'module',
    });
    return pdfjs;
  });
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

/** Opens a stored manual; rejects with an Error whose message is fit to show. */
export async function openPdf(url: string): Promise<PDFDocumentProxy> {
  const pdfjs = await loadPdfjs();
  try {
    // No eval: the CSP forbids it, and fonts do not need it.
    return await pdfjs.getDocument({ url, isEvalSupported: false, enableXfa: false }).promise;
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 404) throw new Error('This manual is no longer available. It may have been deleted.');
    if (status === 401) throw new Error('Your sign-in has expired. Sign in again to open the manual.');
    if (error instanceof pdfjs.InvalidPDFException) throw new Error('The stored file could not be read as a PDF.');
    throw new Error('The manual could not be loaded. Check your connection and try again.');
  }
}

export function isCancelled(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === 'RenderingCancelledException' || name === 'AbortException';
}
