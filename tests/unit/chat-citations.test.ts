import { describe, expect, it } from 'vitest';
import type { Citation } from '@/db/schema';
import { manualsOnlyAnswer, notCoveredAnswer, numberCitations, quotedPassages } from '@/lib/chat/answer';
import { plainText, snippetOf, type RetrievedChunk } from '@/lib/retrieval';

const citation = (n: number, page: number, heading: string | null = null, documentId = 'doc'): Citation => ({
  n,
  documentId,
  chunkId: `c${n}`,
  title: 'Manual',
  page,
  heading,
  snippet: `passage ${n}`,
});

describe('citations of an answer', () => {
  it('are numbered in the order the answer cites them, with the markers renumbered to match', () => {
    const { text, citations } = numberCitations('Check the belt [3]. Then the valve [1][3].', [
      citation(1, 10),
      citation(2, 11),
      citation(3, 12),
    ]);
    expect(text).toBe('Check the belt [1]. Then the valve [2][1].');
    expect(citations.map((c) => [c.n, c.page])).toEqual([
      [1, 12],
      [2, 10],
    ]);
  });

  it('merge sources of the same page and section into one, and drop markers without a source', () => {
    const { text, citations } = numberCitations('A [1]. B [2]. C [7]. D [1, 2].', [
      citation(1, 5, 'Belts'),
      citation(2, 5, 'Belts'),
      citation(3, 6),
    ]);
    expect(text).toBe('A [1]. B [1]. C . D [1].');
    expect(citations).toHaveLength(1);
  });
});

const chunk = (n: number, content: string, heading: string | null = null): RetrievedChunk => ({
  chunkId: `c${n}`,
  documentId: 'doc',
  title: 'AC-400 manual',
  pageStart: n,
  pageEnd: n,
  heading,
  content,
  score: 1,
});

describe('manuals-only answers', () => {
  it('quote safety passages first and number the markers in the order they appear', () => {
    const passages = quotedPassages([chunk(1, 'Oil capacity is 4 l.'), chunk(2, 'WARNING: release the pressure first.')]);
    expect(passages.map((p) => p.pageStart)).toEqual([2, 1]);
    const text = manualsOnlyAnswer(passages, 'not_configured');
    expect(text.indexOf('[1]')).toBeLessThan(text.indexOf('[2]'));
    expect(text).toMatch(/page 2[^\n]*\[1\]\n\n> WARNING/);
  });

  it("quote the manual's text as plain text, without its Markdown heading marks", () => {
    const text = manualsOnlyAnswer(
      [chunk(1, '## 7.5 Overheating\n\n### Causes\nThe cooler is blocked.', '## 7.5 Overheating')],
      'not_configured',
    );
    expect(text).toContain('> 7.5 Overheating Causes The cooler is blocked.');
    expect(text).not.toMatch(/#/);
    expect(plainText('# Title\n> quoted **bold**')).toBe('Title quoted bold');
    expect(snippetOf('## 4.2 Belt tension\nPress the belt midway.', 'belt')).toBe('4.2 Belt tension Press the belt midway.');
  });

  it('say plainly that the manuals do not cover the question, in its language', () => {
    expect(manualsOnlyAnswer([], 'not_configured', 'how do I pair it with bluetooth')).toMatch(
      /couldn't find anything about this in the manuals/,
    );
    expect(notCoveredAnswer('¿cómo lo conecto por bluetooth con el teléfono?')).toMatch(/^Los manuales cargados no tratan esto/);
    expect(notCoveredAnswer('Wie verbinde ich das mit dem Handy?')).toMatch(/^Die geladenen Handbücher/);
  });
});
