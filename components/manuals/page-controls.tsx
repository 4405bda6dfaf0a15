'use client';

import { ChevronDownIcon } from '@/components/ui/icons';

const button =
  'inline-flex h-9 min-w-10 items-center justify-center gap-1 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50';

/** Previous / "Page n of N" / next, and a way back to the cited page after leafing away from it. */
export function PageControls({
  page,
  pageCount,
  citedPage,
  onPage,
}: {
  page: number;
  pageCount: number | null;
  citedPage: number | null;
  onPage: (page: number) => void;
}) {
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center gap-2">
      <button type="button" className={button} onClick={() => onPage(page - 1)} disabled={page <= 1} aria-label="Previous page">
        <ChevronDownIcon className="h-4 w-4 rotate-90" />
        <span className="hidden sm:inline">Previous</span>
      </button>
      <p className="min-w-24 text-center text-sm text-slate-700 tabular-nums" data-testid="page-indicator" aria-live="polite">
        Page {page}
        {pageCount ? ` of ${pageCount}` : ''}
      </p>
      <button
        type="button"
        className={button}
        onClick={() => onPage(page + 1)}
        disabled={pageCount !== null && page >= pageCount}
        aria-label="Next page"
      >
        <span className="hidden sm:inline">Next</span>
        <ChevronDownIcon className="h-4 w-4 -rotate-90" />
      </button>
      {citedPage !== null && citedPage !== page ? (
        <button
          type="button"
          className="ml-auto rounded text-sm font-medium text-brand-700 hover:text-brand-600 hover:underline"
          onClick={() => onPage(citedPage)}
          title="Back to the page with the cited passage"
        >
          Back to page {citedPage}
        </button>
      ) : null}
    </nav>
  );
}
