import type { AnalyticsTable } from '@/lib/analytics/export';

/** The download of one of the dashboard's tables as CSV, for the range shown. */
export function CsvLink({ table, from, to, label }: { table: AnalyticsTable; from: string; to: string; label: string }) {
  const href = `/api/admin/analytics?${new URLSearchParams({ from, to, format: 'csv', table })}`;
  return (
    <a
      href={href}
      download
      data-testid={`csv-${table}`}
      className="inline-flex shrink-0 items-center gap-1 rounded-md px-2 py-1 text-xs font-medium text-brand-700 ring-1 ring-slate-300 hover:bg-slate-50"
    >
      CSV<span className="sr-only"> of {label}</span>
    </a>
  );
}
