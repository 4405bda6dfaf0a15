'use client';

import { useState } from 'react';
import { dateTime } from '@/components/escalations/format';
import { ErrorAlert } from '@/components/ui/alert';
import { Button, buttonStyles } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ResponsiveTable, tableRow } from '@/components/ui/table';
import { requestJson } from '@/lib/client/fetch';
import type { AuditEntryRow, AuditPageData } from '@/lib/audit/views';
import { AuditFilters, filterQuery, NO_FILTERS, type AuditFilterValues } from './audit-filters';

const OUTCOME = {
  success: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20',
  failure: 'bg-red-50 text-red-700 ring-red-600/20',
  denied: 'bg-amber-50 text-amber-800 ring-amber-600/20',
} as Record<string, string>;

function details(entry: AuditEntryRow): string {
  const d = entry.details as Record<string, unknown>;
  return Object.entries(d)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' · ');
}

/** The audit log, newest first: filters, a page at a time with "Show more", and the CSV of the same filters. */
export function AuditLog({ initial }: { initial: AuditPageData }) {
  const [filters, setFilters] = useState<AuditFilterValues>(NO_FILTERS);
  const [entries, setEntries] = useState(initial.entries);
  const [next, setNext] = useState(initial.nextCursor);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function load(values: AuditFilterValues, cursor?: string) {
    setBusy(true);
    try {
      const page = await requestJson<AuditPageData>(`/api/admin/audit-logs${filterQuery(values, cursor ? { cursor } : {})}`);
      setEntries((current) => (cursor ? [...current, ...page.entries] : page.entries));
      setNext(page.nextCursor);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-4 px-4 py-5 sm:px-8">
      <Card className="p-4">
        <AuditFilters
          onApply={(values) => {
            setFilters(values);
            void load(values);
          }}
        />
      </Card>

      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-600" aria-live="polite">
          {entries.length === 0
            ? 'No entries match.'
            : `Showing ${entries.length}${next ? '+' : ''} ${entries.length === 1 && !next ? 'entry' : 'entries'}, newest first.`}
        </p>
        <a href={`/api/admin/audit-logs${filterQuery(filters, { format: 'csv' })}`} download className={buttonStyles.secondary}>
          Download CSV
        </a>
      </div>

      {error ? <ErrorAlert>{error}</ErrorAlert> : null}

      <ResponsiveTable
        columns={[{ label: 'Time' }, { label: 'Action' }, { label: 'Actor' }, { label: 'Target' }, { label: 'Details' }]}
        empty={entries.length === 0 ? 'Nothing recorded for these filters.' : null}
        testId="audit-table"
      >
        {entries.map((e) => (
          <tr key={e.id} className={tableRow} data-testid="audit-row">
            <td className="text-xs whitespace-nowrap text-slate-500 md:px-4 md:py-3 md:align-top md:text-sm">
              <time dateTime={e.createdAt}>{dateTime(e.createdAt)}</time>
            </td>
            <td className="md:px-4 md:py-3 md:align-top">
              <span className="font-mono text-xs font-medium text-slate-900" data-testid="audit-action">
                {e.action}
              </span>{' '}
              <span
                className={`ml-1 inline-flex rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${OUTCOME[e.outcome] ?? ''}`}
              >
                {e.outcome}
              </span>
            </td>
            <td className="min-w-0 break-all text-slate-800 md:px-4 md:py-3 md:align-top" data-testid="audit-actor">
              {e.actorEmail ?? <span className="text-slate-500">system</span>}
              {e.ip ? <span className="block text-xs text-slate-500">from {e.ip}</span> : null}
            </td>
            <td className="min-w-0 break-all text-slate-700 md:px-4 md:py-3 md:align-top">
              {e.targetType ? (
                <>
                  <span className="text-xs text-slate-500">{e.targetType}</span> <span className="font-mono text-xs">{e.targetId}</span>
                </>
              ) : (
                <span className="text-slate-500">—</span>
              )}
            </td>
            <td className="min-w-0 text-xs break-words text-slate-600 md:max-w-xs md:px-4 md:py-3 md:align-top">{details(e)}</td>
          </tr>
        ))}
      </ResponsiveTable>

      {next ? (
        <div className="flex justify-center">
          <Button onClick={() => void load(filters, next)} disabled={busy}>
            {busy ? 'Loading…' : 'Show more'}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
