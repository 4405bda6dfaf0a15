// Manual passages quoted as written: the words only, without the manual's own Markdown (heading
// marks, emphasis, quote markers, escapes), on one line.
import { markdownToLine } from './markdown';

/** A passage as one line of its words, cut at a word boundary to at most `max` characters (then ` …`). */
export function passageQuote(content: string, max = 700): string {
  const clean = markdownToLine(content);
  const cut = clean.length > max ? `${clean.slice(0, max).replace(/\s+\S*$/, '')} …` : clean;
  // Quoted after `> `: words that would start a heading, list or quote there stay words.
  return cut.replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2').replace(/^([#*+-](?=\s|$)|>)/, '\\$1');
}
