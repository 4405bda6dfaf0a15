import { analyseQuestion, searchChunks } from '@/db/queries/retrieval';
import { codeTerms } from './codes';
import { detectQueryConfig } from './language';
import { correctWords, correctionCandidates } from './spelling';
import { anyWordQuery } from './tsquery';

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

const RANKING = {
  rrfK: 60,
  /** Length of each ranked list that is fused. */
  candidates: 40,
  /** Passages collected per full-text list at most: ranking reads each one's tsvector, so this bounds the cost in a large corpus. */
  sample: 200,
  /** Of those, the best by ts_rank are ordered by ts_rank_cd (word proximity, costlier). */
  shortlist: 60,
  /** Below this many passages with every word, passages with any word are collected too. */
  enough: 20,
  /** Trigram matches on the codes ranked at most. */
  codeSample: 40,
  modelBoost: 1.5,
  /** Trigram similarity above which an unknown question word is replaced by an indexed word. */
  minSimilarity: 0.5,
};

/**
 * Hybrid lexical retrieval in Postgres: full-text search (passages with every word first, any word
 * when those are few; misspelt words corrected against the indexed vocabulary), trigram word
 * similarity on the codes of each passage (error codes, part numbers, display messages), a list
 * from the manuals of the conversation's machine model (and those for no particular model), fused by
 * reciprocal rank with a boost for that model; other models' manuals are left out when the model's
 * have enough passages with every word. Only ready manuals are searched.
 */
export async function searchKnowledge({ query, machineModel, limit = 6, vectorRanked }: SearchInput): Promise<RetrievedChunk[]> {
  const q = query.trim().slice(0, 1000);
  if (!q) return [];
  // Trigram matching is for codes and part numbers: short and distinctive, so its index stays selective.
  const codes = codeTerms(q);
  const config = detectQueryConfig(q);
  const terms = await analyseQuestion({ text: q, config, words: correctionCandidates(q, codeTerms(q, { compact: false })), minSimilarity: RANKING.minSimilarity, machineModel: machineModel || null });
  if (!terms.lexemes.length && !codes.length && !vectorRanked?.length) return [];
  const rows = await searchChunks({
    config,
    text: correctWords(q, terms.fixes),
    anyWord: anyWordQuery(terms.lexemes),
    codes: codes.join(' ').slice(0, 200),
    machineModel: machineModel || null,
    modelDocumentIds: terms.modelDocumentIds,
    vectorRanked: vectorRanked ?? [],
    limit,
    ...RANKING,
  });
  return rows.map((r) => ({
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
