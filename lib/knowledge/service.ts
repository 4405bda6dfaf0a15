import 'server-only';
import { db } from '@/db';
import { deleteDocument, enqueueJob, getDocumentOrThrow, listDocuments, updateDocument } from '@/db/queries/knowledge';
import type { KnowledgeDocument } from '@/db/schema';
import { audit, type RequestMeta } from '@/lib/audit';
import type { AuthUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { forgetHandedOver } from '@/lib/knowledge/ingest/handover';
import { removeUpload } from './storage';
import { wakeIngestion } from '@/lib/knowledge/ingest/job';

export function toDocumentView(d: KnowledgeDocument, extra: { uploadedByName?: string | null; jobStatus?: string | null } = {}) {
  return {
    id: d.id,
    title: d.title,
    machineModels: d.machineModels,
    language: d.language,
    version: d.version,
    fileName: d.fileName,
    mimeType: d.mimeType,
    sizeBytes: d.sizeBytes,
    status: d.status,
    /** A ready manual being re-indexed keeps answering from its previous index. */
    reindexing: d.status === 'ready' && (extra.jobStatus === 'queued' || extra.jobStatus === 'running'),
    error: d.error,
    pageCount: d.pageCount,
    pagesDone: d.pagesDone,
    chunkCount: d.chunkCount,
    replacesId: d.replacesId,
    uploadedBy: extra.uploadedByName ?? null,
    createdAt: d.createdAt,
    readyAt: d.readyAt,
  };
}

export async function listManuals() {
  const rows = await listDocuments();
  return rows.map((r) => toDocumentView(r.document, { uploadedByName: r.uploadedByName, jobStatus: r.jobStatus }));
}

export async function getManual(id: string) {
  const row = (await listDocuments({ includeRetired: true, id }))[0];
  if (!row) throw new AppError('not_found', 'Manual not found.');
  return toDocumentView(row.document, { uploadedByName: row.uploadedByName, jobStatus: row.jobStatus });
}

export async function deleteManual(id: string, actor: AuthUser, meta: RequestMeta) {
  const doc = await db().transaction(async (tx) => {
    const removed = await deleteDocument({ id }, tx);
    if (!removed) throw new AppError('not_found', 'Manual not found.');
    await audit(
      {
        action: 'knowledge.deleted',
        actor,
        target: { type: 'knowledge_document', id },
        details: { title: removed.title, fileName: removed.fileName },
        meta,
      },
      tx,
    );
    return removed;
  });
  forgetHandedOver(id);
  await removeUpload(doc.storageKey);
}

export async function reindexManual(id: string, actor: AuthUser, meta: RequestMeta) {
  const doc = await getDocumentOrThrow({ id });
  if (doc.status === 'retired') throw new AppError('conflict', 'This manual was replaced by a newer version; re-index that one.');
  await db().transaction(async (tx) => {
    await enqueueJob({ documentId: id }, tx);
    // Progress starts again from the first page (the job counts them as it reads).
    await updateDocument({ id, pagesDone: 0 }, tx);
    await audit({ action: 'knowledge.reindexed', actor, target: { type: 'knowledge_document', id }, meta }, tx);
  });
  wakeIngestion();
  return getManual(id);
}

export async function reindexAll(actor: AuthUser, meta: RequestMeta) {
  const docs = (await listDocuments()).map((r) => r.document).filter((d) => d.status === 'ready' || d.status === 'failed');
  await db().transaction(async (tx) => {
    for (const d of docs) {
      await enqueueJob({ documentId: d.id }, tx);
      await updateDocument({ id: d.id, pagesDone: 0 }, tx);
    }
    await audit({ action: 'knowledge.reindexed_all', actor, details: { count: docs.length }, meta }, tx);
  });
  wakeIngestion();
  return { queued: docs.length };
}
