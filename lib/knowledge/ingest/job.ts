import 'server-only';
import { db } from '@/db';
import {
  claimJob,
  finishJob,
  getDocumentOrThrow,
  lockDocument,
  renewJob,
  replaceDocumentContent,
  updateDocument,
} from '@/db/queries/knowledge';
import { embedTexts } from '@/lib/llm';
import { passageCodes } from '@/lib/retrieval/codes';
import { errorSummary, log } from '@/lib/log';
import { poller } from '@/lib/ops/poller';
import { forgetHandedOver, takeHandedOver } from './handover';
import { processManual } from './pipeline';
import { readUpload } from '@/lib/knowledge/storage';

// The ingestion job: a background loop claims queued manuals one at a time, reads them (or takes the
// pages the upload check handed over) and swaps their index in.

const POLICY = { pollMs: 2_000, leaseSeconds: 120, maxAttempts: 3, progressEveryMs: 250, embedBatch: 64 } as const;

const ingestion = poller({
  name: 'ingestion',
  idPrefix: 'ingest',
  intervalMs: POLICY.pollMs,
  round: ({ workerId }) => runNextJob(workerId),
});

/** Nudges the worker to look for work now (after an upload). */
export function wakeIngestion(): void {
  ingestion.wake();
}

/** Started and stopped by lib/ops/workers (before the PDF reader threads are stopped). */
export function startIngestionWorker(): void {
  ingestion.start();
}

export async function stopIngestionWorker(): Promise<void> {
  await ingestion.stop();
}

/**
 * Runs one job: extract, clean and chunk the stored file (or take what the upload check already
 * did in this process), then swap the index in one transaction
 * (a crash before that leaves the previous index, or none, never half of one). Returns false when idle.
 */
export async function runNextJob(workerId = ingestion.id()): Promise<boolean> {
  const job = await claimJob({ workerId, leaseSeconds: POLICY.leaseSeconds });
  if (!job) return false;
  const doc = await getDocumentOrThrow({ id: job.documentId }).catch(() => null);
  if (!doc) {
    forgetHandedOver(job.documentId);
    await finishJob({ id: job.id, status: 'failed', error: 'The manual was deleted.' });
    return true;
  }
  const wasReady = doc.status === 'ready';
  if (job.attempts > POLICY.maxAttempts) {
    await failDocument(doc.id, job.id, 'Indexing was interrupted too many times.', wasReady);
    return true;
  }
  if (!wasReady) await updateDocument({ id: doc.id, status: 'processing', pagesDone: 0, error: null });
  const lease = setInterval(() => void renewJob({ id: job.id, workerId }).catch(() => {}), (POLICY.leaseSeconds * 1000) / 3);
  let lastProgress = 0;
  try {
    // Pages checked at upload in this process; otherwise (restart, other instance, re-index) the stored file.
    const handedOver = takeHandedOver(doc.id, doc.sha256);
    const result =
      handedOver ??
      (await processManual(await readUpload(doc.storageKey), doc.mimeType, {
        onPage: (done, total) => {
          // A re-index reports its progress too; the manual keeps answering from its previous index meanwhile.
          if (Date.now() - lastProgress < POLICY.progressEveryMs) return;
          lastProgress = Date.now();
          void updateDocument({ id: doc.id, pagesDone: done, pageCount: total }).catch(() => {});
        },
      }));
    const embeddings = await embedChunks(result.chunks.map((c) => (c.heading ? `${c.heading}\n${c.content}` : c.content)));
    await db().transaction(async (tx) => {
      // Deleted meanwhile: nothing to index.
      if (!(await lockDocument({ id: doc.id }, tx))) return;
      await replaceDocumentContent(
        {
          documentId: doc.id,
          pages: result.pages,
          chunks: result.chunks.map((c, i) => ({
            ...c,
            ordinal: i,
            codes: passageCodes(`${c.heading ?? ''} ${c.content}`),
            embedding: embeddings?.[i] ?? null,
          })),
          tsConfig: result.tsConfig,
        },
        tx,
      );
      await updateDocument(
        {
          id: doc.id,
          status: 'ready',
          error: null,
          pageCount: result.pageCount,
          pagesDone: result.pageCount,
          chunkCount: result.chunks.length,
          readyAt: new Date(),
        },
        tx,
      );
      if (doc.replacesId) await updateDocument({ id: doc.replacesId, status: 'retired' }, tx);
      await finishJob({ id: job.id, status: 'done' }, tx);
    });
    log().info({ documentId: doc.id, pages: result.pageCount, chunks: result.chunks.length, reread: !handedOver }, 'manual indexed');
  } catch (error) {
    const message = (error as Error).message || 'Indexing failed.';
    log().warn({ documentId: doc.id, err: message }, 'manual indexing failed');
    await failDocument(doc.id, job.id, message, wasReady);
  } finally {
    clearInterval(lease);
  }
  return true;
}

async function failDocument(documentId: string, jobId: string, message: string, keepReady: boolean) {
  await db().transaction(async (tx) => {
    // A ready manual that fails to re-index keeps answering from its previous index.
    await updateDocument(
      keepReady ? { id: documentId, error: `Re-indexing failed: ${message}` } : { id: documentId, status: 'failed', error: message },
      tx,
    );
    await finishJob({ id: jobId, status: 'failed', error: message }, tx);
  });
}

async function embedChunks(texts: string[]): Promise<number[][] | null> {
  if (!texts.length) return null;
  try {
    const out: number[][] = [];
    for (let i = 0; i < texts.length; i += POLICY.embedBatch) {
      const batch = await embedTexts(texts.slice(i, i + POLICY.embedBatch));
      if (!batch) return null;
      out.push(...batch);
    }
    return out;
  } catch (error) {
    // Lexical search still works without vectors.
    log().warn({ err: errorSummary(error) }, 'embeddings unavailable: indexing without vectors');
    return null;
  }
}
