'use client';

import Link from 'next/link';
import { useCallback, useMemo, useState } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { InboxIcon } from '@/components/ui/icons';
import { Select } from '@/components/ui/select';
import { requestJson } from '@/lib/client/fetch';
import type { EscalationStatus, Urgency } from '@/lib/conversations/views';
import type { InboxData, InboxItem } from '@/lib/escalation/views';
import { StatusBadge, UnreadDot, UrgencyBadge } from './badges';
import { timeAgo } from './format';
import { usePoll } from './use-poll';

/** The inbox's status tabs: `active` is open and acknowledged together. */
export type StatusFilter = EscalationStatus | 'active' | 'all';

export interface InboxFilters {
  status: StatusFilter;
  urgency: Urgency | '';
  machineModel: string;
  assigned: 'me' | 'none' | '';
}

/** Query string of the filters; `forApi` leaves out "all" (the API's default), the page URL leaves out "active" (the page's). */
function filtersToQuery(f: InboxFilters, forApi: boolean): string {
  const q = new URLSearchParams();
  if (forApi ? f.status !== 'all' : f.status !== 'active') q.set('status', f.status);
  if (f.urgency) q.set('urgency', f.urgency);
  if (f.machineModel) q.set('machineModel', f.machineModel);
  if (f.assigned) q.set('assigned', f.assigned);
  return q.toString();
}

const TABS: { value: StatusFilter; label: string }[] = [
  { value: 'active', label: 'Active' },
  { value: 'open', label: 'Open' },
  { value: 'acknowledged', label: 'Acknowledged' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'all', label: 'All' },
];

