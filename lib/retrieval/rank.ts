// The ranking's weights and the decision whether the best passages answer the question. Pure
// functions over the corpus statistics that analyseQuestion returns.
import 'server-only';
import stopwords from 'stopwords-iso/stopwords-iso.json';
import type { QuestionAnalysis, SearchableManual } from '@/db/queries/retrieval';
import { fold, type Relation, type Term } from './vocabulary';

export const RANKING = {
  /** BM25 term-frequency saturation and length normalisation. */
  k1: 1.2,
  b: 0.75,
  /** What a word in the passage's section heading adds, against one occurrence in its text (1). */
  headingWeight: 2,
  /** Share of the other passages' scores on the same page that counts for a passage. */
  pageShare: 0.3,
  /** Weight of an equivalent word (laptop → notebook) and of a symptom's cause (squealing → belt), against the question's own words. */
  equivalentWeight: 0.6,
  symptomWeight: 0.4,
  /** Words of the earlier turn that a follow-up is searched with, against the question's own. */
  contextWeight: 0.4,
  /** Words that ask rather than say what the question is about. */
  fillerWeight: 0.2,
  /** Candidates scored at most, collected by the rarest lexemes up to this many passages in all. */
  candidates: 300,
  collectBudget: 600,
  /** The manuals' passages are read in order when the collecting words are in this many times more passages in all. */
  scanRatio: 4,
  listLength: 40,
  rrfK: 60,
  /** Weight of a question word that no manual searched contains, against the rarest word that one does; less when the question is in another language. */
  unknownWeight: 0.75,
  foreignUnknownWeight: 0.25,
  /** Trigram similarity above which an unknown question word is replaced by an indexed word. */
  minSimilarity: 0.3,
  /**
   * Share of the question's weight the best page must match for the passages to answer it; below
   * the second, they are not even close. Calibrated on the tuning half of the grounding set.
   */
  minCoverage: 0.5,
  minCloseCoverage: 0.25,
  /** A code of the question found with at least this trigram similarity answers it too. */
  minCodeSimilarity: 0.8,
} as const;

/** Question words that ask for help rather than name a thing (in the English stemmer's forms and plain). */
const FILLER = new Set(
  'problem problems issue issues help pleas please need needs want wanna know tell show thing things way work working works get got use using make fix fixing fixed happen happens happening someth something anyon anyone guy guys hi hello thank thanks ok okay still again also just realli really now today what where when which why how can could would should right wrong good bad wont dont cant doesnt isnt didnt wouldnt couldnt aint keep keeps kept stay stays totally total complet completely anymore sudden suddenly ever never like lot lots bit thing stuff guess think'.split(
    ' ',
  ),
);

export interface QuestionTerm extends Term {
  /** From the conversation's earlier turn, not the question itself. */
  context: boolean;
}

/**
 * Common words of English and of the question's languages (a maintained list per language): when
 * no manual has one, it says nothing about what the manuals do not cover ("much", "goes", "el").
 */
const COMMON: Record<string, Set<string>> = Object.fromEntries(
  Object.entries(stopwords as Record<string, string[]>).map(([lang, list]) => [lang, new Set(list.map(fold))]),
);

function isCommonWord(word: string, languages: string[] = []): boolean {
  return ['en', ...languages].some((lang) => COMMON[lang]?.has(word));
}

/**
 * The manuals of a machine model and those for no particular model, when some manual is of that
 * model; otherwise all.
 */
export function selectManuals(manuals: SearchableManual[], machineModel: string | null | undefined): string[] {
  const model = machineModel?.trim().toLowerCase();
  if (!model) return manuals.map((m) => m.id);
  const own = manuals.filter((m) => m.machineModels.some((x) => x.toLowerCase() === model));
  if (!own.length) return manuals.map((m) => m.id);
  return manuals.filter((m) => own.includes(m) || !m.machineModels.length).map((m) => m.id);
}

export interface WeighedTerms {
  lexemes: { lexeme: string; weight: number; term: number }[];
  /** Lexemes that collect the candidates: the rarest, all of whose passages fit the candidates, then the next ones up to the collection budget. */
  collect: string[];
  collectMore: string[];
  /** In how many passages of all ready manuals the collecting lexemes are, against how many passages the manuals searched have. */
  collectEverywhere: number;
  passagesSearched: number;
  /** How much each term stands for the question, by index (0 for those that name a manual or have no lexeme). */
  importance: number[];
  /** Terms whose words no manual searched contains. */
  unknown: boolean[];
  averageWords: number;
}

/** BM25's inverse document frequency. */
export function idf(passages: number, total: number): number {
  return Math.log(1 + Math.max(0, total - passages + 0.5) / (passages + 0.5));
}

/**
 * Each lexeme's weight in the manuals searched: its rarity there, times how much its term stands
 * for the question and how its word relates to the question's. A term whose words no manual
 * searched contains weighs as much as the rarest word: it is what the manuals do not cover.
 */
