// Misspelt question words ("dischage temprature") are corrected against the words of the indexed
// manuals. Only ordinary words are candidates: codes and part numbers have their own trigram match.
const WORD = /\p{L}{4,30}/gu;

/** Lower-cased words of a question that may be corrected (at most a dozen). */
export function correctionCandidates(query: string, codes: string[] = []): string[] {
  const inCodes = new Set(codes.flatMap((c) => c.toLowerCase().match(WORD) ?? []));
  const words = (query.toLowerCase().match(WORD) ?? []).filter((w) => !inCodes.has(w));
  return [...new Set(words)].slice(0, 12);
}

/** The question with each corrected word replaced, whatever its case. */
export function correctWords(query: string, fixes: Map<string, string>): string {
  if (!fixes.size) return query;
  return query.replace(WORD, (w) => fixes.get(w.toLowerCase()) ?? w);
}
