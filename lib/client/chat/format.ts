import type { Citation } from '@/lib/conversations/views';

/** "just now", "5 min ago", "3 h ago", "Yesterday", "Mon", "12 Mar", "12 Mar 2023". */
export function relativeTime(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  const diff = now.getTime() - date.getTime();
  if (Number.isNaN(diff)) return '';
  const minutes = Math.floor(diff / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const day = 24 * 60 * 60 * 1000;
  if (date.getTime() >= startOfToday) return `${Math.floor(minutes / 60)} h ago`;
  if (date.getTime() >= startOfToday - day) return 'Yesterday';
  if (date.getTime() >= startOfToday - 6 * day) return date.toLocaleDateString('en-GB', { weekday: 'short' });
  const sameYear = date.getFullYear() === now.getFullYear();
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', ...(sameYear ? {} : { year: 'numeric' }) });
}

/** "p. 12" or "pp. 12–14". */
export function pageLabel(c: Pick<Citation, 'page' | 'pageEnd'>): string {
  return c.pageEnd && c.pageEnd !== c.page ? `pp. ${c.page}–${c.pageEnd}` : `p. ${c.page}`;
}

/** The manual in the app's viewer, at the cited page with the cited passage highlighted. */
export function citationHref(c: Pick<Citation, 'documentId' | 'page' | 'chunkId'>): string {
  const query = new URLSearchParams({ page: String(c.page), chunk: c.chunkId });
  return `/manuals/${encodeURIComponent(c.documentId)}?${query}`;
}

export type TextPart = string | { refs: number[]; raw: string };

const MARKER = /\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]/g;

/** Splits text at citation markers such as `[2]` or `[1, 3]`; markers with no known source stay text. */
export function splitCitationMarkers(text: string, known?: ReadonlySet<number>): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(MARKER)) {
    const refs = match[1].split(',').map((n) => Number(n.trim()));
    if (known && !refs.every((n) => known.has(n))) continue;
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push({ refs, raw: match[0] });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** Links in answers may only point to the web or an email address. */
export function isSafeHref(href: string | undefined | null): href is string {
  if (!href) return false;
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:';
  } catch {
    return false;
  }
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * While an answer streams, a bold or code span may be open: close it for display so the reader
 * sees formatted text instead of stray `**` or a code block swallowing the rest.
 */
export function closeOpenMarkdown(text: string): string {
  const fences = text.match(/^\s*(```|~~~)/gm)?.length ?? 0;
  if (fences % 2 === 1) return `${text}\n\`\`\``;
  const outsideCode = text.replace(/`[^`\n]*`/g, '');
  let body = text.trimEnd();
  let closing = '';
  if ((outsideCode.match(/`/g)?.length ?? 0) % 2 === 1) closing += '`';
  if ((outsideCode.match(/\*\*/g)?.length ?? 0) % 2 === 1) {
    // Only the opening marker so far: hide it rather than show an empty bold.
    if (body.endsWith('**')) body = body.slice(0, -2).trimEnd();
    else closing += '**';
  }
  return closing || body !== text.trimEnd() ? body + closing : text;
}

/** The id of source `n` under answer `messageId` (a citation marker scrolls to it). */
export const sourceElementId = (messageId: string, n: number) => `source-${messageId}-${n}`;