/** The support inbox: status tabs with counts, filters, unread dots; refreshes every few seconds. */
export function Inbox({ initial, initialFilters }: { initial: InboxData; initialFilters: InboxFilters }) {
  const [data, setData] = useState(initial);
  const [filters, setFilters] = useState(initialFilters);
  const [error, setError] = useState<string | null>(null);
  const [, setTick] = useState(0);

  const load = useCallback(async (f: InboxFilters) => {
    const query = filtersToQuery(f, true);
    const next = await requestJson<InboxData>(`/api/escalations${query ? `?${query}` : ''}`);
    setData(next);
    setError(null);
    setTick((t) => t + 1);
  }, []);

  usePoll(
    useCallback(() => load(filters).catch((e: Error) => setError(e.message)), [filters, load]),
    5_000,
  );

  function change(patch: Partial<InboxFilters>) {
    const next = { ...filters, ...patch };
    setFilters(next);
    const query = filtersToQuery(next, false);
    window.history.replaceState(null, '', `/escalations${query ? `?${query}` : ''}`);
    void load(next).catch((e: Error) => setError(e.message));
  }

  const counts = useMemo(() => {
    const c = data.counts;
    return { ...c, active: c.open + c.acknowledged, all: c.open + c.acknowledged + c.resolved } as Record<StatusFilter, number>;
  }, [data.counts]);

  return (
    <div className="space-y-4 px-4 py-5 sm:px-8">
      <div className="flex flex-col gap-3">
        <nav aria-label="Status" className="flex flex-wrap gap-1.5" data-testid="status-tabs">
          {TABS.map((t) => {
            const active = filters.status === t.value;
            return (
              <button
                key={t.value}
                type="button"
                aria-pressed={active}
                onClick={() => change({ status: t.value })}
                className={`flex items-center gap-1.5 rounded-full px-3 py-1.5 text-sm font-medium ${
                  active ? 'bg-slate-900 text-white' : 'bg-white text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50'
                }`}
              >
                {t.label}
                <span
                  className={`rounded-full px-1.5 text-xs tabular-nums ${active ? 'bg-white/20' : 'bg-slate-100 text-slate-600'}`}
                  data-testid={`count-${t.value}`}
                >
                  {counts[t.value]}
                </span>
              </button>
            );
          })}
        </nav>
        <div className="grid grid-cols-2 gap-2 sm:flex sm:flex-wrap">
          <label className="sr-only" htmlFor="filter-urgency">
            Urgency
          </label>
          <Select id="filter-urgency" value={filters.urgency} onChange={(e) => change({ urgency: e.target.value as Urgency | '' })}>
            <option value="">Any urgency</option>
            <option value="high">High</option>
            <option value="normal">Normal</option>
            <option value="low">Low</option>
          </Select>
          <label className="sr-only" htmlFor="filter-machine">
            Machine model
          </label>
          <Select
            id="filter-machine"
            value={filters.machineModel}
            onChange={(e) => change({ machineModel: e.target.value })}
            className="order-last col-span-2 sm:order-none sm:max-w-52"
          >
            <option value="">All machines</option>
            {[...new Set([...data.machineModels, ...(filters.machineModel ? [filters.machineModel] : [])])].map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </Select>
          <label className="sr-only" htmlFor="filter-assigned">
            Assigned to
          </label>
          <Select
            id="filter-assigned"
            value={filters.assigned}
            onChange={(e) => change({ assigned: e.target.value as InboxFilters['assigned'] })}
          >
            <option value="">Anyone</option>
            <option value="me">Assigned to me</option>
            <option value="none">Unassigned</option>
          </Select>
        </div>
      </div>

      {error ? <ErrorAlert>{error}</ErrorAlert> : null}

      {data.escalations.length === 0 ? (
        <Card>
          <EmptyState
            icon={<InboxIcon />}
            title={
              filters.status === 'active' && !filters.urgency && !filters.machineModel && !filters.assigned
                ? 'Inbox zero'
                : 'Nothing matches'
            }
          >
            {filters.status === 'active'
              ? 'Nothing is waiting for support. New escalations appear here and are emailed to the support address.'
              : 'No escalation matches these filters.'}
          </EmptyState>
        </Card>
      ) : (
        <ul
          className="divide-y divide-slate-100 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm"
          data-testid="escalation-list"
        >
          {data.escalations.map((e) => (
            <InboxRow key={e.id} item={e} />
          ))}
        </ul>
      )}
    </div>
  );
}

function InboxRow({ item: e }: { item: InboxItem }) {
  const machine = [e.machineModel, e.serialNumber ? `SN ${e.serialNumber}` : null].filter(Boolean).join(' · ');
  return (
    <li data-testid="escalation-row" data-unread={e.unread} className={e.unread ? 'bg-brand-50/40' : undefined}>
      <Link href={`/escalations/${e.id}`} className="flex gap-3 px-4 py-3.5 hover:bg-slate-50 focus-visible:bg-slate-50 sm:px-5">
        <div className="pt-1.5">
          <UnreadDot unread={e.unread} />
        </div>
        <div className="min-w-0 flex-1">
          <div className="flex items-start justify-between gap-3">
            <p className={`min-w-0 truncate text-sm ${e.unread ? 'font-semibold text-slate-900' : 'font-medium text-slate-800'}`}>
              <span className="text-slate-500 tabular-nums">#{e.reference}</span> {e.sessionTitle}
            </p>
            <span className="shrink-0 text-xs text-slate-500 tabular-nums" title={new Date(e.lastActivityAt).toLocaleString()}>
              {timeAgo(e.lastActivityAt)}
            </span>
          </div>
          <p className="mt-0.5 truncate text-sm text-slate-600">
            {e.technician.name}
            {machine ? <span className="text-slate-500"> · </span> : null}
            {machine}
          </p>
          {e.note ? <p className="mt-1 line-clamp-1 text-sm text-slate-500">“{e.note}”</p> : null}
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <UrgencyBadge urgency={e.urgency} />
            <StatusBadge status={e.status} />
            <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{e.reasonLabel}</span>
            <span className="text-xs text-slate-500">{e.assigneeName ? `Assigned to ${e.assigneeName}` : 'Unassigned'}</span>
            {e.sessionMode === 'support' && e.status !== 'resolved' ? (
              <span className="text-xs font-medium text-emerald-700">Assistant paused</span>
            ) : null}
          </div>
        </div>
      </Link>
    </li>
  );
}
