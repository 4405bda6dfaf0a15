import { describe, expect, it } from 'vitest';
import { markdownToPlainText } from '@/lib/email/plain-text';

describe('markdownToPlainText', () => {
  it('keeps the words and drops the markup', () => {
    expect(markdownToPlainText('Check the **fan fuse** and the `F3` _relay_.')).toBe('Check the fan fuse and the F3 relay.');
    expect(markdownToPlainText('# Steps\n\nFirst this.')).toBe('Steps\n\nFirst this.');
  });

  it('writes links with their address, lists with dashes or numbers, quotes with ">"', () => {
    expect(markdownToPlainText('See [the manual](https://example.com/m.pdf) or <https://example.com>.')).toBe(
      'See the manual (https://example.com/m.pdf) or https://example.com.',
    );
    expect(markdownToPlainText('- one\n- two')).toBe('- one\n- two');
    expect(markdownToPlainText('3. three\n4. four')).toBe('3. three\n4. four');
    expect(markdownToPlainText('> quoted\n> line')).toBe('> quoted\n> line');
  });

  it('keeps code as indented text and drops HTML tags', () => {
    expect(markdownToPlainText('```\nreset --all\n```')).toBe('    reset --all');
    expect(markdownToPlainText('a <b>bold</b> word')).toBe('a bold word');
  });

  it('leaves plain text as it is', () => {
    expect(markdownToPlainText('Is the fan turning?\nPlease check.')).toBe('Is the fan turning?\nPlease check.');
  });
});
