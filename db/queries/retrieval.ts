import 'server-only';
import { and, eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import { db, searchStatement, type Executor } from '@/db';
import { knowledgeChunks, knowledgeTerms } from '@/db/schema';

/** A ready manual as the search sees it: what names it, and its statistics. */
export interface SearchableManual {
  id: string;
  title: string;
  machineModels: string[];
  fileName: string;
  passages: number;
  words: number;
  /** Changes whenever it is indexed again. */
  version: string;
}

export interface QuestionAnalysis {
  /** Lexemes of each item (by its index), in the configurations of the ready manuals. */
  lexemes: string[][];
  /** For correctable items that no manual contains: the most similar indexed words (by trigrams), with their lexemes. */
  corrections: { item: number; word: string; term: string; similarity: number; lexemes: string[] }[];
  /** In how many passages of each manual asked about each lexeme is (lexeme → manual id → passages), and of all ready manuals (manual id '*'). */
  passages: Map<string, Map<string, number>>;
  /** The ready manuals' stamp when the statistics were read (see listSearchableManuals). */
  stamp: string;
}

/** A value that changes whenever a manual becomes ready, is re-indexed, renamed or leaves the ready ones. */
const READY_STAMP = sql`(select count(*) || ':' || coalesce(max(extract(epoch from d.updated_at))::text, '') from knowledge_documents d where d.status = 'ready')`;

/** The ready manuals: what names them, and their statistics; with the stamp they were read at. */
export async function listSearchableManuals(tx?: Executor): Promise<{ manuals: SearchableManual[]; stamp: string }> {
  type Row = {
    id: string | null;
    title: string;
    machine_models: string[] | null;
    file_name: string;
    passages: number;
    words: number;
    version: string | null;
    stamp: string;
  };
  const statement = sql`
    select d.id, d.title, d.machine_models, d.file_name, d.chunk_count as passages, d.word_count as words, d.ready_at::text as version, s.stamp
    from (select ${READY_STAMP} as stamp) s
    left join knowledge_documents d on d.status = 'ready'
    order by d.created_at, d.id`;
  const rows = (tx ? null : await searchStatement<Row>(statement)) ?? (await (tx ?? db()).execute<Row>(statement)).rows;
  return {
    manuals: rows
      .filter((m) => m.id)
      .map((m) => ({
        id: m.id!,
        title: m.title,
        machineModels: m.machine_models ?? [],
        fileName: m.file_name,
        passages: Number(m.passages),
        words: Number(m.words),
        version: m.version ?? '',
      })),
    stamp: String(rows[0]?.stamp ?? ''),
  };
}

/**
 * One round trip before the search: the lexemes of each item (a question's word or phrase, or a
 * word to search for beside it) and, for `correctable` items that no manual contains, the most
 * similar indexed words; and the corpus statistics of all those lexemes, per manual for the
 * manuals asked about and in all ready manuals.
 */
export async function analyseQuestion(
  { items, correctable, minSimilarity, manualIds }: { items: string[]; correctable: boolean[]; minSimilarity: number; manualIds: string[] },
  tx?: Executor,
): Promise<QuestionAnalysis> {
  type Row = {
    lexemes: { item: number; lexemes: string[] }[] | null;
    fixes: { item: number; word: string; term: string; similarity: number; lexemes: string[] }[] | null;
    stats: { lexeme: string; document_id: string; passages: number }[] | null;
    stamp: string;
  };
  const statement = sql`
    with manuals as (select d.id, d.ts_config from knowledge_documents d where d.status = 'ready'),
    configs as (select distinct ts_config::regconfig as cfg from manuals),
    items as (
      select i.ord::int as ord, i.text, c.correctable
      from unnest(${sql.param(items)}::text[]) with ordinality as i(text, ord)
      join unnest(${sql.param(correctable)}::boolean[]) with ordinality as c(correctable, ord) on c.ord = i.ord
    ),
    fixes as (
      select i.ord, i.text as word, c.term, c.similarity
      from items i, lateral (
        select t.term, similarity(t.term, i.text) as similarity from ${knowledgeTerms} t
        where t.term % i.text and similarity(t.term, i.text) >= ${minSimilarity}
        order by similarity(t.term, i.text) desc, t.term
        limit 5
      ) c
      where i.correctable and not exists (select 1 from ${knowledgeTerms} k where k.term = i.text)
    ),
    lexemes as (
      select distinct i.ord, l.lexeme
      from items i, configs c, unnest(tsvector_to_array(to_tsvector(c.cfg, i.text))) as l(lexeme)
    ),
    fix_lexemes as (
      select f.ord, f.word, f.term, f.similarity, array(select distinct l from configs c, unnest(tsvector_to_array(to_tsvector(c.cfg, f.term))) l) as lexemes
      from fixes f
    ),
    wanted as (select lexeme from lexemes union select unnest(lexemes) from fix_lexemes),
    stats as (
      select t.term as lexeme, t.document_id::text as document_id, t.passages
      from knowledge_document_terms t
      where t.term in (select lexeme from wanted) and t.document_id = any(${sql.param(manualIds)}::uuid[])
      union all
      select t.term, '*', sum(t.passages)::int
      from knowledge_document_terms t
      where t.term in (select lexeme from wanted) and t.document_id in (select id from manuals)
      group by t.term
    )
    select
      (select json_agg(json_build_object('item', ord, 'lexemes', lexemes)) from (select ord, array_agg(lexeme order by lexeme) as lexemes from lexemes group by ord) g) as lexemes,
      (select json_agg(json_build_object('item', ord, 'word', word, 'term', term, 'similarity', similarity, 'lexemes', lexemes)) from fix_lexemes) as fixes,
      (select json_agg(json_build_object('lexeme', lexeme, 'document_id', document_id, 'passages', passages)) from stats) as stats,
      ${READY_STAMP} as stamp`;
  const rows = (tx ? null : await searchStatement<Row>(statement)) ?? (await (tx ?? db()).execute<Row>(statement)).rows;
  const row = rows[0];
  const lexemes: string[][] = items.map(() => []);
  for (const l of row?.lexemes ?? []) lexemes[l.item - 1] = l.lexemes;

  const passages = new Map<string, Map<string, number>>();
  for (const s of row?.stats ?? []) {
    const byManual = passages.get(s.lexeme) ?? new Map<string, number>();
    byManual.set(s.document_id, Number(s.passages));
    passages.set(s.lexeme, byManual);
  }
  return {
    lexemes,
    corrections: (row?.fixes ?? []).map((f) => ({
      item: f.item - 1,
      word: f.word,
      term: f.term,
      similarity: Number(f.similarity),
      lexemes: f.lexemes,
    })),
    passages,
    stamp: String(row?.stamp ?? ''),
  };
}

export interface PassageSearch {
  /** The manuals searched, and whether they are all the ready ones. */
  manualIds: string[];
  allManuals: boolean;
  /** The question's lexemes, each with its weight (inverse document frequency × how much it stands for the question) and the question's term it belongs to. */
  lexemes: { lexeme: string; weight: number; term: number }[];
  /**
   * Any-word tsqueries of the lexemes that collect the candidates: the rarest (in fewer passages
   * together than the candidates), all of whose passages are taken, then the next ones; empty for none.
   */
  collect: string;
  collectMore: string;
  /**
   * Read the manuals' passages in order and test each, rather than intersect them with the words'
   * index entries: cheaper when those words are in far more passages of other manuals.
   */
  scanManuals: boolean;
  /** Codes and display messages for trigram matching; empty for none. */
  codes: string;
  vectorRanked: string[];
  /** Average passage length in words over the manuals searched. */
  averageWords: number;
  /** Candidates scored at most. */
  candidates: number;
  /** Ranking parameters: BM25's saturation and length normalisation, field weights, page evidence. */
  k1: number;
  b: number;
  /** What a word in the passage's section heading adds, against one occurrence in its text (1). */
  headingWeight: number;
  /** Share of the other passages' scores on the same page that counts for a passage. */
  pageShare: number;
  /** Length of each ranked list that is fused, and the fusion constant. */
  listLength: number;
  rrfK: number;
  limit: number;
}

export type PassageHit = {
  id: string;
  document_id: string;
  title: string;
  page_start: number;
  page_end: number;
  heading: string | null;
  content: string;
  /** Fused rank score. */
  score: number;
  /** Ranking score of its text (0 when only a code or vector list found it). */
  text_score: number;
  /** The question's terms found on the passage's page, and in the passage itself. */
  terms: number[] | null;
  passage_terms: number[] | null;
  /** Best trigram similarity of the question's codes to the passage's codes. */
  code_similarity: number | null;
};

/**
 * Ranks the passages of the manuals searched: BM25 over the question's lexemes (weighted by their
 * rarity in those manuals, with the passage's length normalised, headings weighted as a field, and
 * one score per question term however many of its alternatives match), plus a share of the other
 * passages on the same page; fused by reciprocal rank with trigram matches on codes and an optional
 * vector list. Candidates are the passages with any of the rarest lexemes, bounded.
 */
export async function searchPassages(p: PassageSearch, tx?: Executor): Promise<PassageHit[]> {
  const lists: [string, SQL][] = [];
  const inManuals = sql`c.document_id = any(${sql.param(p.manualIds)}::uuid[])`;
  /**
   * Passages of the manuals searched with any lexeme of a tsquery, at most `limit`: one scan per
   * manual, which intersects its passages with the words' index entries (a plan for any list of
   * manuals reads every manual's matches and filters them), or reads its passages in order.
   * Across all manuals the cut is in the index's order: sorting every match first doubled the time.
   */
  const collected = (query: string, limit: SQL, extra: SQL = sql`true`) =>
    p.allManuals
      ? sql`select k.id, k.document_id, k.ordinal, k.page_start, k.tsv, k.word_count from knowledge_chunks k
          where k.tsv @@ ${query}::tsquery and k.document_id in (select d.id from knowledge_documents d where d.status = 'ready') and ${extra}
          limit ${limit}`
      : sql`select c.* from unnest(${sql.param(p.manualIds)}::uuid[]) with ordinality as m(id, ord), lateral (
          select k.id, k.document_id, k.ordinal, k.page_start, k.tsv, k.word_count from knowledge_chunks k
          where k.document_id = m.id and ${p.scanManuals ? sql`ts_match_vq(k.tsv, ${query}::tsquery)` : sql`k.tsv @@ ${query}::tsquery`} and ${extra}
          order by k.ordinal
          limit ${limit}
        ) c
        order by m.ord, c.ordinal
        limit ${limit}`;
  if (p.collect !== '' && p.lexemes.length) {
    // ts_rank of one lexeme with only the text's weight (D) grows with its occurrences, saturating
    // (1, 1.25, 1.36 … 1.64 times the first): times 1.64 it is a term frequency. With only the
    // heading's weight (A) it says whether the section heading has the word.
    const tf = sql`ts_rank('{1, 0, 0, 0}', c.tsv, q.query, 0) * 1.6449341`;
    const inHeading = sql`c.heading_tsv @@ q.query`;
    const norm = sql`(1 - ${p.b}::float8 + ${p.b}::float8 * c.word_count / ${p.averageWords}::float8)`;
    lists.push([
      'bm25',
      sql`q as (
      select l.lexeme::text as lexeme, l.weight::float8 as weight, l.term::int as term, quote_literal(l.lexeme)::tsquery as query
      from unnest(${sql.param(p.lexemes.map((l) => l.lexeme))}::text[], ${sql.param(p.lexemes.map((l) => l.weight))}::float8[], ${sql.param(p.lexemes.map((l) => l.term))}::int[]) as l(lexeme, weight, term)
    ),
    rare as materialized (${collected(p.collect, sql`${p.candidates}`)}),
    more as materialized (${
      p.collectMore === ''
        ? sql`select * from rare where false`
        : collected(p.collectMore, sql`greatest(0, ${p.candidates} - (select count(*) from rare))`, sql`k.id not in (select id from rare)`)
    }),
    candidates as (
      -- Each passage's words are decompressed once here (a stored tsvector is compressed), not once per lexeme scored.
      select c.id, c.document_id, c.ordinal, c.page_start, c.tsv || ''::tsvector as tsv, ts_filter(c.tsv, '{a}') as heading_tsv, c.word_count
      from (select * from rare union all select * from more) c
    ),
    scored as (
      -- The question's terms found in the passage, as bits (the first 63 terms).
      select c.id, c.document_id, c.ordinal, c.page_start, s.score, s.terms
      from candidates c, lateral (
        select coalesce(sum(best), 0)::float8 as score, coalesce(bit_or(case when term < 63 then 1::bigint << term else 0 end), 0) as terms
        from (
          select q.term, max(q.weight * (f.tf * (${p.k1}::float8 + 1) / (f.tf + ${p.k1}::float8 * ${norm}) + case when f.heading then ${p.headingWeight}::float8 else 0 end)) as best
          from q, lateral (select ${tf} as tf, ${inHeading} as heading) f
          where f.tf > 0 or f.heading
          group by q.term
        ) m
      ) s
    ),
    paged as (
      select s.id, s.document_id, s.ordinal, s.score, s.terms,
        bit_or(s.terms) over page as page_terms,
        s.score + ${p.pageShare}::float8 * (sum(s.score) over page - s.score) as ranked
      from scored s
      window page as (partition by s.document_id, s.page_start)
    ),
    bm25 as (
      select p.id, p.ranked as score, p.terms as passage_terms, p.page_terms as terms, rank() over (order by p.ranked desc) as rank
      from paged p
      order by p.ranked desc, p.document_id, p.ordinal
      limit ${p.listLength}
    )`,
    ]);
  }
  if (p.codes !== '') {
    // As a sub-select the planner does not estimate the match by trying the codes in the column's
    // statistics one by one, which took longer than the search itself.
    const codes = sql`(select ${p.codes}::text)`;
    lists.push([
      'tri',
      sql`tri as (
      select id, sim, rank() over (order by sim desc) as rank
      from (
        select c.id, word_similarity(${codes}, c.codes) as sim from knowledge_chunks c
        where ${codes} <% c.codes and ${inManuals}
        order by sim desc, c.document_id, c.ordinal
        limit ${p.listLength}
      ) s
    )`,
    ]);
  }
  if (p.vectorRanked.length) {
    lists.push([
      'vec',
      sql`vec as (select id::uuid as id, ord as rank from unnest(${sql.param(p.vectorRanked)}::text[]) with ordinality as v(id, ord))`,
    ]);
  }
  if (!lists.length) return [];
  const names = new Set(lists.map(([name]) => name));

  const search = sql`
    with ${sql.join(
      lists.map(([, cte]) => cte),
      sql`,`,
    )},
    fused as (
      select id, sum(1.0 / (${p.rrfK} + rank)) as score
      from (${sql.join(
        lists.map(([name]) => sql`select id, rank from ${sql.raw(name)}`),
        sql` union all `,
      )}) r
      group by id
    )
    select c.id, c.document_id, d.title, c.page_start, c.page_end, c.heading, c.content, f.score::float8 as score,
      ${names.has('bm25') ? sql`coalesce((select b.score from bm25 b where b.id = f.id), 0)::float8` : sql`0::float8`} as text_score,
      ${names.has('bm25') ? sql`(select b.terms from bm25 b where b.id = f.id)::text` : sql`null::text`} as terms,
      ${names.has('bm25') ? sql`(select b.passage_terms from bm25 b where b.id = f.id)::text` : sql`null::text`} as passage_terms,
      ${names.has('tri') ? sql`(select t.sim from tri t where t.id = f.id)::float8` : sql`null::float8`} as code_similarity
    from fused f
    join knowledge_chunks c on c.id = f.id
    join knowledge_documents d on d.id = c.document_id and d.status = 'ready'
    order by f.score desc, c.document_id, c.ordinal
    limit ${p.limit}`;
  // Matches of common words are dense, so the planner would read the table in order until the
  // sample is full, testing every passage; the indexes find the candidates several times faster.
  type Row = Omit<PassageHit, 'terms' | 'passage_terms'> & { terms: string | null; passage_terms: string | null };
  const rows =
    (tx ? null : await searchStatement<Row>(search)) ??
    (
      await (tx ?? db()).transaction(async (t) => {
        await t.execute(sql`set local enable_seqscan = off`);
        return t.execute<Row>(search);
      })
    ).rows;
  return rows.map((r) => ({ ...r, terms: termsOfBits(r.terms), passage_terms: termsOfBits(r.passage_terms) }));
}

/** Term indexes from their bits (a bigint as text), or null. */
function termsOfBits(bits: string | null): number[] | null {
  if (bits === null) return null;
  const value = BigInt(bits);
  const out: number[] = [];
  for (let i = 0; i < 63; i++) if ((value >> BigInt(i)) & BigInt(1)) out.push(i);
  return out;
}

/** The stored embeddings of a manual's passages (those that have one). */
export async function listPassageEmbeddings(
  { documentId }: { documentId: string },
  tx: Executor = db(),
): Promise<{ id: string; embedding: number[] }[]> {
  const rows = await tx
    .select({ id: knowledgeChunks.id, embedding: knowledgeChunks.embedding })
    .from(knowledgeChunks)
    .where(and(eq(knowledgeChunks.documentId, documentId), isNotNull(knowledgeChunks.embedding)))
    .orderBy(knowledgeChunks.ordinal);
  return rows.map((r) => ({ id: r.id, embedding: r.embedding ?? [] }));
}
