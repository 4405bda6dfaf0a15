import 'server-only';
import type { ExtractedPage } from './extract';

export interface CleanOptions {
  /** Remove running headers and footers (off for Markdown, whose "pages" are not real pages). */
  runningLines?: boolean;
  /** Share of pages a line must sit on, at the top or bottom, to count as running. */
  runningShare?: number;
  /** How many lines at each edge of a page can be a header or footer. */
  edgeLines?: number;
}

const DEFAULTS = { runningLines: true, runningShare: 0.4, edgeLines: 3 } as const;
const MIN_RUNNING_PAGES = 3;
const MAX_RUNNING_LENGTH = 140;

/**
 * Cleans extracted page text: unifies punctuation and spaces, removes running headers and
 * footers, joins words hyphenated across lines and collapses blank lines. Page numbers are kept.
 */
export function cleanPages(pages: ExtractedPage[], opts: CleanOptions = {}): ExtractedPage[] {
  const o = { ...DEFAULTS, ...opts };
  let lines = pages.map((p) => splitLines(normalizeText(p.text)));
  if (o.runningLines)
    lines = removeRunningLines(
      lines,
      pages.map((p) => p.pageNumber),
      o,
    );
  const compounds = hyphenatedWords(lines);
  return pages.map((p, i) => ({ pageNumber: p.pageNumber, text: joinLines(dehyphenate(lines[i], compounds)) }));
}

const CHAR_MAP: Record<string, string> = {
  '\u3000': ' ',
  '\u3001': ', ',
  '\u3002': '. ',
  '\uFB00': 'ff',
  '\uFB01': 'fi',
  '\uFB02': 'fl',
  '\uFB03': 'ffi',
  '\uFB04': 'ffl',
  '\uFB05': 'ft',
  '\uFB06': 'st',
};

/** Full-width forms to ASCII, ligatures to letters, odd spaces to plain ones; invisible marks go. */
export function normalizeText(text: string): string {
  return (
    text
      .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, '')
      .replace(/[\u00A0\u2000-\u200A\u202F\u205F]/g, ' ')
      .replace(/[\u3000-\u3002\uFB00-\uFB06]/g, (c) => CHAR_MAP[c])
      // Full-width punctuation carries its own spacing; keep the words apart once it is converted.
      .replace(/[\uFF01\uFF09\uFF0C\uFF1A\uFF1B\uFF1F](?=[\p{L}\p{N}])/gu, (c) => `${c} `)
      .replace(/(?<=[\p{L}\p{N}.,;:])\uFF08/gu, ' \uFF08')
      .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
      // Table-of-contents leaders ("Battery ........ 35") are noise for search.
      .replace(/[ \t]*(?:\.[ \t]?){4,}[ \t]*/g, ' ... ')
  );
}

function splitLines(text: string): string[] {
  return text.split('\n').map((l) => l.replace(/[ \t\f\v]+/g, ' ').trim());
}

