'use client';

import { useCallback, useEffect, useState } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { request, requestJson } from '@/lib/client/fetch';
import type { ManualView } from '@/lib/knowledge/views';
import { formatBytes, isBusy } from './format';
import { StatusBadge } from './status-badge';
import { UploadPanel } from './upload-panel';

/** The message of a failed action, or null when it went through. */
async function call(method: string, url: string): Promise<string | null> {
  try {
    await request(url, { method });
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Admin view of the manuals: upload, live indexing progress, replace, re-index, delete. */
export function KnowledgeManager({ initial }: { initial: ManualView[] }) {
  const [manuals, setManuals] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [replaceTarget, setReplaceTarget] = useState<ManualView | null>(null);
  const busy = manuals.some(isBusy);

  const refresh = useCallback(async () => {
    setManuals((await requestJson<{ documents: ManualView[] }>('/api/knowledge')).documents);
  }, []);

  // Progress comes from the server: poll quickly while something is being indexed.
  useEffect(() => {
    const timer = setInterval(() => void refresh().catch(() => {}), busy ? 800 : 10_000);
    return () => clearInterval(timer);
  }, [busy, refresh]);

  async function act(method: string, url: string, confirmText?: string) {
    if (confirmText && !window.confirm(confirmText)) return;
    setError(await call(method, url));
    await refresh().catch(() => {});
  }

  return (
    <div className="space-y-6 px-4 py-6 sm:px-8">
      <UploadPanel
        replaceTarget={replaceTarget}
        onCancelReplace={() => setReplaceTarget(null)}
        onUploaded={(docs) => setManuals((prev) => [...docs, ...prev.filter((m) => !docs.some((d) => d.id === m.id))])}
      />

      {error ? <ErrorAlert>{error}</ErrorAlert> : null}

      <Card as="section" aria-label="Manuals">
        <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3 sm:px-6">
          <h2 className="text-sm font-semibold text-slate-900">
            Manuals <span className="font-normal text-slate-500">({manuals.length})</span>
          </h2>
          <button
            type="button"
            disabled={!manuals.length}
            onClick={() => act('POST', '/api/knowledge/reindex', 'Re-index every manual? They keep answering while this runs.')}
            className="rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-50"
          >
            Re-index all
          </button>
        </div>
        {manuals.length === 0 ? (
          <p className="px-6 py-10 text-center text-sm text-slate-500">
            No manuals yet. Upload the service manuals of the machines your technicians work on.
          </p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="manual-list">
            {manuals.map((m) => (
              <li key={m.id} className="flex flex-col gap-3 px-4 py-4 sm:flex-row sm:items-center sm:px-6" data-testid="manual-row">
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm font-semibold text-slate-900">{m.title}</p>
                  <p className="mt-0.5 truncate text-xs text-slate-500">
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
                    onClick={() => act('POST', `/api/knowledge/${m.id}/reindex`)}
                    className="rounded-md px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-40"
                  >
                    Re-index
                  </button>
                  <button
                    type="button"
                    onClick={() => act('DELETE', `/api/knowledge/${m.id}`, `Delete “${m.title}”? Answers will no longer use it.`)}
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
    </div>
  );
}
