import 'server-only';
import { and, asc, desc, eq, lt, sql } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import {
  knowledgeChunks,
  knowledgeDocuments,
  knowledgeRemovedDocuments,
  type KnowledgeDocument,
  type KnowledgeRemovedDocument,
} from '@/db/schema';

// Manuals that are gone, and the way from an old version to the current one.

/** Keeps what old citations need to know of a manual about to be removed; a second removal keeps the first record. */
export async function recordRemovedDocument(
  doc: KnowledgeDocument,
  { reason, replacedById }: { reason: KnowledgeRemovedDocument['reason']; replacedById: string | null },
  tx: Executor = db(),
): Promise<void> {
  await tx
    .insert(knowledgeRemovedDocuments)
    .values({
      id: doc.id,
      title: doc.title,
      version: doc.version,
      fileName: doc.fileName,
      machineModels: doc.machineModels,
      pageCount: doc.pageCount,
      reason,
      replacedById,
    })
    .onConflictDoNothing();
}

export async function getRemovedDocument({ id }: { id: string }, tx: Executor = db()): Promise<KnowledgeRemovedDocument | undefined> {
  const [row] = await tx.select().from(knowledgeRemovedDocuments).where(eq(knowledgeRemovedDocuments.id, id)).limit(1);
  return row;
}

/** The newest document uploaded to replace `id`, if any (whatever its status). */
export async function getSuccessor({ id }: { id: string }, tx: Executor = db()): Promise<KnowledgeDocument | undefined> {
  const [row] = await tx
    .select()
    .from(knowledgeDocuments)
    .where(eq(knowledgeDocuments.replacesId, id))
    .orderBy(desc(knowledgeDocuments.createdAt))
    .limit(1);
  return row;
}

const expiredRetired = (before: Date) => and(eq(knowledgeDocuments.status, 'retired'), lt(knowledgeDocuments.updatedAt, before));

/** Replaced versions retired before `before` (a retired document is not changed after its retirement). */
export async function countExpiredRetiredDocuments({ before }: { before: Date }, tx: Executor = db()): Promise<number> {
  return tx.$count(knowledgeDocuments, expiredRetired(before));
}

/** Up to `limit` of them, locked for this transaction; another purge skips them. */
export async function lockExpiredRetiredDocuments(
  { before, limit }: { before: Date; limit: number },
  tx: Executor,
): Promise<KnowledgeDocument[]> {
  return tx
    .select()
    .from(knowledgeDocuments)
    .where(expiredRetired(before))
    .orderBy(asc(knowledgeDocuments.updatedAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** The first passage of a document under `heading` (same text, case and spacing aside). */
export async function findChunkByHeading(
  { documentId, heading }: { documentId: string; heading: string },
  tx: Executor = db(),
): Promise<{ id: string; pageStart: number } | undefined> {
  const [row] = await tx
    .select({ id: knowledgeChunks.id, pageStart: knowledgeChunks.pageStart })
    .from(knowledgeChunks)
    .where(
      and(
        eq(knowledgeChunks.documentId, documentId),
        sql`lower(regexp_replace(${knowledgeChunks.heading}, '\\s+', ' ', 'g')) = lower(regexp_replace(${heading}, '\\s+', ' ', 'g'))`,
      ),
    )
    .orderBy(asc(knowledgeChunks.ordinal))
    .limit(1);
  return row;
}
