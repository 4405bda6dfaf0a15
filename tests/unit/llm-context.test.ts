import { describe, expect, it } from 'vitest';
import { estimateMessagesTokens, estimateTokens, fitContext, omittedNote, truncateMiddle } from '@/lib/llm/context';

type Turn = { role: 'user' | 'assistant'; content: string };
const turns = (n: number, size = 400): Turn[] =>
  Array.from({ length: n }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: `turn ${i} ${'x'.repeat(size)}` }));

describe('estimateTokens', () => {
  it('counts about four characters per token', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('abcde')).toBe(2);
  });
});

describe('fitContext', () => {
  it('sends everything when it fits: system, history in order, then the question', () => {
    const history = turns(4, 10);
    const messages = fitContext({ system: 'sys', history, question: 'Why E07?', budgetTokens: 1_000 });
    expect(messages).toEqual([{ role: 'system', content: 'sys' }, ...history, { role: 'user', content: 'Why E07?' }]);
  });

  it('keeps the newest turns and replaces the oldest with a one-line note', () => {
    const history = turns(10);
    const messages = fitContext({ system: 'sys', history, question: 'latest question', budgetTokens: 450 });
    const kept = messages.slice(1, -1);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(10);
    expect(kept).toEqual(history.slice(10 - kept.length));
    expect(messages[0]).toEqual({ role: 'system', content: `sys\n\n${omittedNote(10 - kept.length)}` });
    expect(messages.at(-1)).toEqual({ role: 'user', content: 'latest question' });
    expect(estimateMessagesTokens(messages)).toBeLessThanOrEqual(450);
  });

  it('stays within the budget for any history', () => {
    for (const budget of [200, 500, 1_000, 3_000]) {
      for (const size of [10, 300, 5_000]) {
        const messages = fitContext({
          system: 'You are Fixline.',
          history: turns(25, size),
          question: 'How do I bleed the line?',
          budgetTokens: budget,
        });
        expect(estimateMessagesTokens(messages)).toBeLessThanOrEqual(budget);
      }
    }
  });

  it('truncates an oversized newest turn instead of dropping it, keeping its start and end', () => {
    const huge = `BEGIN ${'y'.repeat(20_000)} END`;
    const messages = fitContext({ system: 'sys', history: [{ role: 'assistant', content: huge }], question: 'q', budgetTokens: 500 });
    expect(messages).toHaveLength(3);
    expect(messages[1].content.startsWith('BEGIN')).toBe(true);
    expect(messages[1].content.endsWith('END')).toBe(true);
    expect(messages[1].content).toContain('[…]');
    expect(messages[0].content).toBe('sys');
    expect(estimateMessagesTokens(messages)).toBeLessThanOrEqual(500);
  });

  it('always keeps the system prompt and the question, cutting the question only when it alone is too big', () => {
    const question = `Manual passages ${'z'.repeat(10_000)}\n\nTechnician's question:\nWhat is E07?`;
    const messages = fitContext({ system: 'sys', history: turns(3), question, budgetTokens: 300 });
    expect(messages[0].content).toBe(`sys\n\n${omittedNote(3)}`);
    expect(messages).toHaveLength(2);
    expect(messages[1].content).toMatch(/^Manual passages/);
    expect(messages[1].content).toMatch(/What is E07\?$/);
    expect(estimateMessagesTokens(messages)).toBeLessThanOrEqual(300);
  });

  it('says "message" for a single omitted turn', () => {
    expect(omittedNote(1)).toBe('(1 earlier message omitted)');
    expect(omittedNote(3)).toBe('(3 earlier messages omitted)');
  });
});

describe('truncateMiddle', () => {
  it('leaves short text alone and cuts long text to the token limit', () => {
    expect(truncateMiddle('short', 10)).toBe('short');
    const cut = truncateMiddle('a'.repeat(1_000), 50);
    expect(estimateTokens(cut)).toBeLessThanOrEqual(50);
  });
});
