'use client';

import { useEffect, useState } from 'react';

export interface Passage {
  id: string;
  documentId: string;
  pageStart: number;
  pageEnd: number;
  heading: string | null;
  content: string;
}

/** 'none': no passage asked for; 'missing': gone from the index (the manual was re-indexed or deleted). */
export type PassageState = { state: 'none' | 'loading' | 'missing' | 'failed' } | { state: 'ready'; passage: Passage };

/** The cited passage of this manual, from GET /api/knowledge/chunks/:id. */
export function usePassage(documentId: string, chunkId: string | null): PassageState {
  const [result, setResult] = useState<{ chunkId: string; value: PassageState } | null>(null);
  useEffect(() => {
    if (!chunkId) return;
    const controller = new AbortController();
    const settle = (value: PassageState) => setResult({ chunkId, value });
    fetch(`/api/knowledge/chunks/${encodeURIComponent(chunkId)}`, { credentials: 'same-origin', headers: { Accept: 'application/json' }, signal: controller.signal })
      .then(async (res) => {
        if (res.status === 404) return settle({ state: 'missing' });
        if (!res.ok) return settle({ state: 'failed' });
        const { chunk } = (await res.json()) as { chunk: Passage };
        // A passage of another manual would highlight nonsense: treat it as gone.
        settle(chunk.documentId === documentId ? { state: 'ready', passage: chunk } : { state: 'missing' });
      })
      .catch(() => {
        if (!controller.signal.aborted) settle({ state: 'failed' });
      });
    return () => controller.abort();
  }, [documentId, chunkId]);
  if (!chunkId) return { state: 'none' };
  return result?.chunkId === chunkId ? result.value : { state: 'loading' };
}
