import { describe, expect, it } from 'vitest';
import { markdownToHtml, markdownToLine, markdownToText } from '@/lib/text/markdown';

const ANSWER = `**Check the expansion valve** first [1].

> ## 7.5 Discharge temperature
> Turn the unit off before opening the panel.

1. Measure the *suction* pressure.
2. Compare it with the table:
   - below 3 bar: refrigerant is low
   - above 5 bar: valve stuck

| Code | Meaning |
|---|---|
| E07 | discharge too hot |

\`\`\`
SERVICE MODE > 4
\`\`\`

See [the guide](https://example.com/guide) and <b>do not</b> bypass the sensor; E_07 * 2 is not \\# a heading.`;

describe('markdownToText', () => {
  const text = markdownToText(ANSWER);

  it('leaves no Markdown marks and keeps the words', () => {
    expect(text).not.toMatch(/\*\*|^>|^#|<b>|\\#|\]\(/m);
    expect(markdownToText('[x](javascript:alert(1)) and <https://example.com>')).toBe('x and https://example.com');
    expect(text).toContain('Check the expansion valve first [1].');
    expect(text).toContain('7.5 Discharge temperature');
    expect(text).toContain('Turn the unit off before opening the panel.');
    expect(text).toContain('See the guide (https://example.com/guide) and do not bypass the sensor; E_07 * 2 is not # a heading.');
  });

  it('keeps list numbers and bullets, code text and table cells', () => {
    expect(text).toContain(
      '1. Measure the suction pressure.\n2. Compare it with the table:\n   - below 3 bar: refrigerant is low\n   - above 5 bar: valve stuck',
    );
    expect(text).toContain('Code | Meaning\n\nE07 | discharge too hot');
    expect(text).toContain('SERVICE MODE > 4');
  });

  it('separates blocks with a blank line and leaves plain text alone', () => {
    expect(markdownToText('First line\n\nSecond line')).toBe('First line\n\nSecond line');
    expect(markdownToText('The fan [2] runs at 1200 rpm.')).toBe('The fan [2] runs at 1200 rpm.');
    expect(markdownToText('')).toBe('');
  });

  it('gives one line for quotes', () => {
    expect(markdownToLine('## 7.5 Discharge\n\nTurn **off**\nthe unit.')).toBe('7.5 Discharge Turn off the unit.');
  });
});

describe('markdownToHtml', () => {
  it('renders Markdown and drops what could run or load', () => {
    const html = markdownToHtml(
      '**Bold** and [x](javascript:alert(1)) <script>alert(1)</script> ![img](https://t.example/p.png)\n\n> ## 7.5',
    );
    expect(html).toContain('<strong>Bold</strong>');
    expect(html).toContain('<h2>7.5</h2>');
    expect(html).not.toMatch(/<script|javascript:|<img/);
  });
});
