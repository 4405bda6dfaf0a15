import 'server-only';
import type { ExtractedPage } from './extract';

export interface Chunk {
  pageStart: number;
  pageEnd: number;
  /** The nearest section heading above the chunk, if any. */
  heading: string | null;
  content: string;
}

export interface ChunkOptions {
  /** A chunk is closed once it reaches this size… */
  targetChars?: number;
  /** …and never grows past this one unless a single sentence is longer. */
  maxChars?: number;
  /** Text repeated from the end of the previous chunk when a section is split on one page. */
  overlapChars?: number;
  /** Below this, a chunk is merged into its neighbour in the same section. */
  minChars?: number;
}

const DEFAULTS: Required<ChunkOptions> = { targetChars: 1000, maxChars: 1200, overlapChars: 150, minChars: 200 };

type Unit = { kind: 'heading'; text: string; line: string; page: number } | { kind: 'text'; text: string; page: number };

interface Draft extends Chunk {
  /** Characters that are new in this chunk (not headings or overlap). */
  body: number;
}

/**
 * Splits cleaned pages into chunks along headings and paragraphs. A chunk normally sits on one
 * page; it runs on to the next page only when the part left on a page is too small to stand alone.
 */
export function chunkPages(pages: ExtractedPage[], options: ChunkOptions = {}): Chunk[] {
  const builder = new ChunkBuilder({ ...DEFAULTS, ...options });
  for (const unit of toUnits(pages, builder.o)) {
    if (unit.kind === 'heading') builder.heading(unit.text, unit.line, unit.page);
    else builder.text(unit.text, unit.page);
  }
  return builder.finish().map(({ pageStart, pageEnd, heading, content }) => ({ pageStart, pageEnd, heading, content }));
}

class ChunkBuilder {
  private chunks: Draft[] = [];
  private draft: Draft | null = null;
  private current: string | null = null;

  constructor(readonly o: Required<ChunkOptions>) {}

  heading(text: string, line: string, page: number): void {
    if (this.draft?.body) this.flush();
    // Headings left without text on an earlier page (figure-only sections) lead nowhere.
    else if (this.draft && this.draft.pageEnd !== page) this.draft = null;
    this.current = text;
    // Headings with nothing between them (chapter, then section) share the chunk of the last one.
    if (this.draft) this.draft.heading = text;
    this.add(line, page, 0);
  }

  text(text: string, page: number): void {
    const draft = this.draft;
    if (draft && page !== draft.pageEnd && draft.body >= this.o.minChars) this.flush();
    else if (draft?.body && (draft.content.length >= this.o.targetChars || draft.content.length + text.length > this.o.maxChars)) {
      const overlap = page === draft.pageEnd ? tail(draft.content, this.o.overlapChars) : '';
      this.flush(overlap.length + text.length + 2 <= this.o.maxChars ? overlap : '');
    }
    this.add(text, page, text.length);
  }

  finish(): Draft[] {
    this.flush();
    return mergeSmall(this.chunks, this.o);
  }

  private add(text: string, page: number, body: number): void {
    this.draft ??= { pageStart: page, pageEnd: page, heading: this.current, content: '', body: 0 };
    // A heading at the foot of a page belongs to text on the next: cite where the text starts.
    if (body && !this.draft.body) this.draft.pageStart = page;
    this.draft.content += (this.draft.content ? '\n\n' : '') + text;
    this.draft.pageEnd = page;
    this.draft.body += body;
  }

  private flush(overlap = ''): void {
    const done = this.draft;
    if (done?.body) this.chunks.push(done);
    this.draft =
      overlap && done ? { pageStart: done.pageEnd, pageEnd: done.pageEnd, heading: this.current, content: overlap, body: 0 } : null;
  }
}

