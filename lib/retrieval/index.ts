import 'server-only';
import { analyseQuestion, listSearchableManuals, searchPassages, type PassageHit, type SearchableManual } from '@/db/queries/retrieval';
import { singleton } from '@/lib/singleton';
import { codeTerms } from './codes';
import { detectQueryConfig } from './language';
import { namedManuals } from './manuals';
import { answerability, RANKING, selectManuals, weighTerms, type Confidence, type QuestionTerm } from './rank';
import { anyWordQuery } from './tsquery';
import { chooseCorrections } from './spelling';
import { embedQuestion, vectorRanking } from './vectors';
import { fold, foreignLanguages, termsOf, wordsOf, type Relation } from './vocabulary';

export { passageCodes } from './codes';

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
  /** The conversation's earlier messages by the technician, oldest first: a follow-up is searched with them. */
  history?: string[];
  machineModel?: string | null;
  limit?: number;
  /** Extra ranked list (vector search) to fuse with the lexical ones: chunk ids, best first. */
  vectorRanked?: string[];
}

export interface SearchResult {
  passages: RetrievedChunk[];
  /** Whether the best passages answer the question (enough of its words, or its code), come close, or are unrelated. */
  confidence: Confidence;
  /** confidence is 'answers'. */
  answerable: boolean;
  /** Share of the question's weight that the best passage's page matches (0–1). */
  coverage: number;
  /** The manuals searched. */
  manualIds: string[];
  /** How the verdict came about (for the evaluation): each term's weight, whether no manual has it, the terms the best passages match. */
  diagnostics?: {
    terms: string[];
    importance: number[];
    unknown: boolean[];
    context: boolean[];
    top: { page: number[]; passage: number[]; code: number | null }[];
  };
}

const LANGUAGE_OF_CONFIG: Record<string, string> = {
  german: 'de',
  french: 'fr',
  spanish: 'es',
  italian: 'it',
  portuguese: 'pt',
  dutch: 'nl',
};
const RELATION_WEIGHT: Record<Relation | 'question', number> = {
  question: 1,
  translation: 1,
  equivalent: RANKING.equivalentWeight,
  symptom: RANKING.symptomWeight,
};

/** The ready manuals as this process last read them (checked against a stamp on every search). */
const readyManuals = singleton<{ current?: { manuals: SearchableManual[]; stamp: string } }>('fixlineReadyManuals', () => ({}));

const compactWord = (word: string) => word.replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * The languages whose words are looked up in English: the question's, when it is not English, and
 * another whose words make up much of it (a question without the stopwords that tell its language).
 */
function languagesOf(question: string, words: string[]): string[] {
  const detected = LANGUAGE_OF_CONFIG[detectQueryConfig(question)];
  const found = foreignLanguages(words);
  if (detected) return [detected, ...found.map((f) => f.language).filter((l) => l !== detected)].slice(0, 2);
  return found
    .filter((f) => f.words >= 2 && f.words >= words.length / 3)
    .map((f) => f.language)
    .slice(0, 1);
}

/**
 * The manual passages for a question: the manuals it names (or the conversation's machine model's)
 * are searched; the question's words, with what technicians and manuals call the same thing and
 * other languages' words in English, are ranked by BM25 with the corpus statistics of the manuals
 * searched, with the page's other passages as evidence, fused with code and vector matches. Says
 * whether the best passages answer the question.
 */
