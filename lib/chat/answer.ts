import type { Citation } from '@/db/schema';
import { snippetOf, type RetrievedChunk } from '@/lib/retrieval';

export function toCitations(chunks: RetrievedChunk[], query: string): Citation[] {
  return chunks.map((c, i) => ({
    n: i + 1,
    documentId: c.documentId,
    chunkId: c.chunkId,
    title: c.title,
    page: c.pageStart,
    ...(c.pageEnd > c.pageStart ? { pageEnd: c.pageEnd } : {}),
    heading: c.heading,
    snippet: snippetOf(c.content, query),
  }));
}

/** The citations an answer actually refers to ([n] markers); numbering is kept so markers stay valid. */
export function citedOnly(answer: string, citations: Citation[]): Citation[] {
  const used = new Set([...answer.matchAll(/\[(\d{1,2})\]/g)].map((m) => Number(m[1])));
  return citations.filter((c) => used.has(c.n));
}

const SAFETY = /\b(danger|warning|caution|hazard|lockout|tagout)\b/i;

function quote(text: string, max = 700): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  const cut = clean.length > max ? `${clean.slice(0, max).replace(/\s+\S*$/, '')} …` : clean;
  return `> ${cut}`;
}

export const NO_MANUAL_CONTENT =
  "I couldn't find anything about this in the manuals that are loaded. Check the machine model and try other words (an error code or part name helps), or escalate to support so a person can help.";

/**
 * The answer when no model is available: the best passages, quoted as written, with citations.
 * Safety passages come first.
 */
export function manualsOnlyAnswer(chunks: RetrievedChunk[], why: 'not_configured' | 'model_failed'): string {
  if (!chunks.length) return NO_MANUAL_CONTENT;
  const intro =
    why === 'model_failed'
      ? 'The AI assistant is unavailable right now, so here are the most relevant passages from the manuals, quoted as written:'
      : 'Here are the most relevant passages from the manuals, quoted as written:';
  const ordered = chunks
    .map((c, i) => ({ c, n: i + 1 }))
    .slice(0, 4)
    .sort((a, b) => Number(SAFETY.test(b.c.content)) - Number(SAFETY.test(a.c.content)));
  const parts = ordered.map(({ c, n }) => {
    const where = `**${c.title}**, page ${c.pageStart}${c.heading ? ` — ${c.heading}` : ''} [${n}]`;
    return `${where}\n\n${quote(c.content)}`;
  });
  return `${intro}\n\n${parts.join('\n\n')}`;
}

/** Splits text into small pieces so a manuals-only answer streams like any other. */
export function pieces(text: string, size = 24): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

export function autoTitle(message: string): string {
  const line = message.replace(/\s+/g, ' ').trim();
  if (line.length <= 60) return line || 'New conversation';
  return `${line.slice(0, 57).replace(/\s+\S*$/, '')}…`;
}
