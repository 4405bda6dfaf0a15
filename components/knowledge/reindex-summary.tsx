import type { ManualView } from '@/lib/knowledge/views';
import { isBusy } from './format';

/** The manuals a "Re-index all" started on. */
export interface Batch {
  ids: string[];
}

/** How far a "Re-index all" has got, and how it ended. */
export function ReindexSummary({ batch, manuals, onDismiss }: { batch: Batch; manuals: ManualView[]; onDismiss: () => void }) {
  const rows = batch.ids.map((id) => manuals.find((m) => m.id === id)).filter((m): m is ManualView => Boolean(m));
  const running = rows.filter(isBusy).length;
  const failed = rows.filter((m) => !isBusy(m) && (m.status === 'failed' || m.error)).length;
  const done = rows.length - running;
  const finished = running === 0;
  const pct = rows.length ? Math.round((done / rows.length) * 100) : 100;
  return (
    <div
      role="status"
      data-testid="reindex-summary"
      className={`flex flex-col gap-2 rounded-lg px-4 py-3 text-sm ring-1 ring-inset sm:flex-row sm:items-center ${
        failed
          ? 'bg-amber-50 text-amber-900 ring-amber-600/20'
          : finished
            ? 'bg-emerald-50 text-emerald-800 ring-emerald-600/20'
            : 'bg-brand-50 text-brand-700 ring-brand-600/20'
      }`}
    >
      <p className="flex-1 font-medium">
        {finished
          ? `Re-indexed ${rows.length - failed} of ${rows.length} ${rows.length === 1 ? 'manual' : 'manuals'}${failed ? `; ${failed} failed (see below)` : ''}.`
          : `Re-indexing ${rows.length} ${rows.length === 1 ? 'manual' : 'manuals'}: ${done} done, ${running} to go.`}
      </p>
      {finished ? (
        <button type="button" onClick={onDismiss} className="self-start font-medium underline sm:self-auto">
          Dismiss
        </button>
      ) : (
        <div
          className="h-1.5 w-full overflow-hidden rounded-full bg-brand-100 sm:w-40"
          role="progressbar"
          aria-label="Manuals re-indexed"
          aria-valuemin={0}
          aria-valuemax={rows.length}
          aria-valuenow={done}
        >
          <div className="h-full rounded-full bg-brand-600 transition-all duration-300" style={{ width: `${Math.max(pct, 4)}%` }} />
        </div>
      )}
    </div>
  );
}
