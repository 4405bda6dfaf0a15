'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { ago } from '@/components/profile/format';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { inputStyle } from '@/components/ui/field';
import { PlusIcon, SearchIcon } from '@/components/ui/icons';
import { Select } from '@/components/ui/select';
import { ACTIONS_COLUMN, ResponsiveTable } from '@/components/ui/table';
import { requestJson } from '@/lib/client/fetch';
import type { AdminUserRow, UserList } from '@/lib/users/views';
import { CreateUserDialog } from './create-user-dialog';
import { ROLE_LABEL, ROLE_ORDER } from './labels';
import { ManageUserDialog } from './manage-user-dialog';

type Filters = { search: string; role: string; disabled: string };

function query(f: Filters): string {
  const q = new URLSearchParams();
  if (f.search.trim()) q.set('search', f.search.trim());
  if (f.role) q.set('role', f.role);
  if (f.disabled) q.set('disabled', f.disabled);
  const s = q.toString();
  return s ? `?${s}` : '';
}

function StatusPill({ user }: { user: AdminUserRow }) {
  const [label, className] = user.disabled
    ? ['Disabled', 'bg-red-50 text-red-700 ring-red-600/20']
    : !user.hasPassword
      ? ['Invited', 'bg-amber-50 text-amber-800 ring-amber-600/20']
      : ['Active', 'bg-emerald-50 text-emerald-700 ring-emerald-600/20'];
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${className}`}>{label}</span>;
}

/** Every account: search and filter, create one, and manage role, access and password. */
export function UsersManager({ initial, currentUserId }: { initial: UserList; currentUserId: string }) {
  const [data, setData] = useState(initial);
  const [filters, setFilters] = useState<Filters>({ search: '', role: '', disabled: '' });
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [managing, setManaging] = useState<AdminUserRow | null>(null);
  const first = useRef(true);

  const load = useCallback(async (f: Filters) => {
    try {
      setData(await requestJson<UserList>(`/api/admin/users${query(f)}`));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = setTimeout(() => void load(filters), 250);
    return () => clearTimeout(timer);
  }, [filters, load]);

  function changed(user: AdminUserRow) {
    setManaging((m) => (m && m.id === user.id ? user : m));
    void load(filters);
  }

  const isLastAdmin = (u: AdminUserRow) => u.role === 'admin' && !u.disabled && data.activeAdmins <= 1;

  return (
    <div className="space-y-4 px-4 py-5 sm:px-8">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <div className="relative flex-1">
          <SearchIcon className="pointer-events-none absolute top-1/2 left-2.5 h-4 w-4 -translate-y-1/2 text-slate-400" />
          <label htmlFor="user-search" className="sr-only">
            Search by name or email
          </label>
          <input
            id="user-search"
            type="search"
            placeholder="Search by name or email"
            value={filters.search}
            onChange={(e) => setFilters({ ...filters, search: e.target.value })}
            className={`${inputStyle} pl-8`}
          />
        </div>
        <div className="flex flex-wrap gap-2">
          <label htmlFor="user-role" className="sr-only">
            Role
          </label>
          <Select id="user-role" value={filters.role} onChange={(e) => setFilters({ ...filters, role: e.target.value })} className="flex-1">
            <option value="">All roles</option>
            {ROLE_ORDER.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </Select>
          <label htmlFor="user-status" className="sr-only">
            Status
          </label>
          <Select
            id="user-status"
            value={filters.disabled}
            onChange={(e) => setFilters({ ...filters, disabled: e.target.value })}
            className="flex-1"
          >
            <option value="">Any status</option>
            <option value="false">Active</option>
            <option value="true">Disabled</option>
          </Select>
          <Button variant="primary" onClick={() => setCreating(true)} className="w-full shrink-0 sm:w-auto">
            <PlusIcon className="h-4 w-4" />
            New user
          </Button>
        </div>
      </div>

      {error ? <ErrorAlert>{error}</ErrorAlert> : null}

      <ResponsiveTable
        columns={[
          { label: 'User' },
          { label: 'Role' },
          { label: 'Status' },
          { label: 'Last sign-in', className: 'whitespace-nowrap' },
          ACTIONS_COLUMN,
        ]}
        empty={data.users.length === 0 ? 'No users match these filters.' : null}
        testId="users-table"
      >
        {data.users.map((u) => (
          <tr
            key={u.id}
            className="flex flex-wrap items-center gap-x-3 gap-y-1.5 px-4 py-3 md:table-row md:px-0 md:py-0"
            data-testid="user-row"
          >
            <td className="block min-w-0 flex-1 basis-[calc(100%-7rem)] md:table-cell md:w-full md:max-w-0 md:px-4 md:py-3">
              <p className="truncate font-medium text-slate-900">
                {u.name}
                {u.id === currentUserId ? <span className="ml-1.5 text-xs font-normal text-slate-500">(you)</span> : null}
              </p>
              <p className="truncate text-xs text-slate-600">{u.email}</p>
            </td>
            <td className="order-2 md:order-none md:px-4 md:py-3 md:whitespace-nowrap" data-testid="user-role">
              {ROLE_LABEL[u.role]}
            </td>
            <td className="order-2 md:order-none md:px-4 md:py-3">
              <StatusPill user={u} />
            </td>
            <td className="order-2 text-xs text-slate-600 md:order-none md:px-4 md:py-3 md:text-sm md:whitespace-nowrap">
              <span className="md:hidden">Last sign-in </span>
              {u.lastSignInAt ? ago(u.lastSignInAt) : 'never'}
            </td>
            <td className="order-1 ml-auto md:order-none md:px-4 md:py-3 md:text-right">
              <Button variant="secondary" onClick={() => setManaging(u)} aria-label={`Manage ${u.name}`}>
                Manage
              </Button>
            </td>
          </tr>
        ))}
      </ResponsiveTable>
      <p className="text-xs text-slate-500" data-testid="users-count">
        {data.total === data.users.length
          ? `${data.total} ${data.total === 1 ? 'user' : 'users'}`
          : `Showing ${data.users.length} of ${data.total} users`}{' '}
        · {data.activeAdmins} active {data.activeAdmins === 1 ? 'admin' : 'admins'}
      </p>

      <CreateUserDialog open={creating} onClose={() => setCreating(false)} onCreated={() => void load(filters)} />
      <ManageUserDialog
        user={managing}
        isSelf={managing?.id === currentUserId}
        isLastAdmin={managing ? isLastAdmin(managing) : false}
        onClose={() => setManaging(null)}
        onChanged={changed}
      />
    </div>
  );
}
