import { buttonStyles } from '@/components/ui/button';
import { inputStyle } from '@/components/ui/field';
import type { DayRange } from '@/lib/analytics/range';

export const PRESETS = [7, 30, 90, 365] as const;

/** The range shown: presets (the last 7, 30, 90 or 365 days) or two dates; it lives in the URL, so a link shares it. */
export function RangePicker({ range, presets }: { range: DayRange; presets: { days: number; range: DayRange }[] }) {
  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end sm:justify-between">
      <nav aria-label="Date range presets" className="flex flex-wrap gap-1.5">
        {presets.map((p) => {
          const active = p.range.from === range.from && p.range.to === range.to;
          return (
            <a
              key={p.days}
              href={`/admin?${new URLSearchParams({ ...p.range })}`}
              aria-current={active ? 'page' : undefined}
              data-testid={`preset-${p.days}`}
              className={`rounded-md px-3 py-1.5 text-sm font-medium ring-1 ${
                active ? 'bg-brand-600 text-white ring-brand-600' : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50'
              }`}
            >
              {p.days} days
            </a>
          );
        })}
      </nav>
      <form action="/admin" method="get" className="flex flex-wrap items-end gap-2" aria-label="Custom date range">
        <div>
          <label htmlFor="range-from" className="text-xs font-medium text-slate-700">
            From
          </label>
          <input id="range-from" name="from" type="date" required defaultValue={range.from} className={`${inputStyle} py-1.5`} />
        </div>
        <div>
          <label htmlFor="range-to" className="text-xs font-medium text-slate-700">
            To
          </label>
          <input id="range-to" name="to" type="date" required defaultValue={range.to} className={`${inputStyle} py-1.5`} />
        </div>
        <button type="submit" className={buttonStyles.secondary}>
          Show
        </button>
      </form>
    </div>
  );
}
