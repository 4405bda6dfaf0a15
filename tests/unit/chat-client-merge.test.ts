import { describe, expect, it } from 'vitest';
import { mergeSnapshot, mergeToken } from '@/lib/client/chat/merge-text';

describe('token merging', () => {
  it('appends tokens in order', () => {
    let text = '';
    for (const [t, o] of [
      ['Check ', 0],
      ['the ', 6],
      ['valve', 10],
    ] as const)
      text = mergeToken(text, t, o);
    expect(text).toBe('Check the valve');
  });

  it('ignores a token delivered twice by two streams', () => {
    let text = mergeToken('', 'Check ', 0);
    text = mergeToken(text, 'the ', 6);
    text = mergeToken(text, 'Check ', 0);
    text = mergeToken(text, 'the ', 6);
    expect(text).toBe('Check the ');
  });

  it('appends only the new part of a token that overlaps', () => {
    expect(mergeToken('Check th', 'the valve', 6)).toBe('Check the valve');
  });

  it('ignores a token that leaves a gap', () => {
    expect(mergeToken('Check', 'valve', 10)).toBe('Check');
    expect(mergeToken('Check', 'x', -1)).toBe('Check');
  });

  it('interleaves two streams that are at different points', () => {
    const tokens = ['A', 'B', 'C', 'D', 'E'].map((t, i) => ({ t, o: i }));
    let text = '';
    const order = [0, 1, 0, 2, 1, 3, 2, 4, 3, 4];
    for (const i of order) text = mergeToken(text, tokens[i].t, tokens[i].o);
    expect(text).toBe('ABCDE');
  });

  it('takes a snapshot unless it is behind', () => {
    expect(mergeSnapshot('Che', 'Check the')).toBe('Check the');
    expect(mergeSnapshot('Check the valve', 'Check the')).toBe('Check the valve');
  });
});
