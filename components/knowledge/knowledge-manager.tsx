'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/dialog';
import { request, requestJson } from '@/lib/client/fetch';
import type { ManualView } from '@/lib/knowledge/views';
import { formatBytes, isBusy } from './format';
import { ReindexSummary, type Batch } from './reindex-summary';
import { StatusBadge } from './status-badge';
import { UploadPanel } from './upload-panel';

const plural = (n: number) => (n === 1 ? '1 manual is' : `${n} manuals are`);

type Pending = { kind: 'delete'; manual: ManualView } | { kind: 'reindex-all' };

/** Admin view of the manuals: upload, live indexing progress, replace, re-index, delete. */
export function KnowledgeManager({ initial }: { initial: ManualView[] }) {
  const [manuals, setManuals] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [replaceTarget, setReplaceTarget] = useState<ManualView | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [batch, setBatch] = useState<Batch | null>(null);
  // Manuals re-indexed while this page watched: the row says so once they are done.
  const watched = useRef(new Set<string>());
  const [reindexed, setReindexed] = useState<Set<string>>(new Set());
  const busy = manuals.some(isBusy);

  const refresh = useCallback(async () => {
    setManuals((await requestJson<{ documents: ManualView[] }>('/api/knowledge')).documents);
  }, []);

  // Progress comes from the server: poll quickly while something is being indexed.
  useEffect(() => {
    const timer = setInterval(() => void refresh().catch(() => {}), busy ? 800 : 10_000);
    return () => clearInterval(timer);
  }, [busy, refresh]);

  useEffect(() => {
    const done = manuals.filter((m) => watched.current.has(m.id) && !isBusy(m)).map((m) => m.id);
    if (!done.length) return;
    for (const id of done) watched.current.delete(id);
    setReindexed((prev) => new Set([...prev, ...done]));
  }, [manuals]);

  const watch = (ids: string[]) => {
    for (const id of ids) watched.current.add(id);
    setReindexed((prev) => new Set([...prev].filter((id) => !ids.includes(id))));
  };

  async function reindex(m: ManualView) {
    setError(null);
    try {
      const { document } = await requestJson<{ document: ManualView }>(`/api/knowledge/${m.id}/reindex`, { method: 'POST' });
      watch([m.id]);
      // Queued: the polling (quick while anything is busy) follows it from here.
      setManuals((prev) => prev.map((x) => (x.id === m.id ? document : x)));
    } catch (e) {
      setError((e as Error).message);
      void refresh().catch(() => {});
    }
  }

  async function confirm() {
    if (!pending) return;
    setConfirming(true);
    setConfirmError(null);
    try {
      if (pending.kind === 'delete') {
        await request(`/api/knowledge/${pending.manual.id}`, { method: 'DELETE' });
      } else {
        const ids = manuals.filter((m) => m.status === 'ready' || m.status === 'failed').map((m) => m.id);
        await request('/api/knowledge/reindex', { method: 'POST' });
        watch(ids);
        // Queued on the server; the polling follows them from here.
        setManuals((prev) => prev.map((m) => (ids.includes(m.id) ? { ...m, reindexing: true, pagesDone: 0 } : m)));
        setBatch({ ids });
      }
      setPending(null);
      if (pending.kind === 'delete') await refresh().catch(() => {});
    } catch (e) {
      setConfirmError((e as Error).message);
    } finally {
      setConfirming(false);
    }
  }

  function ask(next: Pending) {
    setConfirmError(null);
    setPending(next);
  }

  return (
    <div className="space-y-6 px-4 py-6 sm:px-8">
      <UploadPanel
        replaceTarget={replaceTarget}
        onCancelReplace={() => setReplaceTarget(null)}
        onUploaded={(docs) => setManuals((prev) => [...docs, ...prev.filter((m) => !docs.some((d) => d.id === m.id))])}
      />

      {error ? <ErrorAlert>{error}</ErrorAlert> : null}
      {batch ? <ReindexSummary batch={batch} manuals={manuals} onDismiss={() => setBatch(null)} /> : null}

      <Card as="section" aria-label="Manuals">
        <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3 sm:px-6">
          <h2 className="text-sm font-semibold text-slate-900">
            Manuals <span className="font-normal text-slate-600">({manuals.length})</span>
          </h2>
          <button
            type="button"
            disabled={!manuals.length}
            onClick={() => ask({ kind: 'reindex-all' })}
            className="rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-50"
          >
            Re-index all
          </button>
        </div>
        {manuals.length === 0 ? (
          <p className="px-6 py-10 text-center text-sm text-slate-600">
            No manuals yet. Upload the service manuals of the machines your technicians work on.
          </p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="manual-list">
            {manuals.map((m) => (
              <li key={m.id} className="flex flex-col gap-3 px-4 py-4 sm:flex-row sm:items-center sm:px-6" data-testid="manual-row">
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm font-semibold text-slate-900">{m.title}</p>
                  <p className="mt-0.5 truncate text-xs text-slate-600">
                    {m.fileName} · {formatBytes(m.sizeBytes)}
                    {m.version ? ` · ${m.version}` : ''} · {m.language.toUpperCase()}
                    {m.uploadedBy ? ` · ${m.uploadedBy}` : ''} · {new Date(m.createdAt).toLocaleDateString()}
                  </p>
                  {m.machineModels.length ? (
                    <div className="mt-1.5 flex flex-wrap gap-1">
                      {m.machineModels.map((model) => (
                        <span key={model} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
                          {model}
                        </span>
                      ))}
                    </div>
                  ) : null}
                  {m.error ? <p className="mt-1 text-xs text-red-700">{m.error}</p> : null}
                  {reindexed.has(m.id) && !m.error && m.status === 'ready' ? (
                    <p className="mt-1 text-xs text-emerald-700" role="status" data-testid="reindexed">
                      Re-indexed: {m.chunkCount} passages from {m.pageCount ?? 0} pages.
                    </p>
                  ) : null}
                </div>
                <div className="flex items-center gap-4 text-xs text-slate-600">
                  <StatusBadge manual={m} />
                  <span className="w-16 whitespace-nowrap text-right">{m.pageCount ?? '–'} pages</span>
                  <span className="w-24 whitespace-nowrap text-right">{m.chunkCount} passages</span>
                </div>
                <div className="flex flex-wrap gap-1.5 sm:justify-end">
                  <a
                    href={`/api/knowledge/${m.id}/file`}
                    target="_blank"
                    rel="noopener noreferrer"
                    className="rounded-md px-2 py-1 text-xs font-medium text-brand-700 hover:bg-brand-50"
                  >
                    Open
                  </a>
                  <button
                    type="button"
                    onClick={() => setReplaceTarget(m)}
                    className="rounded-md px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100"
                  >
                    Replace
                  </button>
                  <button
                    type="button"
                    disabled={isBusy(m)}
                    onClick={() => void reindex(m)}
                    className="rounded-md px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-40"
                  >
                    Re-index
                  </button>
                  <button
                    type="button"
                    onClick={() => ask({ kind: 'delete', manual: m })}
                    className="rounded-md px-2 py-1 text-xs font-medium text-red-700 hover:bg-red-50"
                  >
                    Delete
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <ConfirmDialog
        open={pending !== null}
        title={pending?.kind === 'delete' ? `Delete “${pending.manual.title}”?` : 'Re-index every manual?'}
        description={
          pending?.kind === 'delete'
            ? 'Answers will no longer use it. Conversations that cited it keep their text.'
            : `${plural(manuals.filter((m) => m.status === 'ready' || m.status === 'failed').length)} read and indexed again. They keep answering from their current index while this runs.`
        }
        confirmLabel={pending?.kind === 'delete' ? 'Delete' : 'Re-index all'}
        busyLabel={pending?.kind === 'delete' ? 'Deleting…' : 'Starting…'}
        variant={pending?.kind === 'delete' ? 'danger' : 'primary'}
        busy={confirming}
        error={confirmError}
        onConfirm={() => void confirm()}
        onClose={() => setPending(null)}
      />
    </div>
  );
}
