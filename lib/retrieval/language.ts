// Text search configurations Postgres ships, chosen from the question's most telling stopwords.
import 'server-only';
const STOPWORDS: Record<string, string[]> = {
  english: ['the', 'is', 'and', 'what', 'how', 'does', 'with', 'not', 'when', 'should', 'my', 'it', 'of', 'to'],
  german: ['der', 'die', 'das', 'und', 'ist', 'nicht', 'wie', 'was', 'mit', 'ein', 'eine', 'ich', 'bei', 'wird'],
  french: ['le', 'la', 'les', 'est', 'et', 'pas', 'comment', 'que', 'une', 'des', 'avec', 'pour', 'je', 'ne'],
  spanish: ['el', 'la', 'los', 'es', 'y', 'no', 'cómo', 'qué', 'una', 'con', 'para', 'por', 'se', 'del'],
  italian: ['il', 'la', 'è', 'e', 'non', 'come', 'che', 'una', 'con', 'per', 'del', 'della', 'sono', 'gli'],
  dutch: ['de', 'het', 'is', 'en', 'niet', 'hoe', 'wat', 'een', 'met', 'voor', 'van', 'ik', 'bij', 'wordt'],
  portuguese: ['o', 'a', 'os', 'é', 'e', 'não', 'como', 'que', 'uma', 'com', 'para', 'do', 'da', 'em'],
};

/**
 * The question's language by its stopwords; English when it has none (terse questions such as
 * "compressor shows E07"). Letters inside codes and part numbers ("E07", "AC-400") are not words:
 * the "e" of "E07" is not the Italian "and".
 */
export function detectQueryConfig(text: string): string {
  const words = (text.toLowerCase().match(/[\p{L}\p{N}]+(?:[-_./][\p{L}\p{N}]+)*/gu) ?? []).filter((w) => !/[\p{N}\-_./]/u.test(w));
  let best = 'english';
  let bestScore = 0;
  for (const [config, list] of Object.entries(STOPWORDS)) {
    const set = new Set(list);
    const score = words.filter((w) => set.has(w)).length;
    if (score > bestScore) {
      best = config;
      bestScore = score;
    }
  }
  return best;
}
