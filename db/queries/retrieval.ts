import { sql, type SQL } from 'drizzle-orm';
import { db, searchStatement, type Executor } from '@/db';
import { knowledgeTerms } from '@/db/schema';

export interface QuestionTerms {
  /** Misspelt words (not in any manual) and the indexed word that replaces each. */
  fixes: Map<string, string>;
  /** Ready manuals that apply to the machine model: its own and, if it has any, those for no particular model. */
  modelDocumentIds: string[];
  /** Distinct lexemes of the question (its language's and 'simple') and of the corrections. */
  lexemes: string[];
}

/**
 * The question's search terms: its lexemes, and corrections for words that no manual contains (the
 * most similar indexed word, if close enough). One round trip, so the search can use constants.
 */
export async function analyseQuestion(
  { text, config, words, minSimilarity, machineModel }: { text: string; config: string; words: string[]; minSimilarity: number; machineModel: string | null },
  tx?: Executor,
): Promise<QuestionTerms> {
  const cfg = regconfig(config);
  type Row = { fixes: { word: string; fix: string }[] | null; model_documents: string[] | null; lexemes: string[] | null };
  const statement = sql`
    with fixes as (
      select w.word,
        (select t.term from ${knowledgeTerms} t
         where t.term % w.word and similarity(t.term, w.word) >= ${minSimilarity}
         order by similarity(t.term, w.word) desc, t.term
         limit 1) as fix
      from unnest(${sql.param(words)}::text[]) as w(word)
      where not exists (select 1 from ${knowledgeTerms} k where k.term = w.word)
    ),
    fixed as (select f.word, f.fix from fixes f where f.fix is not null)
    select
      (select json_agg(json_build_object('word', word, 'fix', fix)) from fixed) as fixes,
      array(
        select d.id::text from knowledge_documents d
        where ${machineModel}::text is not null and d.status = 'ready'
          and (d.machine_models @> array[${machineModel}::text]
            or (d.machine_models = '{}' and exists (
              select 1 from knowledge_documents o where o.status = 'ready' and o.machine_models @> array[${machineModel}::text])))
      ) as model_documents,
      array(
        select distinct l from unnest(
          tsvector_to_array(to_tsvector(${cfg}, ${text}) || to_tsvector('simple', ${text}))
          || coalesce((select array_agg(x) from fixed f, unnest(tsvector_to_array(to_tsvector(${cfg}, f.fix))) x), '{}')
        ) l order by l
      ) as lexemes`;
  const rows = (tx ? null : await searchStatement<Row>(statement)) ?? (await (tx ?? db()).execute<Row>(statement)).rows;
  const row = rows[0];
  return { fixes: new Map((row?.fixes ?? []).map((f) => [f.word, f.fix])), modelDocumentIds: row?.model_documents ?? [], lexemes: row?.lexemes ?? [] };
}

/** A validated configuration name as a literal, so the planner can fold the text search functions to constants. */
function regconfig(config: string): SQL {
  if (!/^[a-z_]+$/.test(config)) throw new Error(`Unknown text search configuration: ${config}`);
  return sql.raw(`'${config}'::regconfig`);
}

export interface ChunkSearch {
  /** Text search configuration of the question ('english', 'german', …). */
  config: string;
  /** The question with misspelt words corrected. */
  text: string;
  /** Any-word tsquery text; empty for none. */
  anyWord: string;
  /** Codes and display messages for trigram matching; empty for none. */
  codes: string;
  machineModel: string | null;
  /** Ready manuals of the machine model (see analyseQuestion). */
  modelDocumentIds: string[];
  vectorRanked: string[];
  /** Passages collected per full-text list at most: every-word matches, then any-word ones. */
  sample: number;
  /** Below this many every-word matches, any-word matches are collected too. */
  enough: number;
  /** Passages of a sample, best by ts_rank, that ts_rank_cd (which weighs word proximity) orders. */
  shortlist: number;
  /** Trigram matches ranked at most (each costs a similarity computation on the codes). */
  codeSample: number;
  candidates: number;
  rrfK: number;
  modelBoost: number;
  limit: number;
}

export type ChunkHit = {
  id: string;
  document_id: string;
  title: string;
  page_start: number;
  page_end: number;
  heading: string | null;
  content: string;
  score: number;
};

/**
 * Hybrid lexical search: full-text matches from all ready manuals and, separately, from those of the
 * machine model; trigram matches on the codes; an optional vector list; fused by reciprocal rank.
 * Each full-text list ranks a bounded sample: passages with every word, and passages with any word
 * only when those are too few.
 */
