import 'server-only';
import type { AiMessage, Citation } from '@/db/schema';

export interface TranscriptEntry {
  role: AiMessage['role'];
  /** Who wrote it, as support reads it: the technician's name, "Assistant", "Support · Sam". */
  who: string;
  at: Date;
  content: string;
  citations: Citation[];
  /** "interrupted", "manuals only" … when worth saying. */
  note: string | null;
}

/** The conversation as support should read it; empty placeholders of answers being written are left out. */
export function toTranscript(messages: AiMessage[], technicianName: string): TranscriptEntry[] {
  return messages
    .filter((m) => m.content.trim() !== '')
    .map((m) => {
      const notes: string[] = [];
      if (m.role === 'assistant' && m.mode === 'manuals_only') notes.push('manuals only, not AI-written');
      if (m.status === 'interrupted' || m.status === 'stopped' || m.status === 'failed') notes.push(m.status);
      if (m.status === 'streaming') notes.push('still being written');
      if (m.helpful === false) notes.push('rated not helpful');
      if (m.helpful === true) notes.push('rated helpful');
      const who =
        m.role === 'user'
          ? technicianName
          : m.role === 'assistant'
            ? 'Assistant'
            : m.role === 'support'
              ? `Support · ${m.authorName ?? 'support'}`
              : 'Fixline';
      return {
        role: m.role,
        who,
        at: m.createdAt,
        content: m.content,
        citations: m.citations ?? [],
        note: notes.length ? notes.join(', ') : null,
      };
    });
}

export function formatTime(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function citationLabel(c: Citation): string {
  const pages = c.pageEnd && c.pageEnd > c.page ? `pages ${c.page}–${c.pageEnd}` : `page ${c.page}`;
  return `[${c.n}] ${c.title}, ${pages}`;
}

/** Plain text of the transcript, cut (from the start, keeping the latest) to `maxChars`. */
export function transcriptText(entries: TranscriptEntry[], maxChars: number): { text: string; cut: boolean; kept: number } {
  const blocks = entries.map((e) => {
    const head = `[${formatTime(e.at)}] ${e.who}${e.note ? ` (${e.note})` : ''}:`;
    const cites = e.citations.length ? `\n${e.citations.map((c) => `    ${citationLabel(c)}`).join('\n')}` : '';
    return `${head}\n${e.content.trim()}${cites}`;
  });
  const text = blocks.join('\n\n');
  if (text.length <= maxChars) return { text, cut: false, kept: entries.length };
  const kept: string[] = [];
  let size = 0;
  for (const block of [...blocks].reverse()) {
    if (size + block.length + 2 > maxChars) break;
    kept.unshift(block);
    size += block.length + 2;
  }
  return { text: kept.join('\n\n'), cut: true, kept: kept.length };
}
