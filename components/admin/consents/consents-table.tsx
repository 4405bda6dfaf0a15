'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { inputStyle } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { ResponsiveTable, tableRow } from '@/components/ui/table';
import { requestJson } from '@/lib/client/fetch';
import type { AdminConsentList } from '@/lib/privacy/consents';
import type { Serialized } from '@/lib/serialized';

type Data = Serialized<AdminConsentList>;
type State = keyof Data['counts'];

const PAGE_SIZE = 50;

export const STATE: Record<State, { label: string; className: string }> = {
  current: { label: 'Consented', className: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20' },
  outdated: { label: 'Earlier version', className: 'bg-amber-50 text-amber-800 ring-amber-600/20' },
  withdrawn: { label: 'Withdrawn', className: 'bg-red-50 text-red-700 ring-red-600/20' },
  none: { label: 'Not asked yet', className: 'bg-slate-100 text-slate-700 ring-slate-500/20' },
};

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—');

/** Who consented to AI processing, to which version and when; filtered and a page at a time. */
export function ConsentsTable({ initial }: { initial: Data }) {
  const [data, setData] = useState(initial);
  const [search, setSearch] = useState('');
  const [state, setState] = useState<'' | State>('');
  const [offset, setOffset] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const first = useRef(true);

  const load = useCallback(async (q: { search: string; state: string; offset: number }) => {
    const params = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(q.offset) });
    if (q.search.trim()) params.set('search', q.search.trim());
    if (q.state) params.set('state', q.state);
    try {
      setData(await requestJson<Data>(`/api/admin/consents?${params}`));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);

  // Typing in the search waits for a pause; the first render shows what the server sent.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = setTimeout(() => void load({ search, state, offset }), 250);
    return () => clearTimeout(timer);
  }, [load, search, state, offset]);

  const all = Object.values(data.counts).reduce((a, b) => a + b, 0);
  const end = Math.min(data.offset + data.users.length, data.total);

  return (
    <div className="space-y-4 px-4 py-5 sm:px-8">
      <p className="text-sm text-slate-600">
        The current notice is version <span className="font-medium text-slate-900">{data.currentVersion}</span>. Users who have not
        consented to it cannot chat until they do.
      </p>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <label htmlFor="consents-search" className="sr-only">
          Search by name or email
        </label>
        <input
          id="consents-search"
          type="search"
          value={search}
          placeholder="Search by name or email"
          onChange={(e) => {
            setSearch(e.target.value);
            setOffset(0);
          }}
          className={`${inputStyle} sm:max-w-xs`}
        />
        <label htmlFor="consents-state" className="sr-only">
          Consent state
        </label>
        <Select
          id="consents-state"
          value={state}
          onChange={(e) => {
            setState(e.target.value as '' | State);
            setOffset(0);
          }}
        >
          <option value="">All users ({all})</option>
          {(Object.keys(STATE) as State[]).map((s) => (
            <option key={s} value={s}>
              {STATE[s].label} ({data.counts[s]})
            </option>
          ))}
        </Select>
      </div>

      {error ? <ErrorAlert>{error}</ErrorAlert> : null}

      <ResponsiveTable
        columns={[{ label: 'User' }, { label: 'Consent' }, { label: 'Version' }, { label: 'Given' }, { label: 'Withdrawn' }]}
        empty={data.users.length === 0 ? 'No users match these filters.' : null}
        testId="consents-table"
      >
        {data.users.map((u) => (
          <tr key={u.userId} className={tableRow} data-testid="consent-row">
            <td className="block min-w-0 md:table-cell md:px-4 md:py-3">
              <p className="truncate font-medium text-slate-900">
                {u.name}
                {u.disabled ? <span className="ml-2 text-xs font-normal text-slate-500">(disabled)</span> : null}
              </p>
              <p className="truncate text-xs text-slate-500">
                {u.email} · {u.role}
              </p>
            </td>
            <td className="md:px-4 md:py-3">
              <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${STATE[u.state].className}`}>
                {STATE[u.state].label}
              </span>
            </td>
            <td className="text-xs text-slate-600 tabular-nums md:px-4 md:py-3 md:text-sm">
              <span className="md:hidden">Version </span>
              {u.version ?? '—'}
            </td>
            <td className="text-xs whitespace-nowrap text-slate-600 md:px-4 md:py-3 md:text-sm" suppressHydrationWarning>
              <span className="md:hidden">Given </span>
              {when(u.grantedAt)}
            </td>
            <td
              className={`text-xs whitespace-nowrap text-slate-600 md:table-cell md:px-4 md:py-3 md:text-sm ${u.withdrawnAt ? '' : 'hidden'}`}
              suppressHydrationWarning
            >
              <span className="md:hidden">Withdrawn </span>
              {when(u.withdrawnAt)}
            </td>
          </tr>
        ))}
      </ResponsiveTable>

      {data.total > 0 ? (
        <nav aria-label="Pages" className="flex items-center justify-between gap-3">
          <p className="text-sm text-slate-600" data-testid="consents-range">
            {data.offset + 1}–{end} of {data.total}
          </p>
          <div className="flex gap-2">
            <Button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
              Previous
            </Button>
            <Button disabled={end >= data.total} onClick={() => setOffset(offset + PAGE_SIZE)}>
              Next
            </Button>
          </div>
        </nav>
      ) : null}
    </div>
  );
}
