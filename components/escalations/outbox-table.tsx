'use client';

import { Fragment, useCallback, useState } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { ACTIONS_COLUMN, ResponsiveTable, tableRow } from '@/components/ui/table';
import { requestJson } from '@/lib/client/fetch';
import type { OutboxData, OutboxEmailDetail, OutboxRow } from '@/lib/email/views';
import { dateTime, timeAgo } from './format';
import { usePoll } from './use-poll';

const STATUS = {
  sent: { label: 'Sent', className: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20' },
  pending: { label: 'Waiting', className: 'bg-amber-50 text-amber-800 ring-amber-600/20' },
  failed: { label: 'Failed', className: 'bg-red-50 text-red-700 ring-red-600/20' },
} as const;

function StatusPill({ row }: { row: OutboxRow }) {
  const s = STATUS[row.status];
  const label = row.status === 'pending' && row.attempts > 0 ? 'Retrying' : s.label;
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${s.className}`}>{label}</span>;
}

/** Every outgoing email and what happened to it; failed or waiting ones can be sent again. */
export function OutboxTable({ initial }: { initial: OutboxData }) {
  const [data, setData] = useState(initial);
  const [status, setStatus] = useState<'' | OutboxRow['status']>('');
  const [open, setOpen] = useState<string | null>(null);
  const [body, setBody] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (s: typeof status) => {
    setData(await requestJson<OutboxData>(`/api/admin/outbox${s ? `?status=${s}` : ''}`));
    setError(null);
  }, []);
  usePoll(
    useCallback(() => load(status).catch((e: Error) => setError(e.message)), [load, status]),
    5_000,
  );

  async function toggle(id: string) {
    if (open === id) return setOpen(null);
    setOpen(id);
    if (!body[id]) {
      try {
        const { email } = await requestJson<OutboxEmailDetail>(`/api/admin/outbox/${id}`);
        setBody((b) => ({ ...b, [id]: email.textBody }));
      } catch (e) {
        setError((e as Error).message);
      }
    }
  }

  async function retry(id: string) {
    try {
      await requestJson(`/api/admin/outbox/${id}/retry`, { method: 'POST', json: {} });
      await load(status);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  const { stats } = data;
  return (
    <div className="space-y-4 px-4 py-5 sm:px-8">
      {data.mode === 'files' ? (
        <p className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="outbox-mode">
          No SMTP server is configured, so emails are written as <code className="rounded bg-amber-100 px-1">.eml</code> files under{' '}
          <code className="rounded bg-amber-100 px-1">DATA_DIR/outbox</code> instead of being sent. Set{' '}
          <code className="rounded bg-amber-100 px-1">SMTP_SERVER</code> to send them.
        </p>
      ) : null}

      <div className="grid grid-cols-3 gap-3">
        {[
          { label: 'Waiting', value: stats.pending, tone: stats.pending ? 'text-amber-700' : 'text-slate-900' },
          { label: 'Failed', value: stats.failed, tone: stats.failed ? 'text-red-700' : 'text-slate-900' },
          { label: 'Sent', value: stats.sent, tone: 'text-slate-900' },
        ].map((s) => (
          <Card key={s.label} className="px-4 py-3">
            <p className="text-xs font-medium text-slate-500">{s.label}</p>
            <p className={`mt-1 text-2xl font-semibold tabular-nums ${s.tone}`}>{s.value}</p>
          </Card>
        ))}
      </div>

      <div className="flex items-center gap-2">
        <label htmlFor="outbox-status" className="text-sm text-slate-600">
          Show
        </label>
        <select
          id="outbox-status"
          value={status}
          onChange={(e) => {
            const next = e.target.value as typeof status;
            setStatus(next);
            void load(next).catch((err: Error) => setError(err.message));
          }}
          className="rounded-md border-0 py-1.5 pr-8 pl-2.5 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500"
        >
          <option value="">All emails</option>
          <option value="pending">Waiting</option>
          <option value="failed">Failed</option>
          <option value="sent">Sent</option>
        </select>
      </div>

      {error ? <ErrorAlert>{error}</ErrorAlert> : null}

      <ResponsiveTable
        columns={[
          { label: 'Status' },
          { label: 'Email' },
          { label: 'Attempts', className: 'text-right' },
          { label: 'Created' },
          { label: 'Sent' },
          ACTIONS_COLUMN,
        ]}
        empty={data.emails.length === 0 ? 'No emails yet. Escalations send one to support and a confirmation to the technician.' : null}
        testId="outbox-table"
      >
        {data.emails.map((m) => (
          <Fragment key={m.id}>
            <tr className={tableRow} data-testid="outbox-row">
              <td className="md:px-4 md:py-3 md:align-top">
                <StatusPill row={m} />
              </td>
              <td className="block min-w-0 md:table-cell md:w-full md:max-w-0 md:px-4 md:py-3 md:align-top">
                <p className="truncate font-medium text-slate-900" title={m.subject}>
                  {m.subject}
                </p>
                <p className="truncate text-xs text-slate-500">
                  To {m.toAddress}
                  {m.deliveredVia ? ` · via ${m.deliveredVia}` : ''}
                </p>
                {m.lastError ? (
                  <p className="mt-1 text-xs text-red-700" data-testid="outbox-error">
                    {m.lastError}
                  </p>
                ) : null}
                {m.status === 'pending' && m.attempts > 0 ? (
                  <p className="mt-0.5 text-xs text-slate-500">Next attempt {dateTime(m.nextAttemptAt)}</p>
                ) : null}
              </td>
              <td className="text-xs text-slate-600 tabular-nums md:px-4 md:py-3 md:text-right md:align-top md:text-sm">
                <span className="md:hidden">Attempts: </span>
                {m.attempts}
              </td>
              <td
                className="text-xs whitespace-nowrap text-slate-600 md:px-4 md:py-3 md:align-top md:text-sm"
                title={dateTime(m.createdAt)}
              >
                <span className="md:hidden">Created </span>
                {timeAgo(m.createdAt)}
              </td>
              <td className="text-xs whitespace-nowrap text-slate-600 md:px-4 md:py-3 md:align-top md:text-sm">
                {m.sentAt ? (
                  <span title={dateTime(m.sentAt)}>
                    <span className="md:hidden">Sent </span>
                    {timeAgo(m.sentAt)}
                  </span>
                ) : (
                  <span className="text-slate-500">—</span>
                )}
              </td>
              <td className="md:px-4 md:py-3 md:align-top">
                <div className="flex flex-wrap gap-1 pt-1 md:flex-nowrap md:justify-end md:pt-0 md:whitespace-nowrap">
                  <button
                    type="button"
                    onClick={() => void toggle(m.id)}
                    aria-expanded={open === m.id}
                    className="rounded-md px-2 py-1 text-xs font-medium text-brand-700 hover:bg-brand-50"
                  >
                    {open === m.id ? 'Hide' : 'View'}
                  </button>
                  <a
                    href={`/api/admin/outbox/${m.id}/eml`}
                    target="_blank"
                    rel="noopener noreferrer"
                    className="rounded-md px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100"
                  >
                    .eml
                  </a>
                  {m.status !== 'sent' ? (
                    <button
                      type="button"
                      onClick={() => void retry(m.id)}
                      className="rounded-md px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100"
                    >
                      Send now
                    </button>
                  ) : null}
                  {m.escalationId ? (
                    <a
                      href={`/escalations/${m.escalationId}`}
                      className="rounded-md px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100"
                    >
                      Escalation
                    </a>
                  ) : null}
                </div>
              </td>
            </tr>
            {open === m.id ? (
              <tr className="block md:table-row">
                <td colSpan={6} className="block bg-slate-50 px-4 py-3 md:table-cell">
                  <pre
                    className="max-h-96 overflow-auto rounded-lg bg-white p-3 text-xs leading-5 whitespace-pre-wrap text-slate-800 ring-1 ring-slate-200"
                    data-testid="outbox-body"
                  >
                    {body[m.id] ?? 'Loading…'}
                  </pre>
                </td>
              </tr>
            ) : null}
          </Fragment>
        ))}
      </ResponsiveTable>
      <p className="text-xs text-slate-500">
        Temporary failures are retried with growing pauses for up to 48 hours; a permanent refusal (5xx) fails at once.
      </p>
    </div>
  );
}
