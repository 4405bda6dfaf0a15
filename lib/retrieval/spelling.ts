// Misspelt question words ("dischage temprature") are corrected against the words of the indexed
// manuals: the most similar indexed word (by trigrams) within a few typing slips.

/** Typing slips between two words: letters added, dropped, changed or swapped (Damerau–Levenshtein). */
import 'server-only';
export function slips(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** One slip in a short word, two in a longer one. */
function allowedSlips(word: string): number {
  return word.length <= 5 ? 1 : 2;
}

export interface Correction {
  item: number;
  word: string;
  term: string;
  similarity: number;
  lexemes: string[];
}

/** For each misspelt word, the candidate with the fewest slips (then the most similar), if within reach. */
export function chooseCorrections(candidates: Correction[]): Correction[] {
  const chosen = new Map<string, Correction>();
  const ordered = [...candidates].sort((a, b) => slips(a.word, a.term) - slips(b.word, b.term) || b.similarity - a.similarity);
  for (const c of ordered) if (!chosen.has(c.word) && slips(c.word, c.term) <= allowedSlips(c.word)) chosen.set(c.word, c);
  return [...chosen.values()];
}