function joinLines(lines: string[]): string {
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

type Edge = 'top' | 'bottom';
const EDGES: Edge[] = ['top', 'bottom'];

/**
 * Indexes of the first and last `count` non-empty lines. For learning which lines run, a short
 * page is split between its edges (a lone footer on a blank page counts as bottom); for removing
 * them, the edges may overlap.
 */
function edgeIndexes(lines: string[], count: number, split: boolean): Record<Edge, number[]> {
  const filled = lines.flatMap((l, i) => (l && l.length <= MAX_RUNNING_LENGTH ? [i] : []));
  if (!split) return { top: filled.slice(0, count), bottom: filled.slice(-count) };
  const half = Math.floor(filled.length / 2);
  return { top: filled.slice(0, Math.min(count, half)), bottom: filled.slice(filled.length - Math.min(count, filled.length - half)) };
}

/**
 * Digits are wildcards, so "Page 3 of 20" and "Page 4 of 20" are the same running line. A long
 * line also counts by its opening words, for headers that end in the chapter title
 * ("Aerotech AC-400 Service Manual 1 Introduction", "… 2 Safety").
 */
function lineKeys(line: string): string[] {
  const key = line.toLowerCase().replace(/\d+/g, '#');
  const cut = key.length >= 40 ? key.lastIndexOf(' ', 32) : -1;
  return cut >= 24 ? [key, `${key.slice(0, cut)} …`] : [key];
}

/**
 * A running line is one that either repeats (digits aside) at the same edge of many pages, or
 * carries the page's own printed number ("35", "Battery 35", "36 Chapter 5 …") at a consistent
 * offset from the PDF page index, which catches footers that change with each chapter. Each edge
 * is judged on its own, so a chapter title at the top of page 1 is not taken for a page number.
 */
function removeRunningLines(pages: string[][], pageNumbers: number[], o: Required<CleanOptions>): string[][] {
  if (pages.length < MIN_RUNNING_PAGES) return pages;
  const learn = pages.map((lines) => edgeIndexes(lines, o.edgeLines, true));
  const edges = pages.map((lines) => edgeIndexes(lines, o.edgeLines, false));
  const threshold = Math.max(MIN_RUNNING_PAGES, o.runningShare * pages.length);
  const rules = EDGES.map((edge) => {
    const at = learn.map((e) => e[edge]);
    return { edge, repeated: repeatedKeys(pages, at, threshold), offsets: pageNumberOffsets(pages, at, pageNumbers, o.runningShare) };
  });
  return pages.map((lines, p) => {
    const drop = new Set<number>();
    for (const { edge, repeated, offsets } of rules) {
      for (const i of edges[p][edge])
        if (lineKeys(lines[i]).some((k) => repeated.has(k)) || carriesPageNumber(lines[i], pageNumbers[p], offsets)) drop.add(i);
    }
    return lines.filter((_, i) => !drop.has(i));
  });
}

function repeatedKeys(pages: string[][], edges: number[][], threshold: number): Set<string> {
  const counts = new Map<string, number>();
  pages.forEach((lines, p) => {
    for (const key of new Set(edges[p].flatMap((i) => lineKeys(lines[i])))) counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  return new Set([...counts].filter(([, n]) => n > threshold).map(([key]) => key));
}

type Numbering = 'arabic' | 'roman';
type Offsets = Partial<Record<Numbering, number>>;

function printedNumbers(line: string): { kind: Numbering; value: number }[] {
  const out: { kind: Numbering; value: number }[] = [];
  const arabic = /^(\d{1,4})(?:\s|$)|(?:^|\s)(\d{1,4})$|\bpage (\d{1,4})\b/i.exec(line);
  if (arabic) out.push({ kind: 'arabic', value: Number(arabic[1] ?? arabic[2] ?? arabic[3]) });
  // Front matter is numbered in lower-case roman numerals ("iii", "iv Safety warning notice").
  const roman = /^([ivxlc]{1,7})(?:\s|$)|\s([ivxlc]{1,7})$/.exec(line);
  const romanValue = roman ? romanToNumber(roman[1] ?? roman[2]) : null;
  if (romanValue) out.push({ kind: 'roman', value: romanValue });
  return out;
}

/** The most common (PDF index − printed number) per numbering, when enough pages agree on it. */
function pageNumberOffsets(pages: string[][], edges: number[][], pageNumbers: number[], share: number): Offsets {
  const result: Offsets = {};
  for (const kind of ['arabic', 'roman'] as const) {
    const counts = new Map<number, number>();
    let candidatePages = 0;
    pages.forEach((lines, p) => {
      const offsets = new Set(
        edges[p].flatMap((i) =>
          printedNumbers(lines[i])
            .filter((n) => n.kind === kind)
            .map((n) => pageNumbers[p] - n.value),
        ),
      );
      if (offsets.size) candidatePages++;
      for (const offset of offsets) counts.set(offset, (counts.get(offset) ?? 0) + 1);
    });
    const [best] = [...counts].sort((a, b) => b[1] - a[1]);
    if (best && best[1] >= Math.max(MIN_RUNNING_PAGES, share * candidatePages)) result[kind] = best[0];
  }
  return result;
}

function carriesPageNumber(line: string, pageNumber: number, offsets: Offsets): boolean {
  return printedNumbers(line).some((n) => offsets[n.kind] !== undefined && pageNumber - n.value === offsets[n.kind]);
}

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };

function romanToNumber(text: string): number | null {
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const value = ROMAN[text[i]];
    const next = ROMAN[text[i + 1]] ?? 0;
    total += value < next ? -value : value;
  }
  return total > 0 ? total : null;
}

/** Words written with a hyphen inside a line somewhere in the document ("self-test"). */
function hyphenatedWords(pages: string[][]): Set<string> {
  const words = new Set<string>();
  for (const lines of pages) {
    for (const line of lines) for (const m of line.matchAll(/(\p{L}+)-(\p{L}+)/gu)) words.add(m[0].toLowerCase());
  }
  return words;
}

/**
 * Joins a word broken at the end of a line with the first word of the next line. The hyphen is
 * dropped ("connec-" + "tion") unless the next part is capitalised ("Self-" + "Repair") or the
 * document writes that word with a hyphen elsewhere.
 */
function dehyphenate(lines: string[], compounds: Set<string>): string[] {
  const out = [...lines];
  for (let i = 0; i < out.length - 1; i++) {
    const head = /(?:^|[^\p{L}])(\p{L}{2,})-$/u.exec(out[i]);
    const next = /^((\p{L}{2,})[.,;:!?)]*)(?:\s+(.*))?$/u.exec(out[i + 1]);
    if (!head || !next) continue;
    const [, tail, word, rest] = next;
    const keepHyphen = !/^\p{Ll}/u.test(word) || compounds.has(`${head[1]}-${word}`.toLowerCase());
    out[i] = (keepHyphen ? out[i] : out[i].slice(0, -1)) + tail;
    if (rest) out[i + 1] = rest;
    else out.splice(i + 1, 1);
  }
  return out;
}
