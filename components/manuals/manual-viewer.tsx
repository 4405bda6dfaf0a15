'use client';

import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import { ArrowLeftIcon, ExternalLinkIcon } from '@/components/ui/icons';
import { PageControls } from './page-controls';
import type { PageResult } from './pdf-page';
import type { DocumentState } from './pdf-view';
import { usePassage, type PassageState } from './use-passage';

const PdfView = dynamic(() => import('./pdf-view'), { ssr: false });

export interface ViewerManual {
  id: string;
  title: string;
  mimeType: string;
  pageCount: number | null;
  retired: boolean;
}

/** The version that replaced a manual, opened at the cited section (or page). */
export interface ViewerReplacement {
  title: string;
  version: string | null;
  href: string;
  sameSection: boolean;
}

/**
 * A manual inside the app, at one page, with the cited passage highlighted: what a citation
 * opens. The original file stays one click away for printing or the browser's own viewer.
 */
export function ManualViewer({
  manual,
  initialPage,
  chunkId,
  back,
  replacedBy = null,
}: {
  replacedBy?: ViewerReplacement | null;
  manual: ViewerManual;
  initialPage: number;
  chunkId: string | null;
  back: { href: string; label: string };
}) {
  const isPdf = manual.mimeType === 'application/pdf';
  const fileHref = `/api/knowledge/${manual.id}/file`;
  const [doc, setDoc] = useState<DocumentState>({ state: 'loading' });
  const cited = usePassage(manual.id, chunkId);
  const [page, setPage] = useState(initialPage);
  const [result, setResult] = useState<{ page: number; value: PageResult } | null>(null);
  const pageCount = doc.state === 'ready' ? doc.pageCount : manual.pageCount;
  const shown = pageCount ? Math.min(Math.max(page, 1), pageCount) : page;
  const passage =
    cited.state === 'ready' && shown >= cited.passage.pageStart && shown <= cited.passage.pageEnd ? cited.passage.content : null;
  const onResult = useCallback((value: PageResult) => setResult({ page: shown, value }), [shown]);

  // Keep the address on the page shown, so a reload or a shared link opens it again.
  useEffect(() => {
    const url = new URL(window.location.href);
    if (url.searchParams.get('page') === String(shown)) return;
    url.searchParams.set('page', String(shown));
    window.history.replaceState(window.history.state, '', url);
  }, [shown]);

  const status = statusOf({ isPdf, doc, cited, page: shown, result: result?.page === shown ? result.value : null });
  return (
    <div className="flex min-h-full flex-col">
      <header className="border-b border-slate-200 bg-white px-4 pt-3 pb-2 sm:px-8">
        <div className="mx-auto flex max-w-4xl flex-col gap-2">
          <div className="flex items-center justify-between gap-3 text-sm">
            <Link href={back.href} className="inline-flex items-center gap-1 rounded font-medium text-slate-600 hover:text-brand-700">
              <ArrowLeftIcon className="h-4 w-4" /> {back.label}
            </Link>
            <a
              href={isPdf ? `${fileHref}#page=${shown}` : fileHref}
              target="_blank"
              rel="noopener noreferrer"
              className="inline-flex items-center gap-1 rounded font-medium text-brand-700 hover:text-brand-600 hover:underline"
              data-testid="open-original"
            >
              {isPdf ? 'Open original PDF' : 'Open original'}
              <ExternalLinkIcon className="h-3.5 w-3.5" />
            </a>
          </div>
          <div className="min-w-0">
            <h1 className="text-base font-semibold text-slate-900 sm:text-lg [overflow-wrap:anywhere]" data-testid="manual-title">
              {manual.title}
            </h1>
            {cited.state === 'ready' && cited.passage.heading ? (
              <p className="truncate text-sm text-slate-600">Cited: {cited.passage.heading}</p>
            ) : null}
            {manual.retired ? (
              <p className="text-sm text-amber-800" data-testid="manual-replaced">
                A newer version of this manual has replaced this one; this version is kept for a while for answers that cited it.
                {replacedBy ? (
                  <>
                    {' '}
                    <Link href={replacedBy.href} className="font-semibold text-brand-700 underline underline-offset-2 hover:text-brand-600">
                      Open the current version{replacedBy.version ? ` (${replacedBy.version})` : ''}
                      {replacedBy.sameSection ? ' at the same section' : ''}
                    </Link>
                  </>
                ) : null}
              </p>
            ) : null}
          </div>
        </div>
      </header>
      {isPdf && doc.state !== 'failed' ? (
        // Only the page controls stay in view while reading: on a phone the page needs the room.
        <div className="sticky top-0 z-10 border-b border-slate-200 bg-white px-4 py-2 shadow-sm sm:px-8">
          <div className="mx-auto max-w-4xl">
            <PageControls
              page={shown}
              pageCount={pageCount}
              onPage={setPage}
              citedPage={cited.state === 'ready' ? cited.passage.pageStart : null}
            />
          </div>
        </div>
      ) : null}

      <div className="mx-auto flex w-full max-w-4xl flex-1 flex-col gap-3 px-4 py-4 sm:px-8">
        <p
          role={status.alert ? 'alert' : 'status'}
          className={`min-h-5 text-sm ${status.alert ? 'font-medium text-red-700' : 'text-slate-600'}`}
          data-testid="viewer-status"
        >
          {status.text}
        </p>
        {isPdf ? (
          <PdfView
            url={fileHref}
            pageNumber={shown}
            passage={passage}
            waitForPassage={cited.state === 'loading'}
            label={`Page ${shown} of ${pageCount}`}
            onDocument={setDoc}
            onResult={onResult}
          />
        ) : null}
        {!isPdf && cited.state === 'ready' ? (
          <blockquote
            className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-[15px] leading-7 whitespace-pre-line text-slate-800"
            data-testid="text-passage"
          >
            <mark className="bg-yellow-200/70 text-inherit" data-testid="pdf-highlight">
              {cited.passage.content}
            </mark>
          </blockquote>
        ) : null}
      </div>
    </div>
  );
}

function statusOf({
  isPdf,
  doc,
  cited,
  page,
  result,
}: {
  isPdf: boolean;
  doc: DocumentState;
  cited: PassageState;
  page: number;
  result: PageResult | null;
}): { text: string; alert?: boolean } {
  if (!isPdf) {
    if (cited.state === 'loading') return { text: 'Loading the cited passage…' };
    if (cited.state === 'ready') return { text: `This manual is a text file. The cited passage, from page ${cited.passage.pageStart}:` };
    return { text: 'This manual is a text file: open the original to read it.' };
  }
  if (doc.state === 'failed') return { text: doc.message, alert: true };
  if (doc.state === 'loading' || cited.state === 'loading') return { text: 'Loading the manual…' };
  if (!result) return { text: `Loading page ${page}…` };
  if (!result.ok) return { text: result.message, alert: true };
  if (cited.state === 'missing')
    return { text: 'The cited passage is no longer in the index (the manual was updated). This is the page it was on.' };
  if (cited.state === 'failed') return { text: 'The cited passage could not be loaded, so it is not highlighted.' };
  if (cited.state !== 'ready') return { text: '' };
  const { pageStart, pageEnd } = cited.passage;
  if (page < pageStart || page > pageEnd)
    return {
      text: pageStart === pageEnd ? `The cited passage is on page ${pageStart}.` : `The cited passage is on pages ${pageStart}–${pageEnd}.`,
    };
  return {
    text: result.highlighted
      ? 'The cited passage is highlighted.'
      : 'The cited passage is on this page; its text could not be matched to highlight it.',
  };
}