/** Pages as a stream of headings and paragraphs; paragraphs over `maxChars` are cut to `targetChars`. */
function toUnits(pages: ExtractedPage[], o: Required<ChunkOptions>): Unit[] {
  const marked = pages.some((p) => /^#{1,6} \S/m.test(p.text));
  const units: Unit[] = [];
  for (const page of pages) {
    for (const block of blocks(page.text)) {
      const heading = marked ? markedHeading(block) : plainHeading(block);
      if (heading) units.push({ kind: 'heading', text: heading, line: block, page: page.pageNumber });
      else for (const piece of splitLong(block, o)) units.push({ kind: 'text', text: piece, page: page.pageNumber });
    }
  }
  return units;
}

/**
 * Paragraphs, with Markdown heading lines as blocks of their own (none inside code fences).
 * Adjacent heading lines of one depth stay together: a long title set on two lines.
 */
function blocks(text: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let headingDepth: string | null = null;
  let fenced = false;
  const push = () => {
    if (current.some((l) => l.trim())) out.push(current.join('\n').trim());
    current = [];
    headingDepth = null;
  };
  for (const line of text.split('\n')) {
    const depth = fenced ? undefined : /^(#{1,6}) \S/.exec(line)?.[1];
    if (depth) {
      if (headingDepth !== depth) push();
      current.push(line);
      headingDepth = depth;
      continue;
    }
    if (headingDepth) push();
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (!fenced && !line.trim()) push();
    else current.push(line);
  }
  push();
  return out;
}

function markedHeading(block: string): string | null {
  const lines = block.split('\n').map((l) => /^#{1,6} (.+)$/.exec(l)?.[1]);
  return lines.every((l) => l !== undefined) ? lines.map((l) => l.replace(/\s+#+\s*$/, '').trim()).join(' ') : null;
}

const NOT_HEADINGS = /^(note|notes|caution|warning|important|tip|example|table|figure|fig)\b/i;

/**
 * Headings in text without markup: a paragraph of one short line that is numbered like a section
 * ("4.2 Battery", "Part 3 Menu"), written in capitals, or short and unpunctuated like a title.
 */
function plainHeading(block: string): string | null {
  const line = block.trim();
  if (line.includes('\n') || line.length > 80 || /[.,;:!?]$/.test(line) || NOT_HEADINGS.test(line)) return null;
  const letters = line.replace(/[^\p{L}]/gu, '').length;
  if (letters < 3 || letters < line.length * 0.5) return null;
  const words = line.split(/\s+/).length;
  const numbered = /^(?:(?:[Pp]art|[Cc]hapter|[Ss]ection)\s*\d+\.?|\d+(?:\.\d+)*\.?)\s+\p{Lu}/u.test(line) && words <= 10;
  const capitals = !/\p{Ll}/u.test(line) && words <= 8;
  const title = /^\p{Lu}/u.test(line) && words <= 6 && line.length <= 50;
  return numbered || capitals || title ? line : null;
}

/** Splits an over-long paragraph between sentences, or lines, or words as a last resort. */
function splitLong(text: string, { maxChars, targetChars }: Required<ChunkOptions>): string[] {
  if (text.length <= maxChars) return [text];
  const pieces: { text: string; sep: string }[] = [];
  text.split('\n').forEach((line, i) => {
    line.split(/(?<=[.!?])\s+(?=[\p{Lu}\d("])/u).forEach((sentence, j) => {
      const sep = j ? ' ' : i ? '\n' : '';
      if (sentence.length <= targetChars) pieces.push({ text: sentence, sep });
      else sentence.split(/\s+/).forEach((word, k) => pieces.push({ text: word, sep: k ? ' ' : sep }));
    });
  });
  const out: string[] = [];
  let current = '';
  for (const piece of pieces) {
    if (current && current.length + piece.text.length + 1 > targetChars) {
      out.push(current);
      current = '';
    }
    current += (current ? piece.sep : '') + piece.text;
  }
  if (current) out.push(current);
  return out;
}

/** The last whole sentences (or lines) of a text, up to `maxChars`. */
function tail(text: string, maxChars: number): string {
  if (maxChars <= 0) return '';
  const pieces = text.split(/(?<=[.!?])\s+|\n+/);
  let out = '';
  for (let i = pieces.length - 1; i >= 0; i--) {
    const next = out ? `${pieces[i]} ${out}` : pieces[i];
    if (next.length > maxChars || /^#{1,6} /.test(pieces[i])) break;
    out = next;
  }
  return out;
}

/** Folds chunks too small to stand alone into the previous one of the same section. */
function mergeSmall(chunks: Draft[], o: Required<ChunkOptions>): Draft[] {
  const out: Draft[] = [];
  for (const chunk of chunks) {
    const prev = out[out.length - 1];
    const small = chunk.content.length < o.minChars;
    if (prev && small && prev.heading === chunk.heading && prev.content.length + chunk.content.length <= o.maxChars + o.minChars) {
      prev.content += `\n\n${chunk.content}`;
      prev.pageEnd = chunk.pageEnd;
    } else out.push(chunk);
  }
  return out;
}

/** Postgres text search configurations that the detector can pick. */
export type TsConfig = 'english' | 'german' | 'french' | 'spanish' | 'italian' | 'dutch' | 'portuguese' | 'simple';

const STOPWORDS: Record<Exclude<TsConfig, 'simple'>, string> = {
  english: 'the and of to is in that for with are this be on it as by or from not can you your when if must should which will',
  german: 'der die das und ist nicht mit den dem des ein eine einen zu von auf für sie wird werden oder auch bei sich im wenn nach',
  french: 'le la les et est des une un du pour dans que qui pas sur avec au aux ce cette sont vous votre ou par ne',
  spanish: 'el la los las es de del que en para con una un por no se su sus al como está este esta son si cuando debe puede antes hay',
  italian: 'il lo la gli le di del della delle che per con una un non sono si da dal nel alla dei questo come quando anche prima',
  dutch: 'de het een en is van niet met voor op dat die zijn te aan wordt worden bij ook als naar uit om deze',
  portuguese: 'os as de do da dos das que em para com uma um não por se no na ao são mais quando pode antes você seu sua pelo pela',
};

const LANGUAGE_CODE: Record<TsConfig, string | undefined> = {
  english: 'en',
  german: 'de',
  french: 'fr',
  spanish: 'es',
  italian: 'it',
  dutch: 'nl',
  portuguese: 'pt',
  simple: undefined,
};

/** The ISO 639-1 code of a detected language ('en' when the detector could not tell). */
export function languageCode(tsConfig: TsConfig): string {
  return LANGUAGE_CODE[tsConfig] ?? 'en';
}

const LANGUAGES = Object.keys(STOPWORDS) as Exclude<TsConfig, 'simple'>[];
const WORD_LISTS = new Map(LANGUAGES.map((lang) => [lang, new Set(STOPWORDS[lang].split(' '))]));

/**
 * Guesses the text search configuration from stopwords. A word shared by several languages
 * ("de", "la") counts for each of them in part; too little evidence gives 'simple'.
 */
export function detectLanguage(text: string): TsConfig {
  // Single letters ("A+", "e0", "Motor coil A") are mostly labels in manuals, not articles.
  const words =
    text
      .toLowerCase()
      .match(/\p{L}{2,}/gu)
      ?.slice(0, 20_000) ?? [];
  const scores = new Map<TsConfig, number>();
  for (const word of words) {
    const langs = LANGUAGES.filter((lang) => WORD_LISTS.get(lang)!.has(word));
    for (const lang of langs) scores.set(lang, (scores.get(lang) ?? 0) + 1 / langs.length);
  }
  const [best, second] = [...scores].sort((a, b) => b[1] - a[1]);
  if (!best || best[1] < 2 || best[1] < words.length * 0.05) return 'simple';
  return !second || best[1] >= second[1] * 1.25 ? best[0] : 'simple';
}
