// The words technicians use and the words manuals use: equivalents (laptop / notebook), symptoms
// and the parts or causes a manual names for them (squealing → belt), and other languages' words
// in English (aceite → oil). Maintained as data beside this file.
import 'server-only';
import synonymsData from './synonyms.json';
import translationsData from './translations.json';

/** Lower case, accents and apostrophes removed ("won't" → "wont", as people type it), spaces made plain. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['\u2018\u2019\u02bc`´]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words as the search reads them: codes and part numbers kept whole ("e-07", "ac-400", "v1.1"). */
const WORD = /[\p{L}\p{N}]+(?:[-./+][\p{L}\p{N}]+)*/gu;

/** Folded words of a text. */
export function wordsOf(text: string): string[] {
  return fold(text).match(WORD) ?? [];
}

const words = wordsOf;

export type Relation = 'equivalent' | 'symptom' | 'translation';

export interface Alternative {
  /** Words to search for instead of (or beside) the question's. */
  text: string;
  relation: Relation;
}

/** Phrases (as word sequences joined by spaces) to their alternatives. */
type Dictionary = Map<string, Alternative[]>;

function add(dict: Dictionary, key: string, alternative: Alternative) {
  const k = words(key).join(' ');
  const text = words(alternative.text).join(' ');
  if (!k || !text || k === text) return;
  const list = dict.get(k) ?? [];
  if (!list.some((a) => a.text === text)) list.push({ text, relation: alternative.relation });
  dict.set(k, list);
}

interface SynonymsFile {
  groups: string[][];
  expansions: { from: string[]; to: string[] }[];
}

function buildEnglish(data: SynonymsFile): Dictionary {
  const dict: Dictionary = new Map();
  for (const group of data.groups)
    for (const a of group) for (const b of group) if (a !== b) add(dict, a, { text: b, relation: 'equivalent' });
  for (const { from, to } of data.expansions) for (const a of from) for (const b of to) add(dict, a, { text: b, relation: 'symptom' });
  return dict;
}

function buildTranslations(data: Record<string, Record<string, string[]>>): Map<string, Dictionary> {
  const out = new Map<string, Dictionary>();
  for (const [lang, entries] of Object.entries(data)) {
    const dict: Dictionary = new Map();
    for (const [key, english] of Object.entries(entries)) for (const e of english) add(dict, key, { text: e, relation: 'translation' });
    out.set(lang, dict);
  }
  return out;
}

const ENGLISH = buildEnglish(synonymsData as SynonymsFile);
const TRANSLATIONS = buildTranslations(translationsData as Record<string, Record<string, string[]>>);
const LONGEST = 4;

/** Languages whose word lists know some of a question's words, best first, with how many words each knows. */
export function foreignLanguages(tokens: string[]): { language: string; words: number }[] {
  const scores: [string, number][] = [];
  for (const [lang, dict] of TRANSLATIONS) {
    let hits = 0;
    for (let i = 0; i < tokens.length; i++) {
      for (let n = Math.min(LONGEST, tokens.length - i); n >= 1; n--) {
        if (dict.has(tokens.slice(i, i + n).join(' '))) {
          hits += n;
          break;
        }
      }
    }
    if (hits) scores.push([lang, hits]);
  }
  return scores.sort((a, b) => b[1] - a[1]).map(([language, words]) => ({ language, words }));
}

export interface Term {
  /** The question's words this term stands for (folded). */
  text: string;
  alternatives: Alternative[];
}

/**
 * The question's words, longest known phrases first, each with what else to search for: English
 * equivalents and symptoms' causes, and English words for the words of `languages`.
 */
export function termsOf(tokens: string[], languages: string[] = []): Term[] {
  const dicts = [...languages.flatMap((l) => TRANSLATIONS.get(l) ?? []), ENGLISH];
  const out: Term[] = [];
  for (let i = 0; i < tokens.length;) {
    let matched = 0;
    let alternatives: Alternative[] = [];
    for (let n = Math.min(LONGEST, tokens.length - i); n >= 1 && !matched; n--) {
      const key = tokens.slice(i, i + n).join(' ');
      const found = dicts.flatMap((d) => d.get(key) ?? []);
      if (found.length) {
        matched = n;
        alternatives = found;
      }
    }
    if (!matched) {
      out.push({ text: tokens[i], alternatives: [] });
      i++;
      continue;
    }
    // A translated word's English words may have equivalents of their own ("portátil" → laptop → notebook).
    const more = alternatives
      .filter((a) => a.relation === 'translation')
      .flatMap((a) => (ENGLISH.get(a.text) ?? []).filter((e) => e.relation === 'equivalent'));
    const seen = new Set<string>();
    const unique = [...alternatives, ...more].filter((a) => !seen.has(a.text) && seen.add(a.text));
    out.push({ text: tokens.slice(i, i + matched).join(' '), alternatives: unique.slice(0, 8) });
    i += matched;
  }
  return out;
}
