import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '@/lib/client/fetch';
import { citationHref, closeOpenMarkdown, isSafeHref, pageLabel, relativeTime, splitCitationMarkers } from '@/lib/client/chat/format';

describe('chat formatting', () => {
  const now = new Date(2025, 5, 18, 15, 0, 0); // Wednesday

  it('shows times relative to now', () => {
    expect(relativeTime(new Date(2025, 5, 18, 14, 59, 40).toISOString(), now)).toBe('just now');
    expect(relativeTime(new Date(2025, 5, 18, 14, 35).toISOString(), now)).toBe('25 min ago');
    expect(relativeTime(new Date(2025, 5, 18, 9, 0).toISOString(), now)).toBe('6 h ago');
    expect(relativeTime(new Date(2025, 5, 17, 22, 0).toISOString(), now)).toBe('Yesterday');
    expect(relativeTime(new Date(2025, 5, 14, 12, 0).toISOString(), now)).toBe('Sat');
    expect(relativeTime(new Date(2025, 2, 3, 12, 0).toISOString(), now)).toBe('3 Mar');
    expect(relativeTime(new Date(2023, 2, 3, 12, 0).toISOString(), now)).toBe('3 Mar 2023');
    expect(relativeTime('garbage', now)).toBe('');
  });

  it('labels pages and links to the manual viewer at the page and passage', () => {
    expect(pageLabel({ page: 12 })).toBe('p. 12');
    expect(pageLabel({ page: 12, pageEnd: 14 })).toBe('pp. 12–14');
    expect(citationHref({ documentId: 'd1', page: 7, chunkId: 'c9' })).toBe('/manuals/d1?page=7&chunk=c9');
    expect(citationHref({ documentId: 'a/b', page: 2, chunkId: 'x&y' })).toBe('/manuals/a%2Fb?page=2&chunk=x%26y');
  });

  it('finds citation markers, keeping unknown ones as text', () => {
    expect(splitCitationMarkers('Check the fan [1] and valve [2, 3].')).toEqual([
      'Check the fan ',
      { refs: [1], raw: '[1]' },
      ' and valve ',
      { refs: [2, 3], raw: '[2, 3]' },
      '.',
    ]);
    expect(splitCitationMarkers('See [4] and [1]', new Set([1]))).toEqual(['See [4] and ', { refs: [1], raw: '[1]' }]);
    expect(splitCitationMarkers('no markers')).toEqual(['no markers']);
  });

  it('allows only web and mail links', () => {
    expect(isSafeHref('https://example.com/a')).toBe(true);
    expect(isSafeHref('mailto:support@example.com')).toBe(true);
    expect(isSafeHref('javascript:alert(1)')).toBe(false);
    expect(isSafeHref('data:text/html,hi')).toBe(false);
    expect(isSafeHref('/relative')).toBe(false);
    expect(isSafeHref(undefined)).toBe(false);
  });

  it('reads Retry-After as seconds or a date', () => {
    expect(parseRetryAfter('12')).toBe(12);
    expect(parseRetryAfter(new Date(Date.now() + 5_000).toUTCString(), Date.now())).toBeGreaterThanOrEqual(4);
    expect(parseRetryAfter(null)).toBeNull();
  });
});

describe('open Markdown while streaming', () => {
  it('closes an open bold, inline code or code block for display', () => {
    expect(closeOpenMarkdown('You asked: **Phase line ')).toBe('You asked: **Phase line**');
    expect(closeOpenMarkdown('You asked: **')).toBe('You asked:');
    expect(closeOpenMarkdown('Run `cal')).toBe('Run `cal`');
    expect(closeOpenMarkdown('Code:\n```\nE0 30')).toBe('Code:\n```\nE0 30\n```');
    expect(closeOpenMarkdown('All **closed** and `done`')).toBe('All **closed** and `done`');
  });
});