export async function searchManuals({ query, history = [], machineModel, limit = 6, vectorRanked }: SearchInput): Promise<SearchResult> {
  const question = query.trim().slice(0, 1000);
  const none: SearchResult = { passages: [], confidence: 'none', answerable: false, coverage: 0, manualIds: [] };
  if (!question) return none;

  const words = wordsOf(question);
  const previous = history.length ? history[history.length - 1].slice(0, 500) : '';
  const contextWords = previous ? wordsOf(previous) : [];
  const languages = languagesOf(question, words);
  const terms: QuestionTerm[] = [
    ...termsOf(words, languages).map((t) => ({ ...t, context: false })),
    ...termsOf(contextWords, languagesOf(previous, contextWords)).map((t) => ({ ...t, context: true })),
  ];

  // The question's embedding is asked for while its words are analysed.
  const embedding = vectorRanked ? null : embedQuestion(question);

  /** The manuals to search and the question's words, analysed with their statistics there. */
  const planQuestion = async (manuals: SearchableManual[]) => {
    // The manuals the question names, or the conversation named before, or the machine model's.
    const named = namedManuals(words, manuals);
    const namedBefore = named.ids.length || !previous ? null : namedManuals(contextWords, manuals);
    const naming = new Set([...named.naming, ...(namedBefore?.naming ?? [])]);
    const preferred = named.ids.length ? named.ids : namedBefore?.ids.length ? namedBefore.ids : selectManuals(manuals, machineModel);
    // Codes that name the machine ("G3", "AC-400") are on its every page: they pick the manual, like the words.
    const compactNaming = new Set([...naming].map(compactWord));
    // A follow-up without a code of its own ("how do I fix that?") is about the earlier turn's.
    const ownCodes = codeTerms(question);
    const codes = (ownCodes.length || !previous ? ownCodes : codeTerms(previous)).filter((c) => !compactNaming.has(compactWord(fold(c))));
    // Every term's own words and alternatives, analysed in one round trip with their statistics.
    const items: { term: number; text: string; relation: Relation | 'question' }[] = [];
    terms.forEach((t, i) => {
      items.push({ term: i, text: t.text, relation: 'question' });
      for (const a of t.alternatives) items.push({ term: i, text: a.text, relation: a.relation });
    });
    const analysis = await analyseQuestion({
      items: items.map((i) => i.text),
      correctable: items.map((i) => i.relation === 'question' && /^\p{L}{4,30}$/u.test(i.text)),
      minSimilarity: RANKING.minSimilarity,
      manualIds: preferred.length < manuals.length ? preferred : [],
    });
    const corrected = new Map<string, string>();
    for (const c of chooseCorrections(analysis.corrections)) {
      analysis.lexemes[c.item] = [...new Set([...analysis.lexemes[c.item], ...c.lexemes])];
      corrected.set(c.word, c.term);
    }
    return { named, namedBefore, naming, preferred, codes, items, analysis, corrected };
  };
  // The ready manuals as last read in this process; read again when the analysis says they changed.
  let known = readyManuals.current ?? (readyManuals.current = await listSearchableManuals());
  let plan = await planQuestion(known.manuals);
  if (plan.analysis.stamp !== known.stamp) {
    known = readyManuals.current = await listSearchableManuals();
    plan = await planQuestion(known.manuals);
  }
  const { manuals } = known;
  if (!manuals.length) return none;
  const { named, namedBefore, naming, preferred, codes, items, analysis, corrected } = plan;

  const questionVector = embedding ? await embedding : null;
  const run = async (searched: SearchableManual[]) => {
    const vectors = vectorRanked ?? (questionVector ? await vectorRanking(questionVector, searched) : []);
    const weighed = weighTerms({
      terms,
      items,
      analysis,
      manuals: searched,
      all: searched.length === manuals.length,
      naming,
      relationWeight: RELATION_WEIGHT,
      languages,
      corrected,
    });
    const hits = await searchPassages({
      manualIds: searched.map((m) => m.id),
      allManuals: searched.length === manuals.length,
      lexemes: weighed.lexemes,
      collect: anyWordQuery(weighed.collect),
      collectMore: anyWordQuery(weighed.collectMore),
      scanManuals: weighed.collectEverywhere > RANKING.scanRatio * weighed.passagesSearched,
      codes: codes.join(' ').slice(0, 200),
      vectorRanked: vectors,
      averageWords: weighed.averageWords,
      candidates: RANKING.candidates,
      k1: RANKING.k1,
      b: RANKING.b,
      headingWeight: RANKING.headingWeight,
      pageShare: RANKING.pageShare,
      listLength: RANKING.listLength,
      rrfK: RANKING.rrfK,
      limit: limit * 2,
    });
    const passages = distinct(hits).slice(0, limit);
    const verdict = answerability(passages, weighed.importance, codes.length > 0);
    const diagnostics = {
      terms: terms.map((t) => t.text),
      importance: weighed.importance,
      unknown: weighed.unknown,
      context: terms.map((t) => t.context),
      top: passages.slice(0, 5).map((p) => ({ page: p.terms ?? [], passage: p.passage_terms ?? [], code: p.code_similarity })),
    };
    return { passages, ...verdict, manualIds: searched.map((m) => m.id), diagnostics };
  };

  const preferredManuals = manuals.filter((m) => preferred.includes(m.id));
  let result = await run(preferredManuals.length ? preferredManuals : manuals);
  // No word of the question in the machine model's manuals: the others may have it (a question
  // that names its manual stays there). Vector matches alone do not count: some passage is always closest.
  if (
    !result.passages.some((p) => p.terms?.length || p.code_similarity) &&
    preferredManuals.length &&
    preferredManuals.length < manuals.length &&
    !named.ids.length &&
    !namedBefore?.ids.length
  ) {
    result = await run(manuals);
  }
  return {
    passages: result.passages.map(toRetrieved),
    confidence: result.confidence,
    answerable: result.confidence === 'answers',
    coverage: result.coverage,
    manualIds: result.manualIds,
    diagnostics: result.diagnostics,
  };
}

/** The passages only (see searchManuals). */
export async function searchKnowledge(input: SearchInput): Promise<RetrievedChunk[]> {
  return (await searchManuals(input)).passages;
}

/** One passage per page: the best of each (the page is what a citation opens). */
function distinct(hits: PassageHit[]): PassageHit[] {
  const seen = new Set<string>();
  return hits.filter((h) => {
    const key = `${h.document_id}:${h.page_start}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toRetrieved(r: PassageHit): RetrievedChunk {
  return {
    chunkId: r.id,
    documentId: r.document_id,
    title: r.title,
    pageStart: r.page_start,
    pageEnd: r.page_end,
    heading: r.heading,
    content: r.content,
    score: Number(r.score),
  };
}

/** Manual text as plain text: Markdown heading marks, emphasis and quote marks removed, spaces collapsed. */
export function plainText(content: string): string {
  return content
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s{0,3}>\s?/gm, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A short passage around the best-matching words, for citation previews, as plain text. */
export function snippetOf(content: string, query: string, max = 280): string {
  const text = plainText(content);
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
