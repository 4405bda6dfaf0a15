import 'server-only';
import { db } from '@/db';
import { enqueueJob, findDocumentBySha, getDocumentOrThrow, insertDocument } from '@/db/queries/knowledge';
import type { KnowledgeDocument } from '@/db/schema';
import { audit, type RequestMeta } from '@/lib/audit';
import type { AuthUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { oneLine } from '@/lib/log';
import { forgetHandedOver, handOver } from '@/lib/knowledge/ingest/handover';
import { fileTooLarge, uploadLimits, type UploadLimits } from './limits';
import { languageCode } from '@/lib/knowledge/ingest/chunk';
import { prepareManual } from '@/lib/knowledge/ingest/pipeline';
import { validateUpload } from './validate';
import { removeUpload, saveUpload, sha256 } from './storage';
import { wakeIngestion } from '@/lib/knowledge/ingest/job';

export interface UploadInput {
  data: Uint8Array;
  fileName: string;
  title?: string;
  machineModels?: string[];
  language?: string;
  version?: string;
  /** Upload as the new version of this manual; the old one answers until the new one is ready. */
  replaceId?: string;
}

function titleFrom(fileName: string): string {
  const base = fileName
    .replace(/\.[^.]+$/, '')
    .replace(/[_-]+/g, ' ')
    .trim();
  return base ? base[0].toUpperCase() + base.slice(1) : 'Untitled manual';
}

interface CheckedUpload {
  input: UploadInput;
  fileName: string;
  digest: string;
  replaced: KnowledgeDocument | null;
  checked: Awaited<ReturnType<typeof validateUpload>>;
  manual: ReturnType<typeof prepareManual>;
}

/** Every check of one manual (size, type by content, pages, encryption, text layer, active content, duplicates); stores nothing. */
async function checkManual(input: UploadInput, limits: UploadLimits): Promise<CheckedUpload> {
  const fileName = oneLine(input.fileName || 'manual', 200);
  // The one size check of a file handed in whole (the upload form refuses a file as it passes the limit).
  if (input.data.byteLength === 0)
    throw new AppError('validation_error', `"${fileName}" is empty (0 bytes). Choose the manual file again.`);
  if (input.data.byteLength > limits.maxBytes) throw new AppError('payload_too_large', fileTooLarge(fileName, limits));
  const replaced = input.replaceId ? await getDocumentOrThrow({ id: input.replaceId }) : null;
  if (replaced?.status === 'retired') throw new AppError('conflict', 'That manual was already replaced by a newer version.');

  const digest = sha256(input.data);
  const duplicate = await findDocumentBySha({ sha256: digest });
  // The same file again is refused, unless it is meant as the new version of that very manual
  // (the offered "replace": same content, new title, models or version).
  if (duplicate && duplicate.id !== replaced?.id) {
    throw new AppError(
      'conflict',
      `This file is already in the knowledge base as "${duplicate.title}". Replace that manual if you want to upload it again.`,
      {
        details: { duplicateOf: { id: duplicate.id, title: duplicate.title } },
      },
    );
  }

  const checked = await validateUpload(input.data, fileName, limits.maxPages);
  return { input, fileName, digest, replaced, checked, manual: prepareManual(checked.extracted, checked.kind) };
}

/**
 * Checks every manual of an upload completely before anything is stored, then stores the files and
 * queues their ingestion in one transaction: one refused file refuses the whole upload, and nothing
 * of it is kept. The checked pages, cleaned and chunked, are handed to the ingestion job, which then
 * only indexes.
 */
export async function uploadManuals(inputs: UploadInput[], actor: AuthUser | null, meta: RequestMeta = {}): Promise<KnowledgeDocument[]> {
  const limits = uploadLimits();
  const uploads: CheckedUpload[] = [];
  for (const input of inputs) {
    const upload = await checkManual(input, limits);
    const twin = uploads.find((u) => u.digest === upload.digest);
    if (twin) throw new AppError('conflict', `"${upload.fileName}" is the same file as "${twin.fileName}" in this upload; send it once.`);
    uploads.push(upload);
  }

  const storageKeys: string[] = [];
  const documentIds: string[] = [];
  try {
    for (const upload of uploads) storageKeys.push(await saveUpload(upload.input.data, upload.checked.kind));
    const documents = await db().transaction(async (tx) => {
      const docs: KnowledgeDocument[] = [];
      for (const [i, { input, fileName, digest, replaced, checked, manual }] of uploads.entries()) {
        const doc = await insertDocument(
          {
            title: oneLine(input.title?.trim() || checked.title || titleFrom(fileName), 200),
            machineModels: input.machineModels?.length ? input.machineModels : (replaced?.machineModels ?? []),
            language: input.language ?? replaced?.language ?? languageCode(manual.tsConfig),
            version: input.version ?? null,
            fileName,
            mimeType: checked.mimeType,
            sizeBytes: input.data.byteLength,
            sha256: digest,
            storageKey: storageKeys[i],
            pageCount: checked.pageCount,
            uploadedBy: actor?.id ?? null,
            replacesId: replaced?.id ?? null,
          },
          tx,
        );
        // Before the commit: a worker may claim the job as soon as it is visible.
        documentIds.push(doc.id);
        handOver(doc.id, digest, manual);
        await enqueueJob({ documentId: doc.id }, tx);
        await audit(
          {
            action: replaced ? 'knowledge.replaced' : 'knowledge.uploaded',
            actor,
            target: { type: 'knowledge_document', id: doc.id },
            details: { title: doc.title, fileName, sizeBytes: doc.sizeBytes, pages: checked.pageCount, replaces: replaced?.id ?? null },
            meta,
          },
          tx,
        );
        docs.push(doc);
      }
      return docs;
    });
    wakeIngestion();
    return documents;
  } catch (error) {
    for (const id of documentIds) forgetHandedOver(id);
    for (const key of storageKeys) await removeUpload(key);
    throw error;
  }
}

/** One manual: see uploadManuals. */
export async function uploadManual(input: UploadInput, actor: AuthUser | null, meta: RequestMeta = {}): Promise<KnowledgeDocument> {
  const [document] = await uploadManuals([input], actor, meta);
  return document;
}
