import 'server-only';
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import {
  ingestionJobs,
  knowledgeChunks,
  knowledgeDocuments,
  knowledgeDocumentTerms,
  knowledgePages,
  knowledgeTerms,
  users,
  type KnowledgeDocument,
} from '@/db/schema';
import { notFound } from '@/lib/errors';

export type NewKnowledgeDocument = typeof knowledgeDocuments.$inferInsert;

export async function insertDocument(values: NewKnowledgeDocument, tx: Executor = db()): Promise<KnowledgeDocument> {
  const [row] = await tx.insert(knowledgeDocuments).values(values).returning();
  return row;
}

export async function getDocumentOrThrow({ id }: { id: string }, tx: Executor = db()): Promise<KnowledgeDocument> {
  const [row] = await tx.select().from(knowledgeDocuments).where(eq(knowledgeDocuments.id, id)).limit(1);
  if (!row) throw notFound('Manual');
  return row;
}

/** A live (not retired) document with the same content, for duplicate detection. */
export async function findDocumentBySha({ sha256 }: { sha256: string }, tx: Executor = db()): Promise<KnowledgeDocument | undefined> {
  const [row] = await tx
    .select()
    .from(knowledgeDocuments)
    .where(and(eq(knowledgeDocuments.sha256, sha256), ne(knowledgeDocuments.status, 'retired')))
    .limit(1);
  return row;
}

/** Locks the document's row until the transaction ends; false when it was deleted. */
export async function lockDocument({ id }: { id: string }, tx: Executor): Promise<boolean> {
  const [row] = await tx.select({ id: knowledgeDocuments.id }).from(knowledgeDocuments).where(eq(knowledgeDocuments.id, id)).for('update');
  return Boolean(row);
}

/** Every document, retired ones included. */
export async function countDocuments(tx: Executor = db()): Promise<number> {
  return tx.$count(knowledgeDocuments);
}

export async function listDocuments({ includeRetired = false, id }: { includeRetired?: boolean; id?: string } = {}, tx: Executor = db()) {
  return tx
    .select({
      document: knowledgeDocuments,
      uploadedByName: users.name,
      jobStatus: sql<
        string | null
      >`(select j.status from ${ingestionJobs} j where j.document_id = ${knowledgeDocuments}.id order by j.created_at desc limit 1)`,
    })
    .from(knowledgeDocuments)
    .leftJoin(users, eq(users.id, knowledgeDocuments.uploadedBy))
    .where(and(includeRetired ? undefined : ne(knowledgeDocuments.status, 'retired'), id ? eq(knowledgeDocuments.id, id) : undefined))
    .orderBy(desc(knowledgeDocuments.createdAt));
}

export async function updateDocument({ id, ...changes }: { id: string } & Partial<NewKnowledgeDocument>, tx: Executor = db()) {
  const [row] = await tx
    .update(knowledgeDocuments)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(knowledgeDocuments.id, id))
    .returning();
  return row;
}

export async function deleteDocument({ id }: { id: string }, tx: Executor = db()): Promise<KnowledgeDocument | undefined> {
  const [row] = await tx.delete(knowledgeDocuments).where(eq(knowledgeDocuments.id, id)).returning();
  return row;
}

/** Machine models that ready manuals cover, for the chat's machine picker. */
export async function listMachineModels(tx: Executor = db()): Promise<string[]> {
  const rows = await tx.execute<{ model: string }>(
    sql`select distinct unnest(${knowledgeDocuments.machineModels}) as model from ${knowledgeDocuments} where ${knowledgeDocuments.status} = 'ready' order by 1`,
  );
  return rows.rows.map((r) => r.model);
}

// ---------------------------------------------------------------- index content

export interface NewChunk {
  ordinal: number;
  pageStart: number;
  pageEnd: number;
  heading: string | null;
  content: string;
  codes?: string;
  embedding?: number[] | null;
}

/** A passage's text search vector: its section heading (weight A) and its text. */
function tsvectorOf(c: Pick<NewChunk, 'heading' | 'content'>, tsConfig: string) {
  return sql`setweight(to_tsvector(${tsConfig}::regconfig, coalesce(${c.heading}, '')), 'A') || to_tsvector(${tsConfig}::regconfig, ${c.content})`;
}

/** Replaces a document's pages and chunks; call inside the transaction that marks it ready. */
export async function replaceDocumentContent(
  {
    documentId,
    pages,
    chunks,
    tsConfig,
  }: { documentId: string; pages: { pageNumber: number; text: string }[]; chunks: NewChunk[]; tsConfig: string },
  tx: Executor,
): Promise<void> {
  await tx.delete(knowledgeChunks).where(eq(knowledgeChunks.documentId, documentId));
  await tx.delete(knowledgePages).where(eq(knowledgePages.documentId, documentId));
  for (let i = 0; i < pages.length; i += 500) {
    await tx.insert(knowledgePages).values(pages.slice(i, i + 500).map((p) => ({ documentId, pageNumber: p.pageNumber, text: p.text })));
  }
  for (let i = 0; i < chunks.length; i += 300) {
    await tx.insert(knowledgeChunks).values(
      chunks.slice(i, i + 300).map((c) => ({
        documentId,
        ordinal: c.ordinal,
        pageStart: c.pageStart,
        pageEnd: c.pageEnd,
        heading: c.heading,
        content: c.content,
        codes: c.codes ?? '',
        tsConfig,
        // The heading is a field of its own (weight A): a match in a section title is a strong signal.
        tsv: tsvectorOf(c, tsConfig),
        // Its length in indexed words, computed here rather than by an update after the insert
        // (which would add every passage to the text index a second time).
        wordCount: sql`(select coalesce(sum(cardinality(u.positions)), 0) from unnest(${tsvectorOf(c, tsConfig)}) u)`,
        embedding: c.embedding ?? null,
      })),
    );
  }
  await addDocumentTerms({ documentId }, tx);
  await addRankingStatistics({ documentId, tsConfig }, tx);
}

