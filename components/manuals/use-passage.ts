'use client';

import { useEffect, useState } from 'react';
import { ApiError, requestJson } from '@/lib/client/fetch';
import type { PassageView } from '@/lib/knowledge/views';

/** 'none': no passage asked for; 'missing': gone from the index (the manual was re-indexed or deleted). */
export type PassageState = { state: 'none' | 'loading' | 'missing' | 'failed' } | { state: 'ready'; passage: PassageView };

/** The cited passage of this manual, from GET /api/knowledge/chunks/:id. */
export function usePassage(documentId: string, chunkId: string | null): PassageState {
  const [result, setResult] = useState<{ chunkId: string; value: PassageState } | null>(null);
  useEffect(() => {
    if (!chunkId) return;
    const controller = new AbortController();
    const settle = (value: PassageState) => setResult({ chunkId, value });
    requestJson<{ chunk: PassageView }>(`/api/knowledge/chunks/${encodeURIComponent(chunkId)}`, { signal: controller.signal })
      .then(({ chunk }) => {
        // A passage of another manual would highlight nonsense: treat it as gone.
        settle(chunk.documentId === documentId ? { state: 'ready', passage: chunk } : { state: 'missing' });
      })
      .catch((error) => {
        if (controller.signal.aborted) return;
        settle(error instanceof ApiError && error.status === 404 ? { state: 'missing' } : { state: 'failed' });
      });
    return () => controller.abort();
  }, [documentId, chunkId]);
  if (!chunkId) return { state: 'none' };
  return result?.chunkId === chunkId ? result.value : { state: 'loading' };
}
