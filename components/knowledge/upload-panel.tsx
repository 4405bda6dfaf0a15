'use client';

import { useRef, useState, type DragEvent } from 'react';
import { Card } from '@/components/ui/card';
import type { ErrorBody } from '@/lib/errors';
import type { ManualView } from '@/lib/knowledge/views';
import { LANGUAGES, formatBytes } from './format';

/** The `details` of a refused upload of a file already in the knowledge base. */
type Duplicate = { duplicateOf?: { id: string; title: string } };

interface Item {
  file: File;
  state: 'waiting' | 'uploading' | 'done' | 'error';
  progress: number;
  message?: string;
  duplicateOf?: { id: string; title: string };
}

const ACCEPT = '.pdf,.md,.markdown,.txt,application/pdf,text/markdown,text/plain';

/** Sends one file; XMLHttpRequest because fetch cannot report upload progress. */
function sendFile(form: FormData, onProgress: (pct: number) => void): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/knowledge');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error('Network error: the upload did not reach the server.'));
    xhr.send(form);
  });
}

export function UploadPanel({
  onUploaded,
  replaceTarget,
  onCancelReplace,
}: {
  onUploaded: (docs: ManualView[]) => void;
  replaceTarget: ManualView | null;
  onCancelReplace: () => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [items, setItems] = useState<Item[]>([]);
  const [dragging, setDragging] = useState(false);
  const [title, setTitle] = useState('');
  const [models, setModels] = useState('');
  const [language, setLanguage] = useState('en');
  const [version, setVersion] = useState('');
  const busy = items.some((i) => i.state === 'uploading');

  function addFiles(list: FileList | null) {
    if (!list?.length) return;
    const files = replaceTarget ? [list[0]] : [...list];
    setItems((prev) => [
      ...prev.filter((i) => i.state === 'uploading'),
      ...files.map((file) => ({ file, state: 'waiting' as const, progress: 0 })),
    ]);
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    addFiles(e.dataTransfer.files);
  }

  async function upload(replaceId?: string) {
    const waiting = items.filter((i) => i.state === 'waiting' || (replaceId && i.duplicateOf));
    for (const item of waiting) {
      const update = (patch: Partial<Item>) => setItems((prev) => prev.map((i) => (i.file === item.file ? { ...i, ...patch } : i)));
      update({ state: 'uploading', progress: 0, message: undefined, duplicateOf: undefined });
      const form = new FormData();
      form.append('file', item.file);
      if (title && waiting.length === 1) form.append('title', title);
      if (models) form.append('machineModels', models);
      form.append('language', language);
      if (version) form.append('version', version);
      const target = replaceId ?? replaceTarget?.id;
      if (target) form.append('replaceId', target);
      try {
        const res = await sendFile(form, (progress) => update({ progress }));
        if (res.status === 201) {
          update({ state: 'done', progress: 100, message: 'Uploaded — indexing in the background.' });
          onUploaded((res.body as { documents: ManualView[] }).documents);
        } else {
          const err = (res.body as Partial<ErrorBody> | null)?.error;
          update({
            state: 'error',
            message: err?.message ?? `Upload failed (HTTP ${res.status}).`,
            duplicateOf: (err?.details as Duplicate | undefined)?.duplicateOf,
          });
        }
      } catch (error) {
        update({ state: 'error', message: (error as Error).message });
      }
    }
    if (replaceTarget) onCancelReplace();
  }

  return (
    <Card as="section" className="p-4 sm:p-6" aria-label="Upload manuals">
      {replaceTarget ? (
        <div className="mb-4 flex items-center justify-between rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
          <span>
            Uploading a new version of <strong>{replaceTarget.title}</strong>. The current version keeps answering until the new one is
            ready.
          </span>
          <button type="button" onClick={onCancelReplace} className="ml-3 font-medium underline">
            Cancel
          </button>
        </div>
      ) : null}
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={`flex flex-col items-center justify-center rounded-lg border-2 border-dashed px-4 py-8 text-center transition ${dragging ? 'border-brand-500 bg-brand-50' : 'border-slate-300'}`}
        data-testid="dropzone"
      >
        <p className="text-sm font-medium text-slate-800">Drop PDF manuals here</p>
        <p className="mt-1 text-xs text-slate-500">PDF with a text layer, Markdown or plain text · up to 50 MB each</p>
        <button
          type="button"
          onClick={() => input.current?.click()}
          className="mt-3 rounded-md bg-white px-3 py-1.5 text-sm font-semibold text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50"
        >
          Choose files
        </button>
        <input
          ref={input}
          type="file"
          accept={ACCEPT}
          multiple={!replaceTarget}
          aria-label={replaceTarget ? 'New version of the manual' : 'Manual files'}
          // The "Choose files" button opens it; one stop for the keyboard, not two.
          tabIndex={-1}
          className="sr-only"
          data-testid="file-input"
          onChange={(e) => {
            addFiles(e.target.files);
            // Choosing the same file again must still count as a new choice.
            e.target.value = '';
          }}
        />
      </div>

      <div className="mt-4 grid gap-3 sm:grid-cols-4">
        <label className="text-sm sm:col-span-2">
          <span className="font-medium text-slate-700">Title</span>
          <input
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            placeholder="From the file when empty"
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm"
          />
        </label>
        <label className="text-sm sm:col-span-2">
          <span className="font-medium text-slate-700">Machine models</span>
          <input
            value={models}
            onChange={(e) => setModels(e.target.value)}
            placeholder="e.g. AC-400, AC-400S"
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm"
          />
        </label>
        <label className="text-sm">
          <span className="font-medium text-slate-700">Language</span>
          <select
            value={language}
            onChange={(e) => setLanguage(e.target.value)}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            {LANGUAGES.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="font-medium text-slate-700">Version</span>
          <input
            value={version}
            onChange={(e) => setVersion(e.target.value)}
            placeholder="e.g. Rev. C"
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm"
          />
        </label>
        <div className="flex items-end sm:col-span-2 sm:justify-end">
          <button
            type="button"
            disabled={busy || !items.some((i) => i.state === 'waiting')}
            onClick={() => upload()}
            className="w-full rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-50 sm:w-auto"
          >
            {busy
              ? 'Uploading…'
              : `Upload${items.filter((i) => i.state === 'waiting').length > 1 ? ` ${items.filter((i) => i.state === 'waiting').length} files` : ''}`}
          </button>
        </div>
      </div>

      {items.length ? (
        <ul className="mt-4 divide-y divide-slate-100 rounded-md border border-slate-200" data-testid="upload-list">
          {items.map((item) => (
            <li key={`${item.file.name}-${item.file.size}-${item.file.lastModified}`} className="px-3 py-2 text-sm">
              <div className="flex items-center justify-between gap-3">
                <span className="truncate font-medium text-slate-800">{item.file.name}</span>
                <span className="shrink-0 text-xs text-slate-500">{formatBytes(item.file.size)}</span>
              </div>
              {item.state === 'uploading' ? (
                <div className="mt-1 h-1 overflow-hidden rounded-full bg-slate-100">
                  <div className="h-full bg-brand-600 transition-all" style={{ width: `${item.progress}%` }} />
                </div>
              ) : null}
              {item.message ? (
                <p
                  role={item.state === 'error' ? 'alert' : undefined}
                  className={`mt-1 text-xs ${item.state === 'error' ? 'text-red-700' : 'text-emerald-700'}`}
                >
                  {item.message}
                  {item.duplicateOf ? (
                    <button type="button" className="ml-2 font-semibold underline" onClick={() => upload(item.duplicateOf!.id)}>
                      Replace “{item.duplicateOf.title}”
                    </button>
                  ) : null}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}