/**
 * The ranking's corpus statistics of a document (see knowledgeDocumentTerms): its passages' total
 * length in indexed words, its text search configuration, and in how many of its passages each
 * word is.
 */
async function addRankingStatistics({ documentId, tsConfig }: { documentId: string; tsConfig: string }, tx: Executor): Promise<void> {
  await tx.execute(sql`
    update ${knowledgeDocuments} d set ts_config = ${tsConfig}, (chunk_count, word_count) = (select count(*), coalesce(sum(c.word_count), 0) from ${knowledgeChunks} c where c.document_id = d.id)
    where d.id = ${documentId}`);
  await tx.execute(sql`delete from ${knowledgeDocumentTerms} where document_id = ${documentId}`);
  await tx.execute(sql`
    insert into ${knowledgeDocumentTerms} (term, document_id, passages)
    select u.lexeme, ${documentId}::uuid, count(*)
    from ${knowledgeChunks} c, unnest(c.tsv) u
    where c.document_id = ${documentId}
    group by u.lexeme`);
}

/** Adds a document's words to the vocabulary that misspelt question words are corrected against. */
async function addDocumentTerms({ documentId }: { documentId: string }, tx: Executor): Promise<void> {
  await tx.execute(sql`
    insert into ${knowledgeTerms} (term)
    select distinct w.word
    from ${knowledgeChunks} c, unnest(tsvector_to_array(to_tsvector('simple', coalesce(c.heading, '') || ' ' || c.content))) as w(word)
    where c.document_id = ${documentId} and length(w.word) between 4 and 30 and w.word !~ '[[:digit:][:punct:]]'
    order by w.word -- the same order in concurrent ingestions, so they cannot deadlock
    on conflict (term) do nothing`);
}

// ---------------------------------------------------------------- ingestion jobs

export async function enqueueJob({ documentId }: { documentId: string }, tx: Executor = db()) {
  const [row] = await tx.insert(ingestionJobs).values({ documentId }).returning();
  return row;
}

/**
 * Claims the next due job. SKIP LOCKED lets several instances share the queue; a job whose
 * worker died (lease expired) is claimed again and starts over.
 */
export async function claimJob({ workerId, leaseSeconds }: { workerId: string; leaseSeconds: number }, tx: Executor = db()) {
  const rows = await tx.execute<{ id: string; document_id: string; attempts: number }>(sql`
    update ${ingestionJobs} set status = 'running', locked_at = now(), locked_by = ${workerId}, attempts = attempts + 1, updated_at = now()
    where id = (
      select id from ${ingestionJobs}
      where (status = 'queued' and run_after <= now())
         or (status = 'running' and locked_at < now() - make_interval(secs => ${leaseSeconds}))
      order by created_at
      for update skip locked
      limit 1
    )
    returning id, document_id, attempts`);
  const row = rows.rows[0];
  return row ? { id: row.id, documentId: row.document_id, attempts: row.attempts } : null;
}

/** Keeps the lease of a long ingestion alive. */
export async function renewJob({ id, workerId }: { id: string; workerId: string }, tx: Executor = db()) {
  await tx
    .update(ingestionJobs)
    .set({ lockedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(ingestionJobs.id, id), eq(ingestionJobs.lockedBy, workerId)));
}

export async function finishJob(
  { id, status, error }: { id: string; status: 'done' | 'failed' | 'queued'; error?: string | null },
  tx: Executor = db(),
) {
  await tx
    .update(ingestionJobs)
    .set({
      status,
      lastError: error ?? null,
      lockedAt: null,
      lockedBy: null,
      updatedAt: new Date(),
      ...(status === 'queued' ? { runAfter: sql`now() + interval '10 seconds'` } : {}),
    })
    .where(eq(ingestionJobs.id, id));
}

// ---------------------------------------------------------------- passages

/** One indexed passage, for the manual viewer's highlight. */
export async function getChunkById({ id }: { id: string }, tx: Executor = db()) {
  const [row] = await tx
    .select({
      id: knowledgeChunks.id,
      documentId: knowledgeChunks.documentId,
      pageStart: knowledgeChunks.pageStart,
      pageEnd: knowledgeChunks.pageEnd,
      heading: knowledgeChunks.heading,
      content: knowledgeChunks.content,
    })
    .from(knowledgeChunks)
    .where(eq(knowledgeChunks.id, id))
    .limit(1);
  return row;
}