export async function searchChunks(p: ChunkSearch, tx?: Executor): Promise<ChunkHit[]> {
  // Worked out once per search (a sub-select of the first CTE): as a function of the question's
  // parameter, a plan made for any values would parse the question again for every passage it tests.
  const strict = sql`(select strict from question)`;
  const loose = sql`${p.anyWord}::tsquery`;
  const ready = sql`(select d.id from knowledge_documents d where d.status = 'ready')`;
  const inReady = sql`c.document_id in ${ready}`;
  const inModel = sql`c.document_id = any(${sql.param(p.modelDocumentIds)}::uuid[])`;
  /**
   * One ranked full-text list. `foundAll` and `found` count passages that other lists already have
   * (with every word, and in all): when they are enough, this list's every-word and any-word
   * samples are skipped.
   */
  const fullText = (name: string, scope: SQL, { small = false, foundAll = sql`0`, found = sql`0` }: { small?: boolean; foundAll?: SQL; found?: SQL } = {}) => {
    // Any-word matches are dense: in a small scope (one machine model's manuals) reading its passages
    // in order and testing each is cheaper than the union of common words' index entries, so the
    // function form, which no index serves, is used there.
    const match = (q: SQL) => (small ? sql`ts_match_vq(c.tsv, ${q})` : sql`c.tsv @@ ${q}`);
    const [all, some, list] = ['all', 'some', ''].map((t) => sql.raw(t ? `${name}_${t}` : name));
    return sql`
    ${all} as materialized (
      select c.id, c.tsv from knowledge_chunks c
      where numnode(${strict}) > 0 and ${foundAll} < ${p.enough} and c.tsv @@ ${strict} and ${scope}
      limit ${p.sample}
    ),
    ${some} as materialized (
      select c.id, c.tsv from knowledge_chunks c
      where (select count(*) from ${all}) + ${found} < ${p.enough} and ${match(loose)} and ${scope}
        and c.id not in (select id from ${all})
      limit ${p.sample}
    ),
    ${list} as (
      select id, row_number() over (order by r desc) as rank
      from (
        -- ts_rank is cheap: it picks the passages that the costlier ts_rank_cd (word proximity) orders.
        select c.id, ts_rank_cd(c.tsv, ${loose}, 1) as r
        from (select u.* from (select * from ${all} union all select * from ${some}) u order by ts_rank(u.tsv, ${loose}, 1) desc limit ${p.shortlist}) c
      ) s
      order by r desc
      limit ${p.candidates}
    )`;
  };

  // Only the lists that can find something are planned and run.
  const lists: [string, SQL][] = [];
  const byModel = p.anyWord !== '' && p.modelDocumentIds.length > 0;
  if (byModel) lists.push(['model', fullText('model', inModel, { small: true })]);
  if (p.anyWord !== '') {
    // All manuals are searched only as far as the machine model's do not give enough: not at all
    // when they have enough passages with every word, and without the any-word sample (a weak
    // signal, and costly to collect in a large corpus) when they have enough passages in all.
    const found = byModel ? { foundAll: sql`(select count(*) from model_all)`, found: sql`(select count(*) from model_all) + (select count(*) from model_some)` } : {};
    lists.push(['fts', fullText('fts', inReady, found)]);
  }
  if (p.codes !== '') {
    // As a sub-select the planner does not estimate the match by trying the codes in the column's
    // statistics one by one, which took longer than the search itself.
    const codes = sql`(select ${p.codes}::text)`;
    lists.push([
      'tri',
      sql`tri as (
      select id, row_number() over (order by sim desc) as rank
      from (
        select c.id, word_similarity(${codes}, c.codes) as sim from knowledge_chunks c
        where ${codes} <% c.codes and ${inReady}
        limit ${p.codeSample}
      ) s
      order by sim desc
      limit ${p.candidates}
    )`,
    ]);
  }
  if (p.vectorRanked.length) {
    lists.push(['vec', sql`vec as (select id::uuid as id, ord as rank from unnest(${sql.param(p.vectorRanked)}::text[]) with ordinality as v(id, ord))`]);
  }
  if (!lists.length) return [];

  const search = sql`
    with question as (select websearch_to_tsquery(${regconfig(p.config)}, ${p.text}) as strict),
    ${sql.join(
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
    select c.id, c.document_id, d.title, c.page_start, c.page_end, c.heading, c.content,
           (f.score * case when ${p.machineModel}::text = any(d.machine_models) then ${p.modelBoost}::float8 else 1.0 end)::float8 as score
    from fused f
    join knowledge_chunks c on c.id = f.id
    join knowledge_documents d on d.id = c.document_id and d.status = 'ready'
    order by score desc, c.page_start asc
    limit ${p.limit}`;
  // Matches of common words are dense, so the planner would read the table in order until the
  // sample is full, testing every passage; the indexes find the sample several times faster.
  const prepared = tx ? null : await searchStatement<ChunkHit>(search);
  if (prepared) return prepared;
  const rows = await (tx ?? db()).transaction(async (t) => {
    await t.execute(sql`set local enable_seqscan = off`);
    return t.execute<ChunkHit>(search);
  });
  return rows.rows;
}
