import 'server-only';
import { db } from '@/db';
import { deleteDocument, enqueueJob, getChunkById, getDocumentOrThrow, listDocuments, updateDocument } from '@/db/queries/knowledge';
import {
  findChunkByHeading,
  getRemovedDocument,
  getSuccessor,
  lockExpiredRetiredDocuments,
  recordRemovedDocument,
} from '@/db/queries/knowledge-removed';
import type { KnowledgeDocument, KnowledgeRemovedDocument } from '@/db/schema';
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
    const successor = await getSuccessor({ id }, tx);
    const removed = await deleteDocument({ id }, tx);
    if (!removed) throw new AppError('not_found', 'Manual not found.');
    // Answers that cited it can still say which manual it was.
    await recordRemovedDocument(removed, { reason: 'deleted', replacedById: successor?.id ?? null }, tx);
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

/**
 * Replaced versions retired before `before` go (their file, pages and passages), up to `limit` in
 * one transaction; what old citations need to know of them is kept. Returns how many went.
 */
export async function purgeReplacedManuals({ before, limit }: { before: Date; limit: number }): Promise<number> {
  const purged = await db().transaction(async (tx) => {
    const docs = await lockExpiredRetiredDocuments({ before, limit }, tx);
    for (const d of docs) {
      const successor = await getSuccessor({ id: d.id }, tx);
      await recordRemovedDocument(d, { reason: 'replaced', replacedById: successor?.id ?? null }, tx);
      await deleteDocument({ id: d.id }, tx);
    }
    return docs;
  });
  for (const d of purged) {
    forgetHandedOver(d.id);
    await removeUpload(d.storageKey);
  }
  return purged.length;
}

// ---------------------------------------------------------------- what a citation opens

/** The ready version that replaced `id` (through any versions in between), if there is one. */
async function currentVersion(id: string): Promise<KnowledgeDocument | null> {
  let at = id;
  for (let hop = 0; hop < 20; hop++) {
    const successor = await getSuccessor({ id: at });
    const nextId = successor?.id ?? (await getRemovedDocument({ id: at }))?.replacedById ?? null;
    if (!nextId) return null;
    if (successor?.status === 'ready') return successor;
    if (successor && successor.status !== 'retired') return null; // the new version is not ready (yet)
    at = nextId;
  }
  return null;
}

export interface CurrentVersion {
  id: string;
  title: string;
  version: string | null;
  /** The current version at the cited section when it has one of the same name, else at the cited page. */
  href: string;
  sameSection: boolean;
}

async function currentVersionFor(id: string, cited: { page: number; chunkId: string | null }): Promise<CurrentVersion | null> {
  const current = await currentVersion(id);
  if (!current) return null;
  const chunk = cited.chunkId ? await getChunkById({ id: cited.chunkId }) : undefined;
  const section =
    chunk?.documentId === id && chunk.heading ? await findChunkByHeading({ documentId: current.id, heading: chunk.heading }) : undefined;
  const page = section?.pageStart ?? Math.min(cited.page, current.pageCount ?? cited.page);
  const query = new URLSearchParams({ page: String(page), ...(section ? { chunk: section.id } : {}) });
  return {
    id: current.id,
    title: current.title,
    version: current.version,
    href: `/manuals/${current.id}?${query}`,
    sameSection: Boolean(section),
  };
}

export type RemovedManualView = Pick<KnowledgeRemovedDocument, 'id' | 'title' | 'version' | 'fileName' | 'reason' | 'removedAt'>;

export type CitationTarget =
  | { state: 'available'; manual: ReturnType<typeof toDocumentView>; replacedBy: CurrentVersion | null }
  | { state: 'removed'; removed: RemovedManualView; replacedBy: CurrentVersion | null };

/**
 * What a citation of manual `id` opens: the manual (a replaced version too, while it is kept, with
 * the way to the current one), or, once it is gone, which manual and version it was and what
 * replaced it. Null for an id that never was a manual.
 */
export async function citationTarget(id: string, cited: { page: number; chunkId: string | null }): Promise<CitationTarget | null> {
  const row = (await listDocuments({ includeRetired: true, id }))[0];
  if (row) {
    const manual = toDocumentView(row.document, { uploadedByName: row.uploadedByName, jobStatus: row.jobStatus });
    return { state: 'available', manual, replacedBy: manual.status === 'retired' ? await currentVersionFor(id, cited) : null };
  }
  const removed = await getRemovedDocument({ id });
  if (!removed) return null;
  const { title, version, fileName, reason, removedAt } = removed;
  return { state: 'removed', removed: { id, title, version, fileName, reason, removedAt }, replacedBy: await currentVersionFor(id, cited) };
}

/** The error for a file or passage of a manual that is gone: 410, naming it; 404 for an unknown id. */
export async function goneOrNotFound(id: string): Promise<AppError> {
  const removed = await getRemovedDocument({ id });
  if (!removed) return new AppError('not_found', 'Manual not found.');
  const name = `"${removed.title}"${removed.version ? ` (version ${removed.version})` : ''}`;
  const what = removed.reason === 'deleted' ? 'was deleted by an administrator' : 'was replaced by a newer version and is no longer kept';
  return new AppError('gone', `The manual ${name} ${what}.`, {
    details: { id, title: removed.title, version: removed.version, reason: removed.reason, removedAt: removed.removedAt.toISOString() },
  });
}
