// Which manuals a question names ("hp 250 g3", "servo42c", "the ac400"): the words that name a
// machine or its manual pick the manuals to search; they do not rank the pages (they are on every
// page, and most often on the spare-parts lists).
import 'server-only';
import type { SearchableManual } from '@/db/queries/retrieval';
import { fold } from './vocabulary';

/** Words of titles that name no machine. */
const GENERIC = new Set(
  'manual manuals service guide user users maintenance operating operation operator operators instructions instruction handbook reference technical repair installation install owner owners edition first second third revision rev version ver pdf documentation document doc and the of for with a an de en und et pc copy print english'.split(
    ' ',
  ),
);

const TOKEN = /[\p{L}\p{N}]+/gu;

function tokens(text: string): string[] {
  return fold(text).match(TOKEN) ?? [];
}

/** A name's words and the names written together ("AC-400" → ac, 400, ac400; "HP 250 G3" → … hp250, 250g3, hp250g3). */
function nameForms(text: string): string[] {
  const words = tokens(text.replace(/\.[a-z0-9]{2,4}$/i, ''));
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (!GENERIC.has(words[i]) && (words[i].length >= 2 || /\d/.test(words[i]))) out.push(words[i]);
    for (let n = 2; n <= 3 && i + n <= words.length; n++) {
      const group = words.slice(i, i + n);
      if (group.some((w) => GENERIC.has(w))) break;
      out.push(group.join(''));
    }
  }
  return out;
}

const namesCache = new Map<string, Set<string>>();

/** The forms that name a manual: its title, machine models and file name (kept per name, as manuals rarely change). */
export function manualNames(manual: Pick<SearchableManual, 'title' | 'machineModels' | 'fileName'>): Set<string> {
  const key = JSON.stringify([manual.title, manual.machineModels, manual.fileName]);
  let names = namesCache.get(key);
  if (!names) {
    names = new Set([manual.title, ...manual.machineModels, manual.fileName].flatMap(nameForms));
    if (namesCache.size > 5_000) namesCache.clear();
    namesCache.set(key, names);
  }
  return names;
}

/** A name written short: its start ("servo42" for "servo42c"), or the model number at its end ("42c" for "servo42c"). */
function partOfName(form: string, name: string): boolean {
  if (form.length >= 5 && name.startsWith(form) && form.length >= name.length - 2) return true;
  return form.length >= 3 && /\d/.test(form) && /\p{L}/u.test(form) && name.length > form.length && name.endsWith(form);
}

export interface NamedManuals {
  /** Manuals the question names best; empty when it names none (or names all alike). */
  ids: string[];
  /** The question's words (folded) that name some manual: not searched in the text. */
  naming: Set<string>;
}

/**
 * The manuals a question's words (see wordsOf) name. Each word (or words written apart, "servo 42c") that names some
 * manuals counts for them, more the fewer manuals it names; the manuals with the highest count win,
 * unless every manual ties.
 */
export function namedManuals(words: string[], manuals: SearchableManual[]): NamedManuals {
  const names = manuals.map((m) => manualNames(m));
  const score = new Map<string, number>();
  const naming = new Set<string>();
  // Codes stay whole ("vx-512" is not "vx"), written without their separators.
  const compact = words.map((w) => w.replace(/[^\p{L}\p{N}]+/gu, ''));
  for (let i = 0; i < words.length; i++) {
    // The longest run of words (written together) that names something.
    for (let n = Math.min(3, words.length - i); n >= 1; n--) {
      const form = compact.slice(i, i + n).join('');
      if (form.length < 2 || (n === 1 && GENERIC.has(form))) continue;
      const hits = manuals.filter((_, k) => names[k].has(form) || [...names[k]].some((name) => partOfName(form, name)));
      if (!hits.length) continue;
      const weight = Math.log(1 + manuals.length / hits.length) * (/\d/.test(form) && /\p{L}/u.test(form) ? 2 : 1);
      for (const m of hits) score.set(m.id, (score.get(m.id) ?? 0) + weight);
      words.slice(i, i + n).forEach((w) => naming.add(w));
      i += n - 1;
      break;
    }
  }
  if (!score.size) return { ids: [], naming };
  const best = Math.max(...score.values());
  const ids = [...score].filter(([, s]) => s >= best - 1e-9).map(([id]) => id);
  return { ids: ids.length === manuals.length ? [] : ids, naming };
}
