import Link from 'next/link';
import { buttonStyles } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { BookIcon } from '@/components/ui/icons';
import type { ViewerReplacement } from './manual-viewer';

export interface RemovedManualData {
  title: string;
  version: string | null;
  fileName: string;
  reason: 'deleted' | 'replaced';
  removedAt: string;
}

const day = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** What a citation of a manual that is gone opens: which manual and version it was, and where its successor is. */
export function RemovedManual({
  removed,
  replacedBy,
  back,
}: {
  removed: RemovedManualData;
  replacedBy: ViewerReplacement | null;
  back: { href: string; label: string };
}) {
  const what = removed.reason === 'deleted' ? 'was deleted' : 'was replaced by a newer version';
  return (
    <div data-testid="manual-removed" role="status">
      <EmptyState
        icon={<BookIcon />}
        title="This manual has been removed"
        action={
          <div className="flex flex-col items-center gap-3">
            {replacedBy ? (
              <Link href={replacedBy.href} className={buttonStyles.primary} data-testid="current-version">
                Open the current version{replacedBy.sameSection ? ' at the same section' : ''}
              </Link>
            ) : null}
            <Link href={back.href} className="text-sm font-semibold text-brand-600 hover:text-brand-700">
              Back to {back.label.toLowerCase()}
            </Link>
          </div>
        }
      >
        <p>
          The answer cited <strong className="font-semibold text-slate-900 [overflow-wrap:anywhere]">{removed.title}</strong>
          {removed.version ? <> (version {removed.version})</> : null}, file{' '}
          <span className="[overflow-wrap:anywhere]">{removed.fileName}</span>. It {what} on {day(removed.removedAt)}, so it can no longer
          be opened.
        </p>
        {replacedBy ? (
          <p className="mt-2">
            The current version is <strong className="font-semibold text-slate-900">{replacedBy.title}</strong>
            {replacedBy.version ? <> (version {replacedBy.version})</> : null}
            {replacedBy.sameSection ? ', opened at the section the answer cited.' : '; page numbers may differ from the cited ones.'}
          </p>
        ) : (
          <p className="mt-2">The answer keeps the text it quoted; ask support if you need the manual itself.</p>
        )}
      </EmptyState>
    </div>
  );
}
