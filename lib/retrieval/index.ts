import { sql } from 'drizzle-orm';
import { db } from '@/db';
import { codeTerms } from './codes';
import { detectQueryConfig } from './language';

export { codeTerms, passageCodes } from './codes';

export interface RetrievedChunk {
  chunkId: string;
  documentId: string;
  title: string;
  pageStart: number;
  pageEnd: number;
  heading: string | null;
  content: string;
  score: number;
}

export interface SearchInput {
  query: string;
  machineModel?: string | null;
  limit?: number;
  /** Extra ranked list (vector search) to fuse with the lexical ones: chunk ids, best first. */
  vectorRanked?: string[];
}

const RRF_K = 60;
const CANDIDATES = 40;
const MODEL_BOOST = 1.5;
const OR_SAMPLE = 400;

/**
 * Hybrid lexical retrieval in Postgres: full-text search (any of the question's words, phrases kept)
 * and trigram word similarity on the codes of each passage (E-07 finds E07, part numbers), fused by reciprocal rank, with a boost
 * for manuals of the conversation's machine model. Only ready manuals are searched.
 */
export async function searchKnowledge({ query, machineModel, limit = 6, vectorRanked }: SearchInput): Promise<RetrievedChunk[]> {
  const q = query.trim().slice(0, 1000);
  if (!q) return [];
  const config = detectQueryConfig(q);
  // Trigram matching is for codes and part numbers: short and distinctive, so its index stays selective.
  const codes = codeTerms(q);
  const trigramQuery = codes.join(' ').slice(0, 200);
  const useTrigram = codes.length > 0;
  const vec = vectorRanked?.length
    ? sql`select id::uuid as id, ord as rank from unnest(${vectorRanked}::text[]) with ordinality as v(id, ord)`
    : sql`select null::uuid as id, 0::bigint as rank where false`;

  const rows = await db().execute<{
    id: string;
    document_id: string;
    title: string;
    page_start: number;
    page_end: number;
    heading: string | null;
    content: string;
    score: number;
  }>(sql`
    with q as (
      select replace(websearch_to_tsquery(${config}::regconfig, ${q})::text, ' & ', ' | ')::tsquery
               || replace(websearch_to_tsquery('simple', ${q})::text, ' & ', ' | ')::tsquery as q_or
    ),
    -- Passages with any of the words; in a very large corpus only a bounded sample is ranked.
    fts_any as (
      select s.id, row_number() over (order by ts_rank_cd(s.tsv, s.q_or, 1) desc) as rank
      from (
        select c.id, c.tsv, q.q_or from knowledge_chunks c join knowledge_documents d on d.id = c.document_id and d.status = 'ready', q
        where c.tsv @@ q.q_or limit ${OR_SAMPLE}
      ) s
      order by ts_rank_cd(s.tsv, s.q_or, 1) desc
      limit ${CANDIDATES}
    ),
    tri as (
      select c.id, row_number() over (order by word_similarity(${trigramQuery}, c.codes) desc) as rank
      from knowledge_chunks c join knowledge_documents d on d.id = c.document_id and d.status = 'ready'
      where ${useTrigram} and ${trigramQuery} <% c.codes
      order by word_similarity(${trigramQuery}, c.codes) desc
      limit ${CANDIDATES}
    ),
    vec as (${vec}),
    fused as (
      select id, sum(1.0 / (${RRF_K} + rank)) as score
      from (select id, rank from fts_any union all select id, rank from tri union all select id, rank from vec) r
      group by id
    )
    select c.id, c.document_id, d.title, c.page_start, c.page_end, c.heading, c.content,
           (f.score * case when ${machineModel ?? null}::text is not null and ${machineModel ?? null}::text = any(d.machine_models) then ${MODEL_BOOST}::float8 else 1.0 end)::float8 as score
    from fused f
    join knowledge_chunks c on c.id = f.id
    join knowledge_documents d on d.id = c.document_id and d.status = 'ready'
    order by score desc, c.page_start asc
    limit ${limit}
  `);
  return rows.rows.map((r) => ({
    chunkId: r.id,
    documentId: r.document_id,
    title: r.title,
    pageStart: r.page_start,
    pageEnd: r.page_end,
    heading: r.heading,
    content: r.content,
    score: Number(r.score),
  }));
}

/** A short passage around the best-matching words, for citation previews. */
export function snippetOf(content: string, query: string, max = 280): string {
  const text = content.replace(/\s+/g, ' ').trim();
  if (text.length <= max) return text;
  const words = query.toLowerCase().match(/[\p{L}\p{N}-]{3,}/gu) ?? [];
  const lower = text.toLowerCase();
  let best = 0;
  for (const w of words) {
    const i = lower.indexOf(w);
    if (i >= 0) {
      best = i;
      break;
    }
  }
  const start = Math.max(0, Math.min(best - Math.floor(max / 3), text.length - max));
  const cut = text.slice(start, start + max);
  return `${start > 0 ? '…' : ''}${cut.trim()}${start + max < text.length ? '…' : ''}`;
}
