import type { ManualView } from '@/lib/knowledge/views';

/** Ready, failed or replaced; while (re-)indexing, a progress bar with the pages read so far. */
export function StatusBadge({ manual }: { manual: ManualView }) {
  if (manual.status === 'processing' || manual.status === 'queued' || manual.reindexing) {
    const total = manual.pageCount ?? 0;
    const done = Math.min(manual.pagesDone, total);
    const pct = total ? Math.min(100, Math.round((done / total) * 100)) : 0;
    const label = manual.reindexing ? 'Re-indexing' : manual.status === 'queued' ? 'Queued' : 'Indexing';
    const waiting = manual.status === 'queued' || (manual.reindexing && done === 0);
    return (
      <div className="w-36" data-testid="ingest-progress">
        <div className="flex justify-between text-xs font-medium text-brand-700">
          <span data-testid="manual-status">{label}</span>
          <span data-testid="ingest-pages">{total && done ? `${done}/${total} pages` : waiting ? 'waiting…' : ''}</span>
        </div>
        <div
          className="mt-1 h-1.5 overflow-hidden rounded-full bg-brand-100"
          role="progressbar"
          aria-label={`${label} ${manual.title}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
        >
          <div
            className="h-full rounded-full bg-brand-600 transition-all duration-300"
            style={{ width: `${Math.max(pct, waiting ? 2 : 6)}%` }}
          />
        </div>
      </div>
    );
  }
  const styles = {
    ready: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20',
    failed: 'bg-red-50 text-red-700 ring-red-600/20',
    retired: 'bg-slate-100 text-slate-700 ring-slate-500/20',
  } as const;
  const label = manual.status === 'ready' ? 'Ready' : manual.status === 'failed' ? 'Failed' : 'Replaced';
  return (
    <span
      data-testid="manual-status"
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${styles[manual.status as keyof typeof styles]}`}
    >
      {label}
    </span>
  );
}
