'use client';

import { ChevronDownIcon, ExternalLinkIcon } from '@/components/ui/icons';
import { citationHref, pageLabel, sourceElementId } from '@/lib/client/chat/format';
import type { Citation } from '@/lib/conversations/views';

/** "Sources" under an answer: manual and page (opens the in-app viewer there, passage highlighted), the cited passage on demand. */
export function Sources({
  messageId,
  citations,
  open,
  onToggle,
}: {
  messageId: string;
  citations: Citation[];
  open: ReadonlySet<number>;
  onToggle: (n: number) => void;
}) {
  const sorted = citations.slice().sort((a, b) => a.n - b.n);
  return (
    <section aria-label="Sources" className="mt-3 border-t border-slate-100 pt-3" data-testid="sources">
      <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Sources</h3>
      <ol className="mt-1.5 space-y-1">
        {sorted.map((c) => {
          const expanded = open.has(c.n);
          const snippetId = `${sourceElementId(messageId, c.n)}-passage`;
          return (
            <li key={`${c.n}-${c.chunkId}`} id={sourceElementId(messageId, c.n)} className="scroll-mt-24 text-sm" data-testid="source">
              <div className="flex items-start gap-2">
                <span className="mt-0.5 inline-flex h-5 min-w-5 shrink-0 items-center justify-center rounded bg-slate-100 px-1 text-[11px] font-semibold text-slate-600">
                  {c.n}
                </span>
                <div className="min-w-0 flex-1">
                  <a
                    href={citationHref(c)}
                    target="_blank"
                    rel="noopener noreferrer"
                    className="group font-medium text-slate-800 hover:text-brand-700"
                    title="Open the manual at this page"
                  >
                    <span className="underline decoration-slate-300 underline-offset-2 group-hover:decoration-brand-500">{c.title}</span>
                    <span className="whitespace-nowrap text-slate-500">
                      {' '}
                      — {pageLabel(c)}
                      <ExternalLinkIcon className="ml-1 inline h-3.5 w-3.5 align-[-2px] text-slate-400 group-hover:text-brand-600" />
                    </span>
                  </a>
                  <div className="flex min-w-0 items-center gap-1.5 text-xs text-slate-500">
                    {c.heading ? (
                      <>
                        <span className="truncate">{c.heading}</span>
                        <span aria-hidden>·</span>
                      </>
                    ) : null}
                    <button
                      type="button"
                      onClick={() => onToggle(c.n)}
                      aria-expanded={expanded}
                      aria-controls={snippetId}
                      className="inline-flex shrink-0 items-center gap-0.5 rounded font-medium text-brand-700 hover:text-brand-600 hover:underline"
                    >
                      {expanded ? 'Hide passage' : 'Show passage'}
                      <ChevronDownIcon className={`h-3.5 w-3.5 transition-transform ${expanded ? 'rotate-180' : ''}`} />
                    </button>
                  </div>
                </div>
              </div>
              {expanded ? (
                <blockquote
                  id={snippetId}
                  className="mt-1.5 mb-2 ml-7 rounded-md border-l-2 border-brand-500 bg-slate-50 px-3 py-2 text-[13px] leading-6 whitespace-pre-line text-slate-700"
                  data-testid="source-snippet"
                >
                  {c.snippet}
                </blockquote>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
