import { describe, expect, it } from 'vitest';
import { manualsOnlyAnswer } from '@/lib/chat/answer';
import type { RetrievedChunk } from '@/lib/retrieval';
import { markdownToText } from '@/lib/text/markdown';
import { passageQuote } from '@/lib/text/passage';

const chunk = (content: string): RetrievedChunk => ({
  chunkId: 'c1',
  documentId: 'doc',
  title: 'AC-400 manual',
  pageStart: 12,
  pageEnd: 12,
  heading: '7.5 Overheating',
  content,
  score: 1,
});

describe('manual passages quoted in manuals-only answers', () => {
  it("keep the manual's words and none of its heading marks", () => {
    const passage = [
      '## 7.5 Overheating ##',
      '',
      'Causes',
      '======',
      '',
      '\\# 3 screws hold the **cover**; see *Figure 4*.',
      '   ### Checks',
      '- the cooler is blocked',
    ].join('\n');
    const text = manualsOnlyAnswer([chunk(passage)], 'not_configured');
    const quoted = text.split('\n').find((l) => l.startsWith('> '));
    expect(quoted).toBe('> 7.5 Overheating Causes # 3 screws hold the cover; see Figure 4. Checks - the cooler is blocked');
    // Rendered again as Markdown, the quote reads the same: no heading, no emphasis.
    expect(markdownToText(quoted!)).toBe('7.5 Overheating Causes # 3 screws hold the cover; see Figure 4. Checks - the cooler is blocked');
  });

  it('stay words where they would start a heading, a list or a quote', () => {
    expect(passageQuote('\\# 3 screws')).toBe('\\# 3 screws');
    expect(markdownToText(`> ${passageQuote('\\# 3 screws')}`)).toBe('# 3 screws');
    expect(markdownToText(`> ${passageQuote('2\\. Remove the panel')}`)).toBe('2. Remove the panel');
    expect(markdownToText(`> ${passageQuote('\\- 5 V max')}`)).toBe('- 5 V max');
    expect(passageQuote('7.5 Overheating')).toBe('7.5 Overheating');
  });

  it('are cut at a word boundary', () => {
    expect(passageQuote('## Belts\n\nCheck the belt tension every month', 20)).toBe('Belts Check the …');
  });
});