export function weighTerms({
  terms,
  items,
  analysis,
  manuals,
  all = false,
  naming,
  relationWeight,
  languages = [],
  corrected = new Map(),
}: {
  terms: QuestionTerm[];
  items: { term: number; text: string; relation: Relation | 'question' }[];
  analysis: Pick<QuestionAnalysis, 'lexemes' | 'passages'>;
  manuals: SearchableManual[];
  /** The manuals searched are all the ready ones (the statistics of all are under '*'). */
  all?: boolean;
  naming: Set<string>;
  relationWeight: Record<Relation | 'question', number>;
  /** The question's languages other than English. */
  languages?: string[];
  /** Misspelt words and the indexed words they were corrected to. */
  corrected?: Map<string, string>;
}): WeighedTerms {
  const total = manuals.reduce((n, m) => n + m.passages, 0);
  const words = manuals.reduce((n, m) => n + m.words, 0);
  const ids = manuals.map((m) => m.id);
  const frequency = (lexeme: string) =>
    all ? (analysis.passages.get(lexeme)?.get('*') ?? 0) : ids.reduce((n, id) => n + (analysis.passages.get(lexeme)?.get(id) ?? 0), 0);
  const rarest = idf(0, total);

  const best = new Map<string, { lexeme: string; weight: number; term: number; df: number }>();
  const importance = terms.map(() => 0);
  const hasLexemes = terms.map(() => false);
  items.forEach((item, k) => {
    const term = terms[item.term];
    if (term.text.split(' ').every((w) => naming.has(w))) return;
    const factor =
      (term.context ? RANKING.contextWeight : 1) * (FILLER.has(term.text) ? RANKING.fillerWeight : 1) * relationWeight[item.relation];
    for (const lexeme of analysis.lexemes[k] ?? []) {
      if (FILLER.has(lexeme)) continue;
      hasLexemes[item.term] = true;
      const df = frequency(lexeme);
      if (!df) continue;
      const weight = idf(df, total) * factor;
      importance[item.term] = Math.max(importance[item.term], weight);
      const key = `${item.term}:${lexeme}`;
      if ((best.get(key)?.weight ?? 0) < weight) best.set(key, { lexeme, weight, term: item.term, df });
    }
  });
  // A word no manual has: a common word, or one of another language with no English equivalent in
  // the lists, says little; any other may be what the manuals do not cover.
  const common = (word: string) => FILLER.has(word) || isCommonWord(word, languages) || isCommonWord(corrected.get(word) ?? '', languages);
  const unknown = terms.map((t, i) => hasLexemes[i] && importance[i] === 0 && !common(t.text));
  terms.forEach((t, i) => {
    if (unknown[i])
      importance[i] =
        rarest * (t.context ? RANKING.contextWeight : 1) * (languages.length ? RANKING.foreignUnknownWeight : RANKING.unknownWeight);
  });

  const lexemes = [...best.values()];
  const byRarity = [...new Map(lexemes.map((l) => [l.lexeme, l.df])).entries()].sort((a, b) => a[1] - b[1]);
  // The rarest lexemes, whose passages together fit the candidates, are all collected; the next
  // ones fill the rest, up to the collection budget.
  const collect: string[] = [];
  const collectMore: string[] = [];
  let budget = 0;
  for (const [lexeme, df] of byRarity) {
    if (collect.length + collectMore.length && budget + df > RANKING.collectBudget) break;
    (budget + df <= RANKING.candidates || !collect.length ? collect : collectMore).push(lexeme);
    budget += df;
  }
  const everywhere = (lexeme: string) => analysis.passages.get(lexeme)?.get('*') ?? 0;
  return {
    lexemes: lexemes.map(({ lexeme, weight, term }) => ({ lexeme, weight, term })),
    collect,
    collectMore,
    collectEverywhere: [...collect, ...collectMore].reduce((n, l) => n + everywhere(l), 0),
    passagesSearched: total,
    importance,
    unknown,
    averageWords: total ? Math.max(1, words / total) : 1,
  };
}

/** Whether passages answer the question, may be close to it, or are not. */
export type Confidence = 'answers' | 'close' | 'none';

export interface Answerability {
  confidence: Confidence;
  /** Share of the question's weight that the best passage's page matches. */
  coverage: number;
}

/**
 * Whether the best passages answer the question: the best page matches enough of the question's
 * weight (its rarest words above all), or a code of the question is found; "close" when it matches
 * some of it.
 */
export function answerability(
  passages: { terms: number[] | null; code_similarity: number | null }[],
  importance: number[],
  hasCodes: boolean,
): Answerability {
  if (!passages.length) return { confidence: 'none', coverage: 0 };
  const total = importance.reduce((a, b) => a + b, 0);
  const coverage = total ? (passages[0].terms ?? []).reduce((n, t) => n + (importance[t] ?? 0), 0) / total : 0;
  const code = hasCodes && passages.slice(0, 3).some((p) => (p.code_similarity ?? 0) >= RANKING.minCodeSimilarity);
  const confidence = code || coverage >= RANKING.minCoverage ? 'answers' : coverage >= RANKING.minCloseCoverage ? 'close' : 'none';
  return { confidence, coverage };
}
